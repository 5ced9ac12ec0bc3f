// Moving a board from before encryption over (issue 17), in one step when it is first opened with
// a key: the plain records file is copied, encrypted, beside itself, checked and flushed; an
// encrypted backup of it is written; then the copy takes the records file's name in one rename.
// The backups and set-aside files an older version wrote in the clear are then encrypted the same
// way, each in place of itself. A crash at any moment leaves either the plain file or the
// encrypted one under the records' name, never half of each; what a crash leaves beside them
// (a `.encrypting-<pid>` copy) is removed at the next start-up, and the plain backups left are
// encrypted then. Nothing plain that the app made is left behind.
import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { backupsFolder, fileChecksOut, listBackups, processAlive, writeBackup } from './backup';
import { quickCheckPasses } from './integrity';
import { openKeyed, recordsFileKind, writeKeyedCopy, type RecordsKey } from './cipher';
import { DamagedDatabaseError } from './damaged';
import { createPrivateFile, syncFile, syncFolder } from './fileModes';
import { refuseNewer } from './migrate';

const MARK = '.encrypting-';
const COMPANIONS = ['-wal', '-shm', '-journal'];

/** Steps of the move-over, for the crash test (test/support/crashEncrypt.ts) to stop at. */
export type EncryptStep = 'copied' | 'backed-up' | 'swapped' | 'copy-encrypted';
export const encryptHooks: { onStep: ((step: EncryptStep) => void) | null } = { onStep: null };
const step = (name: EncryptStep) => encryptHooks.onStep?.(name);

/**
 * Writes a copy of the open database `source` (plain, or under `sourceKey`) beside `file`,
 * encrypted under `key`, checks and flushes it; returns its name. Removed again on any failure.
 */
export function encryptedCopyBeside(source: Database.Database, sourceKey: RecordsKey | null, file: string, key: RecordsKey): string {
  const temp = `${file}${MARK}${process.pid}`;
  for (const leftover of [temp, ...COMPANIONS.map((c) => temp + c)]) rmSync(leftover, { force: true });
  createPrivateFile(temp);
  try {
    writeKeyedCopy(source, sourceKey, temp, key);
    if (!fileChecksOut(temp, key)) throw new Error('the encrypted copy failed SQLite’s integrity check');
    syncFile(temp);
    return temp;
  } catch (error) {
    for (const leftover of [temp, ...COMPANIONS.map((c) => temp + c)]) rmSync(leftover, { force: true });
    throw error;
  }
}

/** Puts `temp` in place of `file` and removes what SQLite kept beside the file it replaces. */
export function swapIn(temp: string, file: string): void {
  // The plain file's WAL was checkpointed into it and it was closed; a -wal left beside the
  // encrypted file would be read as part of it, so the companions go before the rename.
  for (const companion of COMPANIONS) rmSync(file + companion, { force: true });
  renameSync(temp, file);
  syncFolder(dirname(file));
}

/**
 * Encrypts the plain records file `file` under `key`, after an encrypted backup of it. A file
 * from a newer version or one that fails its integrity check is not touched.
 */
export function encryptPlainStore(file: string, key: RecordsKey): void {
  const dataFolder = dirname(file);
  const plain = new Database(file, { fileMustExist: true });
  let temp: string;
  try {
    refuseNewer(plain);
    if (!quickCheckPasses(plain)) throw new DamagedDatabaseError(file, dataFolder, null);
    temp = encryptedCopyBeside(plain, null, file, key);
    step('copied');
    writeBackup(plain, null, dataFolder, key, 'before-encryption', new Date());
    step('backed-up');
    // Everything in the WAL is in the file now, so closing leaves no companion with records in it.
    plain.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    plain.close();
  }
  swapIn(temp, file);
  step('swapped');
}

/** A copy of the records (a backup, a file set aside by a restore), plain or under `fromKey`, encrypted under `key` in place of itself. */
export function rekeyCopy(file: string, fromKey: RecordsKey | null, key: RecordsKey): void {
  const source = fromKey ? openKeyed(file, fromKey, { fileMustExist: true }) : new Database(file, { fileMustExist: true });
  let temp: string;
  try {
    temp = encryptedCopyBeside(source, fromKey, file, key);
  } finally {
    source.close();
  }
  swapIn(temp, file);
  step('copy-encrypted');
}

/** The copies of the records an older version wrote in the clear: backups and files set aside by a restore. */
export function plainCopies(dataFolder: string, recordsFileName: string): string[] {
  return recordsCopies(dataFolder, recordsFileName).filter((file) => recordsFileKind(file) === 'plain');
}

/** Every copy of the records the app keeps: its backups and the files a restore set aside. */
export function recordsCopies(dataFolder: string, recordsFileName: string): string[] {
  const setAside = existsSync(dataFolder)
    ? readdirSync(dataFolder)
        .filter((name) => name.startsWith(`${recordsFileName}.replaced-`) && !COMPANIONS.some((c) => name.endsWith(c)))
        .map((name) => join(dataFolder, name))
    : [];
  return [...listBackups(dataFolder).map((b) => b.file), ...setAside];
}

/**
 * Encrypts every plain copy in the data folder under `key`. One that cannot be read (damaged) is
 * left as it is and named in the answer, so the caller can say so; it holds no usable records.
 */
export function encryptPlainBackups(dataFolder: string, key: RecordsKey, recordsFileName: string): string[] {
  const left: string[] = [];
  for (const file of plainCopies(dataFolder, recordsFileName)) {
    try {
      rekeyCopy(file, null, key);
    } catch {
      left.push(file);
    }
  }
  return left;
}

/** At start-up: the `.encrypting-<pid>` copies (and their companions) a move-over cut short left, in the data folder and backups/. */
export function removeEncryptionLeftovers(dataFolder: string): void {
  for (const folder of [dataFolder, backupsFolder(dataFolder)]) {
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder)) {
      const at = name.indexOf(MARK);
      if (at < 0) continue;
      const pid = Number.parseInt(name.slice(at + MARK.length), 10);
      if (pid !== process.pid && processAlive(pid)) continue;
      rmSync(join(folder, name), { force: true });
    }
  }
}
