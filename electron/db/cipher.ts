// Encryption of the records file (issue 17): SQLite3 Multiple Ciphers, inside the driver
// (better-sqlite3-multiple-ciphers), with its SQLCipher 4 scheme, so that the standard `sqlcipher`
// tool opens a file given its key, for an audit or a recovery without this app:
//   sqlcipher escalation-desk.sqlite
//   sqlite> PRAGMA key = "x'<the 64 hex digits of the data key>'";
// Every page is encrypted (AES-256-CBC) and authenticated (HMAC-SHA512), the WAL's too.
// What the driver does and refuses is pinned by test/db/cipher.test.ts: a keyed file, its WAL and a
// VACUUM INTO copy hold no text in the clear; SQLite's online backup refuses an encrypted source, so
// a backup of an encrypted store is a keyed VACUUM INTO, never the backup API.
import { closeSync, openSync, readSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { attachAuditKey } from './auditKey';

/** A data key is 32 random bytes (256 bits), one per board. */
export const DATA_KEY_BYTES = 32;

/** SQLCipher 4's page size, which the app never changes: every encrypted file is whole pages of it. */
export const ENCRYPTED_PAGE_SIZE = 4096;

/** The board's data key: every connection to its records, backups and copies is opened with it. */
export type RecordsKey = Buffer;

/** The first 16 bytes of every plain SQLite file; an encrypted one starts with its random salt instead. */
const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Keys a connection before its first read: the scheme, SQLCipher 4's defaults, then the raw key
 * (hex, so no passphrase derivation runs on every open: the data key is already random).
 */
export function applyDataKey(db: Database.Database, key: Buffer): void {
  if (key.length !== DATA_KEY_BYTES) throw new Error(`A records key is ${DATA_KEY_BYTES} bytes; this one is ${key.length}.`);
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${key.toString('hex')}'"`);
}

/** Opens a records file (or a backup, or a copy) with the board's key; the connection is closed again if keying fails. */
export function openKeyed(file: string, key: RecordsKey, options?: Database.Options): Database.Database {
  const db = new Database(file, options);
  try {
    applyDataKey(db, key);
    attachAuditKey(db, key);
    // SQLite3 Multiple Ciphers encrypts the database and its WAL, never SQLite's temporary files,
    // and this build lets a large sort or temporary b-tree spill to one (SQLITE_TEMP_STORE=1). In
    // memory, no case row ever reaches the disk in the clear. test/db/cipher.test.ts looks for one.
    db.pragma('temp_store = MEMORY');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * Writes a consistent copy of an open database to `target` (a new or empty file), encrypted under
 * `key`. VACUUM INTO copies a snapshot (the WAL included) inside one read transaction, under the
 * source's own key (or none, from a plain source). When that is not `key`, the copy is rekeyed
 * where it lies: it is in rollback mode (VACUUM INTO writes one), where rekeying is safe, unlike a
 * store in WAL mode, and it is not yet any record's name, so a crash meanwhile leaves a stray copy,
 * never a half-rekeyed board.
 */
export function writeKeyedCopy(source: Database.Database, sourceKey: RecordsKey | null, target: string, key: RecordsKey): void {
  source.prepare('VACUUM INTO ?').run(target);
  if (sourceKey?.equals(key)) return;
  const copy = sourceKey ? openKeyed(target, sourceKey) : new Database(target);
  try {
    if (!sourceKey) {
      copy.pragma(`cipher = 'sqlcipher'`);
      copy.pragma('legacy = 4');
    }
    copy.pragma(`rekey = "x'${key.toString('hex')}'"`);
  } finally {
    copy.close();
  }
}

/**
 * What a file on disk is, from its first bytes alone, without a key: so that a wrong key is told
 * apart from a file that was never encrypted, and both from one that is empty or too short to be a store.
 */
export function recordsFileKind(file: string): 'plain' | 'encrypted' | 'empty' {
  const header = Buffer.alloc(PLAIN_HEADER.length);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (read === 0) return 'empty';
  return read === header.length && header.equals(PLAIN_HEADER) ? 'plain' : 'encrypted';
}
