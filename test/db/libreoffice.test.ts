// Not every agency has Excel. The template must open in LibreOffice, and a return filled in and
// saved there must import. CI installs LibreOffice (libreoffice-calc-nogui); where it is missing
// the tests say so in their names and skip, rather than pass without checking anything.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedBoard } from '../support/boardFixture';
import { openTestDesk, tempFolder, type TestDesk } from '../support/tempStore';
import { NOW, day, fillReturn, importReturn, loadWorkbook, makeTemplate } from '../support/workbooks';

const soffice = ['soffice', 'libreoffice'].find((name) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0) ?? null;
const SKIPPED = soffice ? '' : ' (SKIPPED: LibreOffice is not installed here: apt-get install -y libreoffice-calc-nogui)';

let desk: TestDesk;
const folders: string[] = [];
afterEach(() => {
  desk?.cleanup();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Converts with a profile of its own, so a stuck or parallel LibreOffice cannot get in the way. */
function convert(file: string, to: string): { status: number | null; outDir: string; stderr: string } {
  const outDir = tempFolder('lo-out-');
  const profile = tempFolder(`lo-${randomBytes(4).toString('hex')}-`);
  folders.push(outDir, profile);
  const run = spawnSync(
    soffice!,
    [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', to, '--outdir', outDir, file],
    { timeout: 120_000, encoding: 'utf8' },
  );
  return { status: run.status, outDir, stderr: `${run.stderr ?? ''}${run.error ? String(run.error) : ''}` };
}

describe('LibreOffice', () => {
  it.skipIf(!soffice)(
    `opens the template and converts it to CSV${SKIPPED}`,
    async () => {
      desk = openTestDesk({ now: () => NOW });
      const board = seedBoard(desk, 'bromley');
      const template = await makeTemplate(desk, board.school, 'return-template.xlsx');
      const result = convert(template, 'csv');
      expect(result.status, result.stderr).toBe(0);
      const csv = join(result.outDir, 'return-template.csv');
      expect(existsSync(csv), readdirSync(result.outDir).join(', ')).toBe(true);
      // The first sheet is the instructions.
      expect(readFileSync(csv, 'utf8')).toContain('Safeguarding Children Board: quarterly return of escalations');
    },
    150_000,
  );

  it.skipIf(!soffice)(
    `keeps the autofilter, the dropdowns and the hidden sheets when LibreOffice saves the template${SKIPPED}`,
    async () => {
      desk = openTestDesk({ now: () => NOW });
      seedBoard(desk, 'bromley');
      const result = convert(await makeTemplate(desk, null, 'all.xlsx'), 'xlsx:Calc MS Excel 2007 XML');
      expect(result.status, result.stderr).toBe(0);
      const workbook = await loadWorkbook(join(result.outDir, 'all.xlsx'));
      // LibreOffice has no “very hidden”: About comes back merely hidden, which the reader accepts.
      expect(workbook.worksheets.map((s) => [s.name, s.state])).toEqual([
        ['Instructions', 'visible'],
        ['Return', 'visible'],
        ['Lists', 'hidden'],
        ['About', 'hidden'],
      ]);
      const sheet = workbook.getWorksheet('Return')!;
      expect(sheet.autoFilter).toBe('A5:M5');
      expect(sheet.getCell('C6').dataValidation).toMatchObject({ type: 'list' });
      expect(sheet.getCell('C6').dataValidation!.formulae[0]).toMatch(/^\$?Lists!\$A\$2:\$A\$5$/);
      expect(sheet.getCell('E6').dataValidation).toMatchObject({ type: 'date', formulae: [day(2026, 7, 1), day(2026, 9, 30)] });
    },
    150_000,
  );

  it.skipIf(!soffice)(
    `imports a return that was saved again by LibreOffice${SKIPPED}`,
    async () => {
      desk = openTestDesk({ now: () => NOW });
      const board = seedBoard(desk, 'bromley');
      const filled = await fillReturn(await makeTemplate(desk, null), {
        agency: 'Hollyfield Primary School',
        rows: [
          {
            reference: 'HPS-0001',
            initials: 'AB',
            challenged: 'Bristol City Council',
            category: 'Level of need or threshold',
            raised: day(2026, 7, 15),
            stage: '2 - Escalate to line manager',
            outcome: 'Original decision changed',
            resolved: day(2026, 8, 28),
          },
        ],
      });
      const source = join(tempFolder('lo-in-'), 'filled.xlsx');
      folders.push(join(source, '..'));
      writeFileSync(source, filled);
      const result = convert(source, 'xlsx:Calc MS Excel 2007 XML');
      expect(result.status, result.stderr).toBe(0);
      const resaved = readFileSync(join(result.outDir, 'filled.xlsx'));
      expect(resaved.equals(filled)).toBe(false);
      const imported = await importReturn(desk, 'filled.xlsx', resaved);
      expect(imported).toMatchObject({ ok: true, summary: { agencyId: board.school, rows: 1 } });
      expect(desk.store.reader.prepare('SELECT opened_on, ended_on, status FROM escalation').get()).toEqual({
        opened_on: '2026-07-15',
        ended_on: '2026-08-28',
        status: 'resolved',
      });
    },
    150_000,
  );
});
