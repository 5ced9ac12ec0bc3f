// What the encrypting driver does, on real files (issue 17): the facts the encrypted store is built
// on. A keyed file and its WAL hold no record text in the clear; neither the sqlite3 command line
// nor the driver without the key reads it, and a wrong key is refused; a VACUUM INTO copy stays
// encrypted under the same key, while SQLite's online backup refuses an encrypted source (so a
// backup of an encrypted store is never a plain copy by mistake). And a file's first bytes tell a
// plain store from an encrypted one without any key.
import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyDataKey, DATA_KEY_BYTES, openKeyed, recordsFileKind } from '../../electron/db/cipher';
import { tempFolder } from '../support/tempStore';
import { decryptedPages, sqlcipher4Pages } from '../support/decryptedPages';

// What must never be readable in the file: a case's words, its reference and initials, an account name.
const SECRETS = ['The school believes the threshold decision leaves the child without a plan.', 'CS-1001', 'jcoordinator'];

let folder = '';
afterEach(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = '';
});

function keyedStore(file: string, key: Buffer): Database.Database {
  const db = new Database(file);
  applyDataKey(db, key);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE record (reference TEXT, initials TEXT, summary TEXT, account TEXT)');
  db.prepare('INSERT INTO record VALUES (?, ?, ?, ?)').run(SECRETS[1], 'AB', SECRETS[0], SECRETS[2]);
  return db;
}

const holdsInClear = (file: string) => SECRETS.filter((s) => readFileSync(file).includes(Buffer.from(s, 'utf8')));

