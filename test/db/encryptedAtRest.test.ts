// Records encrypted at rest (issue 17), through the app's own paths on real files: a case logged
// and an account made leave no case text, initials, reference or account name in the records
// file, its WAL or any backup, searched byte-wise; plain SQLite (the sqlite3 command line and the
// driver without the key) cannot read the file, and the store opens only with its key. A board
// from before encryption is moved over in one step when it is first opened with a key: its records
// and every plain copy the app made (backups, a restore's set-aside file) come out encrypted, with
// every row still there.
import Database from 'better-sqlite3-multiple-ciphers';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupNow, backupsFolder, backupVerdict, listBackups } from '../../electron/db/backup';
import { DATA_KEY_BYTES, recordsFileKind } from '../../electron/db/cipher';
import { DamagedDatabaseError } from '../../electron/db/damaged';
import { DATABASE_FILE_NAME, openStore } from '../../electron/db/open';
import { logEscalation, seedBoard } from '../support/boardFixture';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';
import { decryptInPlace, openTestDb, TEST_KEY } from '../support/testKey';

const SUMMARY = 'Nursery says the health visitor closed the case while the bruising was unexplained.';
const REFERENCE = 'EN-77123';
const INITIALS = 'QZ';
const ACCOUNT = 'ptestcoordinator';
const SECRETS = [SUMMARY, REFERENCE, ACCOUNT, 'Quinn Testcoordinator'];

const opened: TestDesk[] = [];
afterEach(() => {
  for (const desk of opened.splice(0)) {
    // Closed by the test already when it reads the files as they are left.
    if (desk.store.writer.open) desk.close();
    rmSync(desk.dataFolder, { recursive: true, force: true });
  }
});

/** A board with one case and one account, as a coordinator would leave it, and a backup taken through the app. */
function boardWithSecrets(): TestDesk {
  const desk = openTestDesk();
  opened.push(desk);
  const board = seedBoard(desk, 'bromley');
  logEscalation(desk, board, { reference: REFERENCE, childInitials: INITIALS, summary: SUMMARY });
  const password = 'a long enough password 1';
  ok(desk.call('session:setUp', { userName: ACCOUNT, displayName: 'Quinn Testcoordinator', password, repeatPassword: password }));
  return desk;
}

/** Every file in the data folder and its backups/, with what of `secrets` each holds in the clear (as UTF-8 or UTF-16). */
function clearTextIn(dataFolder: string, secrets: readonly string[]): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  const files = [
    ...readdirSync(dataFolder).map((n) => join(dataFolder, n)),
    ...(existsSync(backupsFolder(dataFolder)) ? readdirSync(backupsFolder(dataFolder)).map((n) => join(backupsFolder(dataFolder), n)) : []),
  ].filter((f) => /\.sqlite|\.keys/.test(f));
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      continue; // a folder
    }
    const hits = secrets.filter((s) => bytes.includes(Buffer.from(s, 'utf8')) || bytes.includes(Buffer.from(s, 'utf16le')));
    if (hits.length > 0) found[file] = hits;
  }
  return found;
}

