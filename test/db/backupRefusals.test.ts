// What may not become the board: an empty file, a backup cut short, an SQLite file that is not
// Escalation Desk records, and records with no coordinator when the board has accounts. Each is
// refused by the command line (exit 3) and by the app's Backups screen, with the records file
// byte-for-byte as it was; and rotation never deletes the last good backup.
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, openSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openFrontDesk, type FrontDesk } from '../../electron/desk/frontDesk';
import { BACKUPS_KEPT, backupNow, backupsFolder, latestGoodBackup, listBackups, rotateBackups } from '../../electron/db/backup';
import { DATABASE_FILE_NAME, openStore } from '../../electron/db/open';
import { dbFingerprint } from '../support/dbFingerprint';
import type { Channel, ChannelInput } from '../../shared/contract';
import { ok, tempFolder } from '../support/tempStore';
import { TEST_KEY, giveTestKeys, openTestDb } from '../support/testKey';

const opened: FrontDesk[] = [];
const folders: string[] = [];
afterEach(() => {
  opened.splice(0).forEach((h) => h.close());
  folders.splice(0).forEach((f) => rmSync(f, { recursive: true, force: true }));
});

function folder(): string {
  const f = tempFolder('desk-refusal-');
  folders.push(f);
  return f;
}

const now = () => new Date('2026-11-23T10:00:00Z');

function host(dataFolder: string, trusted = true): FrontDesk {
  const h = openFrontDesk({
    key: TEST_KEY,
    dataFolder,
    mode: 'web',
    version: '0.0.0-test',
    now,
    ...(trusted ? { actor: () => 'Sam Coordinator' } : {}),
    onFault: (channel, error) => {
      throw new Error(`unexpected fault on ${channel}: ${String(error)}`);
    },
  });
  opened.push(h);
  return h;
}

function closeHost(h: FrontDesk): void {
  opened.splice(opened.indexOf(h), 1);
  h.close();
}

const call = async <C extends Channel>(h: FrontDesk, channel: C, input: ChannelInput<C>) => ok(await h.callAsync(channel, input));

function board(dataFolder: string, ...args: string[]) {
  giveTestKeys(dataFolder);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join('electron', 'cli', 'index.ts'), ...args, '--data', dataFolder], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** A board with agencies and one good backup; returns the backup's path. */
async function boardWithBackup(data: string): Promise<string> {
  const h = host(data);
  for (let i = 1; i <= 200; i += 1)
    await call(h, 'agencies:create', { name: `Agency number ${i} of the partnership`, sector: 'police', statutoryPartner: false });
  const backup = await call(h, 'backups:create', {});
  closeHost(h);
  return join(backupsFolder(data), backup.name);
}

/** The three kinds of file that are not a backup, written at the given paths. */
function badFiles(good: string, paths: { empty: string; truncated: string; foreign: string }): void {
  writeFileSync(paths.empty, '');
  copyFileSync(good, paths.truncated);
  truncateSync(paths.truncated, Math.floor(statSync(good).size / 2));
  const foreign = openTestDb(paths.foreign);
  foreign.exec("CREATE TABLE recipe (name TEXT); INSERT INTO recipe VALUES ('scones')");
  foreign.close();
}

const REFUSED = {
  empty: /is empty \(0 bytes\).*so it was not restored\. Nothing has changed\./,
  truncated:
    /is cut short: it holds \d+ bytes, (fewer than its own header promises|not a whole number of its 4096-byte pages).*so it was not restored\. Nothing has changed\./,
  foreign: /is an SQLite database but not Escalation Desk records.*so it was not restored\. Nothing has changed\./,
};

describe('restore --from a file that is not a good backup', () => {
  it('refuses an empty file, a truncated backup and a foreign SQLite file with exit 3, changing nothing', async () => {
    const data = folder();
    const good = await boardWithBackup(data);
    const paths = { empty: join(data, 'empty.sqlite'), truncated: join(data, 'truncated.sqlite'), foreign: join(data, 'foreign.sqlite') };
    badFiles(good, paths);
    const records = join(data, DATABASE_FILE_NAME);
    const before = dbFingerprint(records);
    for (const kind of ['empty', 'truncated', 'foreign'] as const) {
      const run = board(data, 'restore', '--from', paths[kind]);
      expect(run.code, `${kind}: ${run.out}`).toBe(3);
      expect(run.err, kind).toMatch(REFUSED[kind]);
      expect(run.err, kind).toContain(paths[kind]);
    }
    expect(dbFingerprint(records)).toBe(before);
    expect(readdirSync(data).filter((n) => n.includes('.replaced-') || n.includes('.restoring-'))).toEqual([]);
    const store = openStore(records, TEST_KEY);
    try {
      expect((store.reader.prepare('SELECT count(*) AS n FROM agency').get() as { n: number }).n).toBe(200);
    } finally {
      store.close();
    }
  }, 120_000);
});