describe('an encrypted records file', () => {
  it('holds no record text in the clear, in the file or its WAL, and reads back with its key', () => {
    folder = tempFolder('desk-cipher-');
    const file = join(folder, 'records.sqlite');
    const key = randomBytes(DATA_KEY_BYTES);
    const db = keyedStore(file, key);
    // Before a checkpoint the rows are in the WAL; after it, in the file.
    expect(holdsInClear(`${file}-wal`)).toEqual([]);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(holdsInClear(file)).toEqual([]);
    db.close();
    expect(recordsFileKind(file)).toBe('encrypted');

    const again = new Database(file, { readonly: true });
    applyDataKey(again, key);
    expect(again.prepare('SELECT reference, summary FROM record').get()).toEqual({ reference: SECRETS[1], summary: SECRETS[0] });
    again.close();
  });

  it('cannot be read without its key, by the driver or the sqlite3 command line, nor with another key', () => {
    folder = tempFolder('desk-cipher-');
    const file = join(folder, 'records.sqlite');
    keyedStore(file, randomBytes(DATA_KEY_BYTES)).close();

    const plain = new Database(file, { readonly: true });
    expect(() => plain.prepare('SELECT * FROM sqlite_master').all()).toThrow(/file is not a database/);
    plain.close();

    const cli = spawnSync('sqlite3', [file, 'SELECT * FROM record;'], { encoding: 'utf8' });
    expect(cli.status).not.toBe(0);
    expect(cli.stderr).toMatch(/file is not a database/);
    expect(cli.stdout).not.toContain(SECRETS[1]);

    const wrong = new Database(file, { readonly: true });
    applyDataKey(wrong, randomBytes(DATA_KEY_BYTES));
    expect(() => wrong.prepare('SELECT * FROM record').all()).toThrow(/file is not a database/);
    wrong.close();
  });

  it('is copied encrypted by VACUUM INTO, and SQLite’s online backup refuses to copy it at all', async () => {
    folder = tempFolder('desk-cipher-');
    const file = join(folder, 'records.sqlite');
    const key = randomBytes(DATA_KEY_BYTES);
    const db = keyedStore(file, key);

    const copy = join(folder, 'copy.sqlite');
    db.prepare('VACUUM INTO ?').run(copy);
    expect(holdsInClear(copy)).toEqual([]);
    const opened = new Database(copy, { readonly: true });
    applyDataKey(opened, key);
    expect(opened.prepare('SELECT initials FROM record').get()).toEqual({ initials: 'AB' });
    opened.close();

    await expect(db.backup(join(folder, 'backup.sqlite'))).rejects.toThrow(/incompatible source and target/);
    db.close();
  });

  it('is told from a plain store and from an empty file by its first bytes, without a key', () => {
    folder = tempFolder('desk-cipher-');
    const plainFile = join(folder, 'plain.sqlite');
    const plain = new Database(plainFile);
    plain.exec('CREATE TABLE t (x)');
    plain.close();
    expect(recordsFileKind(plainFile)).toBe('plain');
    const empty = join(folder, 'empty.sqlite');
    writeFileSync(empty, '');
    expect(recordsFileKind(empty)).toBe('empty');
  });

  it('follows SQLCipher 4’s page format, checked without SQLite from the format’s documentation', () => {
    folder = tempFolder('desk-cipher-');
    const file = join(folder, 'records.sqlite');
    const key = randomBytes(DATA_KEY_BYTES);
    const db = keyedStore(file, key);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // Every page authenticates as SQLCipher 4 computes it, and decrypts (AES-256-CBC under the raw key) to SQLite's own pages.
    expect(sqlcipher4Pages(file, key)).toBeGreaterThan(1);
    const pages = decryptedPages(file, key);
    expect(pages.includes(Buffer.from(SECRETS[0]!))).toBe(true);
    expect(pages.includes(Buffer.from('CREATE TABLE record'))).toBe(true);
    expect(() => sqlcipher4Pages(file, randomBytes(DATA_KEY_BYTES))).toThrow(/page 1 does not carry SQLCipher 4's HMAC/);
  });

  // SQLite names its temporary files etilqs_… and unlinks them as it opens them, so they are seen
  // only among the process's open files, while a sort that outgrew the page cache is being read.
  // Open files are listed in /proc/self/fd, which only Linux has, so elsewhere the test is skipped;
  // CI runs on Linux.
  const openTempFiles = () =>
    readdirSync('/proc/self/fd').flatMap((fd) => {
      try {
        const target = readlinkSync(`/proc/self/fd/${fd}`);
        return target.includes('etilqs_') ? [target] : [];
      } catch {
        return []; // the fd readdir itself used, closed again
      }
    });

  function sortSpills(db: Database.Database): string[] {
    db.exec('CREATE TABLE record (reference TEXT, summary TEXT)');
    const insert = db.prepare('INSERT INTO record VALUES (?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 20_000; i += 1) insert.run(`CS-${i}`, `${SECRETS[0]} ${randomBytes(40).toString('hex')}`);
    })();
    db.pragma('cache_size = 20'); // pages: the sort below is some 200 times larger
    const rows = db.prepare('SELECT reference, summary FROM record ORDER BY summary').iterate();
    rows.next(); // the sort is finished before its first row is returned
    const seen = openTempFiles();
    rows.return?.();
    return seen;
  }

  it.skipIf(process.platform !== 'linux')('never spills a sort to an unencrypted temporary file', () => {
    folder = tempFolder('desk-cipher-');
    const key = randomBytes(DATA_KEY_BYTES);
    // The probe sees a spill where SQLite's default would make one: without this the test could not fail.
    const plain = new Database(join(folder, 'plain.sqlite'));
    plain.pragma('temp_store = DEFAULT');
    expect(sortSpills(plain).length).toBeGreaterThan(0);
    plain.close();
    // Every connection the app opens to records, backups and copies is opened this way.
    const db = openKeyed(join(folder, 'records.sqlite'), key);
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    expect(sortSpills(db)).toEqual([]);
    db.close();
  });

  it('takes only a 256-bit key', () => {
    const db = new Database(':memory:');
    expect(() => applyDataKey(db, randomBytes(16))).toThrow('A records key is 32 bytes; this one is 16.');
    db.close();
  });
});
