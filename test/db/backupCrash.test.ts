// A backup cut short must never become a backup: the app is killed (SIGKILL) at every step of
// writing one (the online "Back up now", the copy before a restore, the copy before a migration)
// and at moments of the test's choosing while it backs up in a loop. After each kill the list
// holds only backups that pass their check, and the next start-up removes whatever was left.
import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupProblem, backupsFolder, listBackups, type BackupStep } from '../../electron/db/backup';
import { migrate } from '../../electron/db/migrate';
import { migrations } from '../../electron/db/migrations/index';
import { DATABASE_FILE_NAME, openStore } from '../../electron/db/open';
import { BACKUP_NAME } from '../../shared/domain/recovery';
import { tempFolder } from '../support/tempStore';
import { TEST_KEY, openTestDb } from '../support/testKey';

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((f) => rmSync(f, { recursive: true, force: true })));

// Enough rows that the online copy takes several of its 100-page steps, so a kill lands mid-copy.
const AGENCIES = 3000;

function seed(folder: string, options: { olderSchema?: boolean } = {}): void {
  const file = join(folder, DATABASE_FILE_NAME);
  const db = openTestDb(file);
  db.pragma('journal_mode = WAL');
  // One release behind, so opening it migrates (and first backs up).
  migrate(db, file, TEST_KEY, options.olderSchema ? migrations.slice(0, -1) : migrations);
  const insert = db.prepare(
    "INSERT INTO agency (name, name_key, sector, statutory_partner, created_at) VALUES (?, ?, 'police', 0, '2026-11-23T10:00:00Z')",
  );
  db.transaction(() => {
    for (let i = 1; i <= AGENCIES; i += 1) insert.run(`Agency number ${i} of the safeguarding partnership`, `agency-${i}`);
  })();
  db.close();
}

interface Run {
  signal: NodeJS.Signals | null;
  acks: number;
  stderr: string;
}

/** Runs the child; with `killAfterAcks`, the test kills it that many ms after that many backups. */
function runChild(folder: string, args: string[], killAfter?: { acks: number; ms: number }): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join('test', 'support', 'crashBackup.ts'), folder, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let acks = 0;
    let stderr = '';
    let armed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      acks += (chunk.toString().match(/^ack /gm) ?? []).length;
      if (killAfter && !armed && acks >= killAfter.acks) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), killAfter.ms);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (_code, signal) => resolve({ signal, acks, stderr }));
  });
}

interface Tally {
  kills: number;
  listedAfterKill: number;
  leftoversAfterKill: number;
}

/** After a kill: every listed backup passes its check; after the next start-up nothing else is in backups/. */
function expectOnlyGoodBackups(folder: string, tally: Tally, label: string): void {
  tally.kills += 1;
  const listed = listBackups(folder);
  tally.listedAfterKill += listed.length;
  for (const backup of listed) expect(backupProblem(backup.file, TEST_KEY), `${label}: ${backup.name}`).toBeNull();
  const names = readdirSync(backupsFolder(folder));
  tally.leftoversAfterKill += names.filter((n) => !BACKUP_NAME.test(n)).length;
  // The next start-up: leftovers go, the records open (migrating if the kill came before that).
  openStore(join(folder, DATABASE_FILE_NAME), TEST_KEY).close();
  for (const name of readdirSync(backupsFolder(folder))) expect(name, `${label}: left in backups/ after start-up`).toMatch(BACKUP_NAME);
  for (const backup of listBackups(folder))
    expect(backupProblem(backup.file, TEST_KEY), `${label}: ${backup.name} after start-up`).toBeNull();
}

const ONLINE_STEPS: BackupStep[] = ['reserved', 'copying', 'copied', 'checked', 'synced', 'linked', 'published', 'rotated'];
const MIGRATION_STEPS: BackupStep[] = ['reserved', 'copied', 'checked', 'synced', 'linked', 'published', 'rotated'];

describe('a backup cut short by a crash', () => {
  it('at every step of "Back up now", of the copy before a restore and of the copy before a migration, leaves only good backups or none', async () => {
    const tally: Tally = { kills: 0, listedAfterKill: 0, leftoversAfterKill: 0 };
    const cases: [string, BackupStep, number][] = [
      ...ONLINE_STEPS.map((s) => ['online', s, 1] as [string, BackupStep, number]),
      // The second backup's steps, with a good one already in the folder; mid-copy a few steps in.
      ...ONLINE_STEPS.map((s) => ['online', s, s === 'copying' ? 3 : 2] as [string, BackupStep, number]),
      ...ONLINE_STEPS.map((s) => ['before-restore', s, 1] as [string, BackupStep, number]),
      ...MIGRATION_STEPS.map((s) => ['before-migration', s, 1] as [string, BackupStep, number]),
    ];
    for (const [kind, step, nth] of cases) {
      const folder = tempFolder('desk-backup-crash-');
      folders.push(folder);
      seed(folder, { olderSchema: kind === 'before-migration' });
      const run = await runChild(folder, [kind, step, String(nth)]);
      expect(run.signal, `${kind} at ${step} (#${nth}) was not killed: ${run.stderr}`).toBe('SIGKILL');
      expectOnlyGoodBackups(folder, tally, `${kind} at ${step} (#${nth})`);
    }
    // Kills before a backup is named leave something to tidy: the start-up above removed it.
    expect(tally.leftoversAfterKill).toBeGreaterThan(0);
    console.log(
      `[backup crash] ${tally.kills} kills at each step: ${tally.listedAfterKill} backups listed after them, all good; ${tally.leftoversAfterKill} leftovers removed at the next start-up`,
    );
  }, 300_000);

  it('at moments chosen from outside while backing up in a loop, leaves only good backups', async () => {
    const tally: Tally = { kills: 0, listedAfterKill: 0, leftoversAfterKill: 0 };
    const folder = tempFolder('desk-backup-crash-');
    folders.push(folder);
    seed(folder);
    const KILLS = 16;
    for (let round = 0; round < KILLS; round += 1) {
      const run = await runChild(folder, ['loop'], { acks: 1 + (round % 3), ms: (round * 7) % 40 });
      expect(run.signal, run.stderr).toBe('SIGKILL');
      expectOnlyGoodBackups(folder, tally, `round ${round}`);
    }
    console.log(
      `[backup crash] ${tally.kills} kills while backing up: ${listBackups(folder).length} backups kept, all good; ${tally.leftoversAfterKill} leftovers removed at start-ups`,
    );
  }, 300_000);
});