describe('the records at rest', () => {
  it('hold no case text, reference, initials or account name in the file, its WAL or any backup', async () => {
    const desk = boardWithSecrets();
    const file = desk.store.file;
    // While the app is open the newest rows are in the WAL.
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(clearTextIn(desk.dataFolder, SECRETS)).toEqual({});
    await backupNow(desk.store.writer, desk.dataFolder, TEST_KEY, 'manual', new Date('2026-11-23T10:00:00Z'));
    desk.store.writer.pragma('wal_checkpoint(TRUNCATE)');
    expect(listBackups(desk.dataFolder)).toHaveLength(1);
    expect(clearTextIn(desk.dataFolder, SECRETS)).toEqual({});
    // The initials are two letters: searched as the column holds them, next to the reference, in the whole folder.
    expect(clearTextIn(desk.dataFolder, [`${REFERENCE}${INITIALS}`, `${INITIALS}${REFERENCE}`])).toEqual({});
    for (const backup of listBackups(desk.dataFolder)) expect(recordsFileKind(backup.file)).toBe('encrypted');
    expect(recordsFileKind(file)).toBe('encrypted');
    // And the key opens them: the case is there.
    const read = openTestDb(file, { readonly: true });
    expect(read.prepare('SELECT summary FROM escalation WHERE reference = ?').get(REFERENCE)).toEqual({ summary: SUMMARY });
    read.close();
  });

  it('cannot be read by plain SQLite, and the store opens only with its key', () => {
    const desk = boardWithSecrets();
    const file = desk.store.file;
    desk.close();
    const plain = new Database(file, { readonly: true });
    expect(() => plain.prepare('SELECT count(*) FROM escalation').get()).toThrow(/file is not a database/);
    plain.close();
    const cli = spawnSync('sqlite3', [file, 'SELECT count(*) FROM escalation;'], { encoding: 'utf8' });
    expect(cli.error).toBeUndefined();
    expect(cli.stderr).toMatch(/file is not a database/);
    const before = readFileSync(file);
    // A wrong key is not taken for damage silently: the file is not opened for writing and is left exactly as it was.
    expect(() => openStore(file, randomBytes(DATA_KEY_BYTES))).toThrow(DamagedDatabaseError);
    expect(readFileSync(file).equals(before)).toBe(true);
    const store = openStore(file, TEST_KEY);
    expect((store.reader.prepare('SELECT count(*) AS n FROM escalation').get() as { n: number }).n).toBe(1);
    store.close();
  });

  it('are not taken back from a copy in the clear or one under another board’s key', async () => {
    const desk = boardWithSecrets();
    const backup = await backupNow(desk.store.writer, desk.dataFolder, TEST_KEY, 'manual', new Date('2026-11-23T10:00:00Z'));
    expect(backupVerdict(backup, TEST_KEY)).toBeNull();
    expect(backupVerdict(backup, randomBytes(DATA_KEY_BYTES))).toBe(
      'cannot be read with this board’s key: it was encrypted under another key, or it is not an SQLite database at all, or its first page is damaged',
    );
    const plainCopy = join(desk.dataFolder, 'plain-copy.sqlite');
    copyFileSync(backup, plainCopy);
    decryptInPlace(plainCopy);
    expect(backupVerdict(plainCopy, TEST_KEY)).toMatch(/^is not encrypted: it is a plain SQLite file/);
  });
});

describe('a board from before encryption', () => {
  it('is encrypted in one step on opening, with its plain backups and set-aside file, losing no row', async () => {
    const desk = boardWithSecrets();
    const { dataFolder } = desk;
    const file = desk.store.file;
    const backup = await backupNow(desk.store.writer, dataFolder, TEST_KEY, 'manual', new Date('2026-11-23T10:00:00Z'));
    desk.close();
    // The older version's files: a plain records file, a plain backup and a plain file a restore set aside.
    decryptInPlace(file);
    decryptInPlace(backup);
    const setAside = join(dataFolder, `${DATABASE_FILE_NAME}.replaced-20260101-000000`);
    copyFileSync(file, setAside);
    expect(recordsFileKind(file)).toBe('plain');
    expect(Object.keys(clearTextIn(dataFolder, SECRETS))).toHaveLength(3);

    const store = openStore(file, TEST_KEY);
    expect((store.reader.prepare('SELECT summary FROM escalation WHERE reference = ?').get(REFERENCE) as { summary: string }).summary).toBe(
      SUMMARY,
    );
    store.writer.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    expect(clearTextIn(dataFolder, SECRETS)).toEqual({});
    expect(recordsFileKind(file)).toBe('encrypted');
    expect(recordsFileKind(setAside)).toBe('encrypted');
    // The backup taken as the move-over began, and the older backup now encrypted, both check out under the key.
    const backups = listBackups(dataFolder);
    expect(backups.map((b) => b.reason).sort()).toEqual(['before-encryption', 'manual']);
    for (const b of backups) expect(backupVerdict(b.file, TEST_KEY)).toBeNull();
    // Nothing the move-over wrote on the way is left beside the records.
    expect(readdirSync(dataFolder).filter((n) => n.includes('.encrypting-'))).toEqual([]);
    rmSync(setAside);
  });
});
