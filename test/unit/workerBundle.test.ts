// Run from the source, the return reader's worker is bundled with esbuild and the bundle kept between
// processes (electron/services/returns/workbookWorker.ts): used only while every file it was made
// from is unchanged, and only from a folder no one else can write to.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledFromSource } from '../../electron/services/returns/workbookWorker';

const entry = fileURLToPath(new URL('../../electron/services/returns/returnWorker.ts', import.meta.url));
const self = fileURLToPath(new URL('../../electron/services/returns/workbookWorker.ts', import.meta.url));

let folder: string;
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const keptFile = () =>
  join(
    folder,
    readdirSync(folder).find((f) => f.endsWith('.json'))!,
  );
const kept = () => JSON.parse(readFileSync(keptFile(), 'utf8')) as { inputs: Record<string, string>; bundle: string };

describe('the worker bundled from the source', () => {
  it('is kept with the hash of every file it was made from, and used while they are unchanged', async () => {
    folder = mkdtempSync(join(tmpdir(), 'worker-bundle-'));
    const bundle = await bundledFromSource(entry, self, folder);
    expect(bundle).toContain('parentPort');
    const { inputs } = kept();
    expect(Object.keys(inputs)).toEqual(expect.arrayContaining([entry, self, expect.stringMatching(/esbuild[\\/]package\.json$/)]));
    expect(Object.keys(inputs).some((file) => file.endsWith('workbookCells.ts'))).toBe(true);
    // What is kept is what is run, while the files match.
    writeFileSync(keptFile(), JSON.stringify({ inputs, bundle: '/* kept */' }));
    expect(await bundledFromSource(entry, self, folder)).toBe('/* kept */');
  });

  it('is made afresh when a file it was made from has changed since', async () => {
    folder = mkdtempSync(join(tmpdir(), 'worker-bundle-'));
    await bundledFromSource(entry, self, folder);
    const { inputs } = kept();
    writeFileSync(keptFile(), JSON.stringify({ inputs: { ...inputs, [entry]: '0'.repeat(64) }, bundle: '/* stale */' }));
    const bundle = await bundledFromSource(entry, self, folder);
    expect(bundle).toContain('parentPort');
    expect(kept().inputs[entry]).toBe(inputs[entry]);
  });

  it('is neither kept nor read in a folder others can write to', async () => {
    folder = mkdtempSync(join(tmpdir(), 'worker-bundle-'));
    chmodSync(folder, 0o777);
    writeFileSync(join(folder, 'planted.json'), '{}');
    const bundle = await bundledFromSource(entry, self, folder);
    expect(bundle).toContain('parentPort');
    expect(readdirSync(folder)).toEqual(['planted.json']);
  });
});
