// Files only their owner can read: the records file and its companions, backups (the copy before a
// migration included), files a restore sets aside and exports are 0600 in 0700 folders, whether
// the app makes them or an older version left them wider.
import { chmodSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openFrontDesk, type FrontDesk } from '../../electron/desk/frontDesk';
import { backupsFolder } from '../../electron/db/backup';
import { migrate } from '../../electron/db/migrate';
import { migrations } from '../../electron/db/migrations/index';
import { DATABASE_FILE_NAME, openStore } from '../../electron/db/open';
import type { Channel, ChannelInput } from '../../shared/contract';
import { ok, tempFolder } from '../support/tempStore';
import { TEST_KEY, openTestDb } from '../support/testKey';

const opened: FrontDesk[] = [];
const folders: string[] = [];
afterEach(() => {
  opened.splice(0).forEach((h) => h.close());
  folders.splice(0).forEach((f) => rmSync(f, { recursive: true, force: true }));
});

function folder(): string {
  const f = tempFolder('desk-modes-');
  folders.push(f);
  return f;
}

function host(dataFolder: string): FrontDesk {
  const h = openFrontDesk({
    key: TEST_KEY,
    dataFolder,
    mode: 'web',
    version: '0.0.0-test',
    actor: () => 'Sam Coordinator',
    now: () => new Date('2026-11-23T10:00:00Z'),
  });
  opened.push(h);
  return h;
}

const call = async <C extends Channel>(h: FrontDesk, channel: C, input: ChannelInput<C>) => ok(await h.callAsync(channel, input));
const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** Every file and folder under the data folder, with its mode. */
function modes(dataFolder: string): Record<string, string> {
  const found: Record<string, string> = { '.': mode(dataFolder) };
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      found[`${prefix}${name}`] = mode(path);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`);
    }
  };
  walk(dataFolder, '');
  return found;
}

function expectOwnerOnly(dataFolder: string): Record<string, string> {
  const found = modes(dataFolder);
  for (const [path, m] of Object.entries(found)) {
    const folderPath = path === '.' || statSync(join(dataFolder, path)).isDirectory();
    expect(m, path).toBe(folderPath ? '700' : '600');
  }
  return found;
}

// Windows has no POSIX modes (chmod only sets the read-only flag): these cannot hold or fail there.
describe.skipIf(process.platform === 'win32')('file modes (POSIX only: Windows has no owner/group/other modes)', () => {
  it('are 0600 in 0700 folders after opening, a backup, an export and a restore', async () => {
    const data = folder();
    const h = host(data);
    await call(h, 'agencies:create', { name: 'Bromley Police', sector: 'police', statutoryPartner: false });
    const opened = expectOwnerOnly(data);
    expect(Object.keys(opened)).toEqual(
      expect.arrayContaining([DATABASE_FILE_NAME, `${DATABASE_FILE_NAME}-wal`, `${DATABASE_FILE_NAME}-shm`, 'exports']),
    );

    const backup = await call(h, 'backups:create', {});
    expect(expectOwnerOnly(data)).toMatchObject({ backups: '700', [`backups/${backup.name}`]: '600' });

    let job = await call(h, 'exports:boardReturn', { quarter: '2026-Q3' });
    for (let i = 0; i < 200 && job.state === 'running'; i += 1) {
      await new Promise((r) => setTimeout(r, 50));
      job = await call(h, 'exports:status', { jobId: job.jobId });
    }
    expect(job.state).toBe('done');
    expect(readdirSync(join(data, 'exports'))).toHaveLength(1);
    expectOwnerOnly(data);

    const restored = await call(h, 'backups:restore', { name: backup.name, confirmed: true });
    expect(restored.keptAside.length).toBeGreaterThan(0);
    expect(restored.beforeRestoreBackup).not.toBeNull();
    expectOwnerOnly(data);
  });

  it('are 0600 for the copy taken before a migration', () => {
    const data = folder();
    const file = join(data, DATABASE_FILE_NAME);
    const db = openTestDb(file);
    migrate(db, file, TEST_KEY, migrations.slice(0, -1));
    db.close();
    chmodSync(file, 0o600);
    const store = openStore(file, TEST_KEY);
    store.close();
    const found = expectOwnerOnly(data);
    expect(Object.keys(found).filter((p) => p.startsWith('backups/') && p.endsWith('-before-migration.sqlite'))).toHaveLength(1);
  });

  it('are repaired at start-up from 0644 files in 0755 folders', async () => {
    const data = folder();
    const first = host(data);
    const backup = await call(first, 'backups:create', {});
    opened.splice(0).forEach((h) => h.close());
    // As an older version left them: readable by every local user.
    const file = join(data, DATABASE_FILE_NAME);
    writeFileSync(`${file}.replaced-20261101-090000`, 'the records a restore set aside');
    mkdirSync(join(data, 'exports'), { recursive: true });
    for (const folderPath of [data, backupsFolder(data), join(data, 'exports')]) chmodSync(folderPath, 0o755);
    for (const filePath of [file, `${file}.replaced-20261101-090000`, join(backupsFolder(data), backup.name)]) chmodSync(filePath, 0o644);
    expect(modes(data)).toMatchObject({ '.': '755', [DATABASE_FILE_NAME]: '644', backups: '755', [`backups/${backup.name}`]: '644' });

    host(data);
    expectOwnerOnly(data);
  });
});