describe('restoring from the Backups screen a file that is not a good backup', () => {
  it('refuses an empty file, a truncated backup and a foreign SQLite file named as backups, changing nothing', async () => {
    const data = folder();
    const good = await boardWithBackup(data);
    const named = (stamp: string) => join(backupsFolder(data), `escalation-desk-${stamp}-manual.sqlite`);
    const paths = { empty: named('20300101-000001'), truncated: named('20300101-000002'), foreign: named('20300101-000003') };
    badFiles(good, paths);
    const h = host(data);
    const records = h.desk!.store.file;
    const before = dbFingerprint(records);
    const backupsBefore = readdirSync(backupsFolder(data)).sort();
    for (const kind of ['empty', 'truncated', 'foreign'] as const) {
      const name = paths[kind].split(/[\\/]/).pop()!;
      expect(await call(h, 'backups:check', { name }), kind).toEqual({ name, checksOut: false });
      const result = await h.callAsync('backups:restore', { name, confirmed: true });
      expect(result.ok, kind).toBe(false);
      expect((result as { error: { message: string } }).error.message, kind).toMatch(REFUSED[kind]);
    }
    expect(dbFingerprint(records)).toBe(before);
    // No before-restore backup was taken and nothing was set aside.
    expect(readdirSync(backupsFolder(data)).sort()).toEqual(backupsBefore);
    expect(readdirSync(data).filter((n) => n.includes('.replaced-'))).toEqual([]);
    expect(await call(h, 'agencies:list', { includeRetired: true })).toHaveLength(200);
  }, 60_000);
});

describe('a restore that would leave the board without a coordinator', () => {
  it('is refused in the app and on the command line when the board has accounts, changing nothing', async () => {
    const data = folder();
    // A backup from before the board had accounts.
    const early = await boardWithBackup(data);
    const h = host(data, false);
    const password = 'a long test pass phrase';
    await call(h, 'session:setUp', { userName: 'jo', displayName: 'Jo Coordinator', password, repeatPassword: password });
    const records = h.desk!.store.file;
    const before = dbFingerprint(records);
    const backupsBefore = readdirSync(backupsFolder(data)).sort();
    const name = early.split(/[\\/]/).pop()!;
    const result = await h.callAsync('backups:restore', { name, confirmed: true });
    expect(result).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(
          /has no active coordinator account, so restoring it would leave the board with nobody able to manage it .*It was not restored\. Nothing has changed\./,
        ),
      },
    });
    expect(readdirSync(backupsFolder(data)).sort()).toEqual(backupsBefore);
    expect(dbFingerprint(records)).toBe(before);
    closeHost(h);
    const after = dbFingerprint(records);

    const run = board(data, 'restore', '--from', early);
    expect(run.code).toBe(3);
    expect(run.err).toMatch(/has no active coordinator account/);
    expect(board(data, 'restore', '--latest')).toMatchObject({ code: 3, err: expect.stringMatching(/has no active coordinator account/) });
    expect(dbFingerprint(records)).toBe(after);
    expect(readdirSync(data).filter((n) => n.includes('.replaced-'))).toEqual([]);
    const store = openStore(records, TEST_KEY);
    try {
      expect(store.reader.prepare("SELECT user_name FROM app_user WHERE role = 'coordinator'").all()).toEqual([{ user_name: 'jo' }]);
    } finally {
      store.close();
    }
  }, 120_000);

  it('allows a backup with an active coordinator when the board has accounts', async () => {
    const data = folder();
    const h = host(data, false);
    const password = 'a long test pass phrase';
    await call(h, 'session:setUp', { userName: 'jo', displayName: 'Jo Coordinator', password, repeatPassword: password });
    const backup = await call(h, 'backups:create', {});
    expect(await h.callAsync('backups:restore', { name: backup.name, confirmed: true })).toMatchObject({ ok: true });
  });
});

describe('rotation', () => {
  it('counts only good backups, so the last good one outlives any number of bad ones, and goes only when enough good ones are newer', async () => {
    const data = folder();
    const file = join(data, DATABASE_FILE_NAME);
    const store = openStore(file, TEST_KEY);
    try {
      const good = await backupNow(store.writer, data, TEST_KEY, 'scheduled', new Date('2026-11-01T10:00:00Z'));
      // Bad files named as newer backups: empty ones and damaged ones.
      for (let i = 0; i < BACKUPS_KEPT + 5; i += 1) {
        const bad = join(backupsFolder(data), `escalation-desk-202611${String(i + 2).padStart(2, '0')}-100000-scheduled.sqlite`);
        if (i % 2 === 0) writeFileSync(bad, '');
        else {
          copyFileSync(good, bad);
          const fd = openSync(bad, 'r+');
          writeSync(fd, Buffer.alloc(4096, 0xff), 0, 4096, 0);
          closeSync(fd);
        }
      }
      rotateBackups(data, TEST_KEY);
      expect(listBackups(data).map((b) => b.file)).toContain(good);
      expect(latestGoodBackup(data, TEST_KEY)?.file).toBe(good);
      // A new good backup: still the old good one is kept (two good ones, far fewer than the limit).
      await backupNow(store.writer, data, TEST_KEY, 'scheduled', new Date('2026-12-01T10:00:00Z'));
      expect(listBackups(data).map((b) => b.file)).toContain(good);
      // Enough newer good ones: the oldest good one and every bad one older than them go.
      for (let i = 0; i < BACKUPS_KEPT; i += 1)
        await backupNow(store.writer, data, TEST_KEY, 'scheduled', new Date(Date.UTC(2026, 11, 2 + i, 10)));
      const kept = listBackups(data);
      expect(kept).toHaveLength(BACKUPS_KEPT);
      expect(kept.map((b) => b.file)).not.toContain(good);
      expect(kept.every((b) => b.takenAt >= new Date('2026-12-01T10:00:00Z'))).toBe(true);
    } finally {
      store.close();
    }
  });
});
