import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, NewerDatabaseError } from '../../electron/db/migrate';
import { listBackups } from '../../electron/db/backup';
import { LATEST_VERSION, migrations, type Migration } from '../../electron/db/migrations/index';
import { DATABASE_FILE_NAME, openStore } from '../../electron/db/open';
import { tempFolder } from '../support/tempStore';
import { TEST_KEY, openTestDb } from '../support/testKey';

const folders: string[] = [];
const fresh = () => {
  const f = tempFolder();
  folders.push(f);
  return f;
};
afterEach(() => folders.splice(0).forEach((f) => rmSync(f, { recursive: true, force: true })));

describe('opening the store', () => {
  it('migrates an empty file to the latest schema with the pragmas records need', () => {
    const file = join(fresh(), 'desk.sqlite');
    const store = openStore(file, TEST_KEY);
    try {
      expect(store.schemaVersion).toBe(LATEST_VERSION);
      expect(store.writer.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.writer.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(store.writer.pragma('foreign_keys', { simple: true })).toBe(1);
      const tables = (
        store.reader.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
      ).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining(['agency', 'board_membership', 'officer', 'audit_entry']));
    } finally {
      store.close();
    }
  });

  it('opens an up-to-date file again without migrating or backing up', () => {
    const folder = fresh();
    const file = join(folder, 'desk.sqlite');
    openStore(file, TEST_KEY).close();
    const store = openStore(file, TEST_KEY);
    store.close();
    expect(readdirSync(folder).filter((n) => n.endsWith('.bak'))).toEqual([]);
    expect(listBackups(folder)).toEqual([]);
  });

  it('gives reads a connection that cannot write', () => {
    const store = openStore(join(fresh(), 'desk.sqlite'), TEST_KEY);
    try {
      expect(() =>
        store.reader
          .prepare("INSERT INTO agency (name, name_key, sector, statutory_partner, created_at) VALUES ('a','a','police',0,'x')")
          .run(),
      ).toThrow(/readonly/i);
    } finally {
      store.close();
    }
  });

  it('refuses a database written by a newer version, in plain words, and leaves it byte-for-byte as it was', () => {
    const file = join(fresh(), 'desk.sqlite');
    const raw = openTestDb(file);
    raw.exec('CREATE TABLE future_thing (x)');
    raw.pragma(`user_version = ${LATEST_VERSION + 10}`);
    raw.close();
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    let error: unknown;
    try {
      openStore(file, TEST_KEY);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NewerDatabaseError);
    expect((error as Error).message).toMatch(/written by a newer version of Escalation Desk/);
    expect((error as Error).message).toMatch(/has not been opened/);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
  });
});

describe('numbered migrations', () => {
  const step = (version: number, sql: string): Migration => ({ version, name: `step ${version}`, up: (db) => db.exec(sql) });

  it('runs pending steps in order, records the version and backs the file up first', () => {
    const file = join(fresh(), 'desk.sqlite');
    const db = openTestDb(file);
    db.pragma('journal_mode = WAL');
    migrate(db, file, TEST_KEY, [step(10, 'CREATE TABLE a (x)')]);
    db.prepare('INSERT INTO a VALUES (1)').run();
    const result = migrate(db, file, TEST_KEY, [
      step(10, 'CREATE TABLE a (x)'),
      step(20, 'CREATE TABLE b (y)'),
      step(30, 'ALTER TABLE b ADD COLUMN z'),
    ]);
    expect(result).toMatchObject({ from: 10, to: 30 });
    expect(db.pragma('user_version', { simple: true })).toBe(30);
    expect(result.backup).not.toBeNull();
    expect(existsSync(result.backup!)).toBe(true);
    const backup = openTestDb(result.backup!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(10);
    expect(backup.prepare('SELECT x FROM a').all()).toEqual([{ x: 1 }]);
    backup.close();
    db.close();
  });

  it('backs up with SQLite itself into the rotation: a self-contained, integrity-checked copy of the schema and rows before the change', () => {
    const folder = fresh();
    const file = join(folder, DATABASE_FILE_NAME);
    // A records file as the release before left it, with an agency in it, and the agency's row
    // still in the WAL (not yet folded into the main file).
    const previous = migrations.at(-2)!.version;
    const old = openTestDb(file);
    old.pragma('journal_mode = WAL');
    migrate(
      old,
      file,
      TEST_KEY,
      migrations.filter((m) => m.version <= previous),
    );
    old
      .prepare(
        "INSERT INTO agency (name, name_key, sector, statutory_partner, created_at) VALUES ('Bromley Police', 'bromley police', 'police', 1, '2026-01-01T00:00:00Z')",
      )
      .run();
    expect(listBackups(folder)).toEqual([]);
    old.close();

    const store = openStore(file, TEST_KEY);
    expect(store.schemaVersion).toBe(LATEST_VERSION);
    store.close();

    const [backup, ...others] = listBackups(folder);
    expect(others).toEqual([]);
    expect(backup).toMatchObject({ reason: 'before-migration' });
    expect(backup!.file.startsWith(join(folder, 'backups'))).toBe(true);
    expect(readdirSync(folder).filter((n) => n.endsWith('.bak'))).toEqual([]);
    const copy = openTestDb(backup!.file, { readonly: true, fileMustExist: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(copy.pragma('user_version', { simple: true })).toBe(previous);
      expect(copy.prepare('SELECT name FROM agency').all()).toEqual([{ name: 'Bromley Police' }]);
    } finally {
      copy.close();
    }
    expect(readdirSync(join(folder, 'backups'))).toEqual([backup!.name]);
  });

  it('does not migrate when the backup before it cannot be made, and says so', () => {
    const folder = fresh();
    const file = join(folder, 'desk.sqlite');
    const db = openTestDb(file);
    migrate(db, file, TEST_KEY, [step(10, 'CREATE TABLE a (x)')]);
    // A file where the backups folder should be: the copy cannot be written.
    writeFileSync(join(folder, 'backups'), 'not a folder');
    expect(() => migrate(db, file, TEST_KEY, [step(10, ''), step(20, 'CREATE TABLE b (y)')])).toThrow(
      /Could not back up the records before updating their format/,
    );
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    db.close();
  });

  it('rolls every pending step back when one fails, leaving the version where it was', () => {
    const file = join(fresh(), 'desk.sqlite');
    const db = openTestDb(file);
    migrate(db, file, TEST_KEY, [step(10, 'CREATE TABLE a (x)')]);
    expect(() => migrate(db, file, TEST_KEY, [step(10, ''), step(20, 'CREATE TABLE b (y)'), step(30, 'THIS IS NOT SQL')])).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'b'").get()).toEqual({ n: 0 });
    db.close();
  });
});
