// The records, their backups and exports are readable by their owner only: files 0600, folders 0700.
//
// Why explicit modes rather than a process-wide umask: the umask is process state shared with
// everything else the app runs (Electron's own files, worker threads, where Node refuses to change
// it), and it only narrows files as they are created, so it could not repair a file an older
// version made 0644. So every place that makes one of these files or folders says its mode, and
// the data folder's opening (openStore) puts back the mode of any that are wider. Files SQLite
// makes beside the records (-wal, -shm, -journal) take the records file's own mode, so a 0600
// records file gives 0600 companions.
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const PRIVATE_FILE = 0o600;
export const PRIVATE_FOLDER = 0o700;

/** Windows has no POSIX modes: chmod there only sets or clears the read-only flag, so it is left alone. */
const POSIX = process.platform !== 'win32';

/** Makes the folder (and any missing parents) and narrows it to its owner. */
export function privateFolder(folder: string): string {
  // mkdir's mode is filtered by the umask and does not touch a folder that already exists: chmod does both.
  mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER });
  if (POSIX) chmodSync(folder, PRIVATE_FOLDER);
  return folder;
}

/** Narrows an existing file to its owner (nothing when it is not there). */
export function privateFile(file: string): void {
  if (!POSIX) return;
  try {
    chmodSync(file, PRIVATE_FILE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Creates a new, empty file readable by its owner only; fails when the name is taken. */
export function createPrivateFile(file: string): void {
  // The umask can only take bits away from 0600, never add any, so the new file is never wider.
  closeSync(openSync(file, 'wx', PRIVATE_FILE));
}

/** Flushes a file's bytes to the disk. */
export function syncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (a rename or a new name) to the disk. Windows cannot open a folder for that; NTFS journals names itself. */
export function syncFolder(folder: string): void {
  if (!POSIX) return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Puts back owner-only modes on what an older version (or a copy by hand) left wider: the data
 * folder, the records file and everything named after it (companions, files set aside by a
 * restore), and the backups and exports folders with their files.
 */
export function repairModes(dataFolder: string, recordsFileName: string, rooms: readonly string[]): void {
  if (!POSIX || !existsSync(dataFolder)) return;
  chmodSync(dataFolder, PRIVATE_FOLDER);
  for (const name of readdirSync(dataFolder)) if (name.startsWith(recordsFileName)) privateFile(join(dataFolder, name));
  for (const room of rooms) {
    const folder = join(dataFolder, room);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) continue;
    chmodSync(folder, PRIVATE_FOLDER);
    for (const name of readdirSync(folder)) {
      const file = join(folder, name);
      if (statSync(file).isFile()) privateFile(file);
    }
  }
}
