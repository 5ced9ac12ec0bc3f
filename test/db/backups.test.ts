// Backups and recovery: online backups in rotation, a damaged file refused at start-up, and the
// command line putting the latest good backup back (keeping the damaged file).
import Database from 'better-sqlite3-multiple-ciphers';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKUPS_KEPT, backupNow, latestGoodBackup, listBackups } from '../../electron/db/backup';
import { DamagedDatabaseError } from '../../electron/db/damaged';
import { DATABASE_FILE_NAME, openStore } from '../../electron/db/open';
import { tempFolder } from '../support/tempStore';
import { TEST_KEY, giveTestKeys, openTestDb } from '../support/testKey';

const folders: string[] = [];
const fresh = () => {
  const f = tempFolder('desk-backup-');
  folders.push(f);
  return f;
};
afterEach(() => folders.splice(0).forEach((f) => rmSync(f, { recursive: true, force: true })));

const AGENCIES = 400;
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function seedAgencies(folder: string): string {
  const file = join(folder, DATABASE_FILE_NAME);
  const store = openStore(file, TEST_KEY);
  const insert = store.writer.prepare(
    "INSERT INTO agency (name, name_key, sector, statutory_partner, created_at) VALUES (?, ?, 'police', 0, '2026-11-23T10:00:00Z')",
  );
  store.writer.transaction(() => {
    for (let i = 1; i <= AGENCIES; i += 1) insert.run(`Agency number ${i} of the safeguarding partnership`, `agency-${i}`);
  })();
  store.close();
  return file;
}

function damage(file: string): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(4096, 0xff), 0, 4096, 8192);
  closeSync(fd);
}

function board(folder: string, ...args: string[]) {
  giveTestKeys(folder);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join('electron', 'cli', 'index.ts'), ...args, '--data', folder], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

const agencyCount = (db: Database.Database) => (db.prepare('SELECT count(*) AS n FROM agency').get() as { n: number }).n;

