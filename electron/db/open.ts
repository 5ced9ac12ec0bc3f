// The one place the database is opened. Every connection is keyed with the board's data key and
// gets the same pragmas; a plain file left by an older version is encrypted first (encryptBoard.ts);
// the schema is brought up to date (after a backup copy) before anyone else sees the handle.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BACKUPS_FOLDER, latestGoodBackup, processAlive, removeBackupLeftovers } from './backup';
import { DamagedDatabaseError } from './damaged';
import { createPrivateFile, privateFolder, repairModes } from './fileModes';
import { migrate, refuseNewer } from './migrate';
import { isCorruption, quickCheckPasses } from './integrity';
import { openKeyed, recordsFileKind, type RecordsKey } from './cipher';
import { encryptPlainBackups, encryptPlainStore, removeEncryptionLeftovers } from './encryptBoard';
import type { ReadableDb, Store, WritableDb } from './types';

export const DATABASE_FILE_NAME = 'escalation-desk.sqlite';

/** The reading connection's page cache, in KiB (SQLite's negative cache_size). */
export const READER_CACHE_KIB = 64 * 1024;

/** The folders beside the records that hold copies of them: owner-only, like the records. */
export const PRIVATE_ROOMS = [BACKUPS_FOLDER, 'exports'] as const;

/**
 * Before the records are opened: the data folder and everything in it made owner-only again (an
 * older version made them readable by every local user), and what a backup or a restore cut short
 * left behind removed. The folder holding the records file is the data folder (backups/ sits in it).
 */
function tidyDataFolder(file: string): void {
  if (file === ':memory:') return;
  const dataFolder = privateFolder(dirname(file));
  removeBackupLeftovers(dataFolder);
  removeRestoreLeftovers(dataFolder, basename(file));
  removeEncryptionLeftovers(dataFolder);
  repairModes(dataFolder, basename(file), PRIVATE_ROOMS);
  // A new records file is made owner-only before SQLite opens it, so its -wal and -shm are too.
  if (!existsSync(file)) createPrivateFile(file);
}

/** The copy a restore makes beside the records before swapping it in (restore.ts), left by a restore that was killed. */
function removeRestoreLeftovers(dataFolder: string, recordsFileName: string): void {
  const prefix = `${recordsFileName}.restoring-`;
  for (const name of readdirSync(dataFolder)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    // Synchronous in one process, so a restore of this process is never half way through here; another's may be.
    if (pid !== process.pid && processAlive(pid)) continue;
    rmSync(join(dataFolder, name), { force: true });
  }
}

export function openStore(file: string, key: RecordsKey): Store {
  tidyDataFolder(file);
  // A board from before encryption is moved over in one step before anything else reads it.
  if (file !== ':memory:' && recordsFileKind(file) === 'plain') encryptPlainStore(file, key);
  const damaged = () => new DamagedDatabaseError(file, dirname(file), latestGoodBackup(dirname(file), key));
  const writer = openKeyed(file, key) as WritableDb;
  try {
    // Checked before any pragma: switching to WAL rewrites the header of a file we must not touch.
    try {
      refuseNewer(writer);
    } catch (error) {
      // A file so damaged SQLite cannot even read its header or schema is damaged, not newer.
      if (isCorruption(error)) throw damaged();
      throw error;
    }
    // Also before any pragma that writes: a damaged file is never opened for writing.
    if (!quickCheckPasses(writer)) throw damaged();
    writer.pragma('journal_mode = WAL');
    // FULL: a write that was acknowledged survives a power cut. These are records about children.
    writer.pragma('synchronous = FULL');
    writer.pragma('foreign_keys = ON');
    writer.pragma('busy_timeout = 5000');
    migrate(writer, file, key);
    // Backups an older version wrote in the clear are encrypted too (a crash during the move-over may have left some).
    if (file !== ':memory:') encryptPlainBackups(dirname(file), key, basename(file));
  } catch (error) {
    writer.close();
    throw error;
  }
  const reader = openKeyed(file, key, { readonly: true, fileMustExist: true }) as ReadableDb;
  reader.pragma('busy_timeout = 5000');
  // Every page read from the file is decrypted and its HMAC checked: 64 MB keeps a large register's
  // hot indexes decrypted between requests (at 1,000,000 cases the 2 MB default made a count of the
  // register or a page half-way down re-read and decrypt its whole index each time, 90 ms instead of 5).
  reader.pragma(`cache_size = -${READER_CACHE_KIB}`);
  reader.pragma('foreign_keys = ON');
  const schemaVersion = writer.pragma('user_version', { simple: true }) as number;
  return {
    file,
    writer,
    reader,
    schemaVersion,
    close() {
      reader.close();
      writer.pragma('optimize');
      writer.close();
    },
  };
}

export function storeExists(file: string): boolean {
  return existsSync(file);
}
