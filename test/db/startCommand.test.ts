// `npm start` as a person runs it, in a process of its own (node scripts/start.mjs, which `npm start`
// runs), in the local web mode because this machine has no Electron: stopped with SIGTERM sent to
// that one process (as a service manager or a closing terminal does), it stops the server behind it,
// takes the on-quit backup and says which file that is and where the records are.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempFolder } from '../support/tempStore';
import { PINNED_CLOCK } from './boardServerProcess';

const folders: string[] = [];
const groups: number[] = [];
afterEach(() => {
  // Whatever is left of the command's process group (nothing, when it stopped as it should).
  for (const group of groups.splice(0)) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const alive = (group: number) => {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start', () => {
  it('says on stopping which backup it took and where the records are, and leaves nothing running', async () => {
    const data = tempFolder('start-');
    folders.push(data);
    const child = spawn(process.execPath, [join(process.cwd(), 'scripts', 'start.mjs'), '--data', data, '--port', '0'], {
      cwd: process.cwd(),
      env: { ...process.env, DESK_FORCE_WEB: '1', ESCALATION_DESK_CLOCK: PINNED_CLOCK, TZ: 'Europe/London' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so the test can tell whether anything it started is still running.
      detached: true,
    });
    groups.push(child.pid!);
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // The renderer is built first: on a shared machine that can take a minute or two.
    await expect.poll(() => out, { timeout: 240_000, interval: 500 }).toContain('Escalation Desk (web mode) is running.');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const said = /Backup taken on stopping: (\S+)/.exec(out);
    expect(said, out).not.toBeNull();
    expect(said![1]).toBe(join(data, 'backups', said![1]!.split('/').at(-1)!));
    expect(said![1]).toMatch(/on-quit\.sqlite$/);
    expect(existsSync(said![1]!)).toBe(true);
    expect(out).toContain(`Stopped. The records stay in ${data}.`);
    // The server stopped with it: nothing of the command is left running.
    await expect.poll(() => alive(child.pid!), { timeout: 10_000 }).toBe(false);
  }, 300_000);
});