describe('backupNow', () => {
  it('makes a self-contained file that passes integrity_check and holds the same rows', async () => {
    const folder = fresh();
    const file = seedAgencies(folder);
    const store = openStore(file, TEST_KEY);
    const backup = await backupNow(store.writer, folder, TEST_KEY, 'manual');
    store.close();
    expect(backup).toMatch(/[\\/]backups[\\/]escalation-desk-\d{8}-\d{6}-manual\.sqlite$/);
    const copy = openTestDb(backup, { readonly: true, fileMustExist: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(agencyCount(copy)).toBe(AGENCIES);
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    } finally {
      copy.close();
    }
    expect(listBackups(folder)).toEqual([expect.objectContaining({ file: backup, reason: 'manual', size: expect.any(Number) })]);
  });

  it(`keeps the newest ${BACKUPS_KEPT}, with unique names even within one second`, async () => {
    const folder = fresh();
    const store = openStore(join(folder, DATABASE_FILE_NAME), TEST_KEY);
    const at = new Date('2026-11-23T10:00:00Z');
    const made: string[] = [];
    try {
      for (let i = 0; i < BACKUPS_KEPT + 5; i += 1) made.push(await backupNow(store.writer, folder, TEST_KEY, 'scheduled', at));
      made.push(await backupNow(store.writer, folder, TEST_KEY, 'on-quit', new Date('2026-11-23T16:00:00Z')));
    } finally {
      store.close();
    }
    expect(new Set(made).size).toBe(made.length);
    const kept = listBackups(folder);
    expect(kept).toHaveLength(BACKUPS_KEPT);
    expect(readdirSync(join(folder, 'backups'))).toHaveLength(BACKUPS_KEPT);
    expect(kept.map((b) => b.file)).toEqual(made.slice(-BACKUPS_KEPT).reverse());
    expect(kept[0]).toMatchObject({ reason: 'on-quit', takenAt: new Date('2026-11-23T16:00:00Z') });
  });
});

describe('a damaged records file', () => {
  it('is refused at start-up, naming the latest good backup, and left byte-for-byte as it was', async () => {
    const folder = fresh();
    const file = seedAgencies(folder);
    const store = openStore(file, TEST_KEY);
    const good = await backupNow(store.writer, folder, TEST_KEY, 'scheduled', new Date('2026-11-22T09:30:00Z'));
    store.close();
    damage(file);
    const before = sha(file);
    let error: unknown;
    try {
      openStore(file, TEST_KEY).close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DamagedDatabaseError);
    const message = (error as Error).message;
    expect(message).toContain("failed SQLite's integrity check");
    expect(message).toContain('NOT opened for writing');
    expect(message).toContain('2026-11-22 09:30 UTC');
    expect(message).toContain(good);
    expect(message).toContain('npm run board -- restore --latest');
    expect(message).toContain('--from');
    expect(sha(file)).toBe(before);
    expect(latestGoodBackup(folder, TEST_KEY)?.file).toBe(good);
  });

  it('says plainly when there is no backup to offer', () => {
    const folder = fresh();
    const file = seedAgencies(folder);
    damage(file);
    expect(() => openStore(file, TEST_KEY)).toThrow(/failed SQLite's integrity check.*There is no good backup/s);
  });

  it('skips a damaged backup when choosing the latest good one', async () => {
    const folder = fresh();
    const file = seedAgencies(folder);
    const store = openStore(file, TEST_KEY);
    const older = await backupNow(store.writer, folder, TEST_KEY, 'scheduled', new Date('2026-11-22T09:30:00Z'));
    const newer = await backupNow(store.writer, folder, TEST_KEY, 'scheduled', new Date('2026-11-23T09:30:00Z'));
    store.close();
    damage(newer);
    expect(latestGoodBackup(folder, TEST_KEY)?.file).toBe(older);
  });
});

describe('npm run board -- restore', () => {
  it('puts the latest good backup back, keeps the replaced file, and the app opens with the rows there', async () => {
    const folder = fresh();
    const file = seedAgencies(folder);
    const store = openStore(file, TEST_KEY);
    const good = await backupNow(store.writer, folder, TEST_KEY, 'scheduled');
    store.close();
    damage(file);
    const damagedHash = sha(file);

    const listed = board(folder, 'backups');
    expect(listed).toMatchObject({ code: 0, out: expect.stringContaining(good) });

    const restored = board(folder, 'restore', '--latest');
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.out).toContain(`Restored ${good}`);
    const replaced = readdirSync(folder).filter((n) => /^escalation-desk\.sqlite\.replaced-\d{8}-\d{6}$/.test(n));
    expect(replaced).toHaveLength(1);
    expect(restored.out).toContain(join(folder, replaced[0]!));
    expect(sha(join(folder, replaced[0]!))).toBe(damagedHash);

    const reopened = openStore(file, TEST_KEY);
    try {
      expect(agencyCount(reopened.reader)).toBe(AGENCIES);
    } finally {
      reopened.close();
    }
  }, 60_000);

  it('exits 3 with a plain message when there is no backup, or the chosen one fails its check, changing nothing', () => {
    const folder = fresh();
    const file = seedAgencies(folder);
    const before = sha(file);
    const none = board(folder, 'restore', '--latest');
    expect(none.code).toBe(3);
    expect(none.err).toContain("There is no backup that passes SQLite's integrity check");
    const bad = join(folder, 'bad.sqlite');
    copyFileSync(file, bad);
    damage(bad);
    const badFile = board(folder, 'restore', '--from', bad);
    expect(badFile.code).toBe(3);
    expect(badFile.err).toMatch(/fails SQLite.s integrity check/);
    expect(board(folder, 'restore')).toMatchObject({ code: 2, err: expect.stringContaining('give either --latest or --from FILE') });
    expect(sha(file)).toBe(before);
    expect(existsSync(join(folder, 'backups'))).toBe(false);
    expect(readdirSync(folder).filter((n) => n.includes('replaced'))).toEqual([]);
  }, 60_000);

  it('makes a manual backup from the command line and prints its path', () => {
    const folder = fresh();
    seedAgencies(folder);
    const made = board(folder, 'backup');
    expect(made.code).toBe(0);
    const [backup] = listBackups(folder);
    expect(backup?.reason).toBe('manual');
    expect(made.out).toContain(backup!.file);
  }, 60_000);
});
