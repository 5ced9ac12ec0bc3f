// Puts a backup back in place of the records file. Never opens the current file (it may be damaged)
// and never deletes it: it and its -wal/-shm companions are moved aside as *.replaced-<time>.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileTimestamp, passesQuickCheck } from './backup';
import { LATEST_VERSION } from './migrations/index';
import { DATABASE_FILE_NAME } from './open';

export class RestoreRefused extends Error {}

export interface RestoreResult {
  restoredFrom: string;
  database: string;
  /** Where the previous file and its companions were moved (empty when there was none). */
  movedAside: string[];
  /** Each move made, so undoRestore can put them back. */
  moves: { from: string; to: string }[];
}

function schemaVersionOf(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

export function restoreBackup(dataFolder: string, source: string, at: Date = new Date()): RestoreResult {
  if (!existsSync(source)) throw new RestoreRefused(`There is no file at ${source}. Nothing has changed.`);
  if (!passesQuickCheck(source)) throw new RestoreRefused(`The backup ${source} fails SQLite's integrity check (or is not a database), so it was not restored. Nothing has changed.`);
  const version = schemaVersionOf(source);
  if (version > LATEST_VERSION) throw new RestoreRefused(`The backup ${source} was written by a newer version of Escalation Desk, so this version cannot restore it. Nothing has changed.`);

  const database = join(dataFolder, DATABASE_FILE_NAME);
  // Copy first, next to the target, so the swap below is a rename and a half-written copy is never in place.
  const incoming = `${database}.restoring-${process.pid}`;
  copyFileSync(source, incoming);
  const movedAside: string[] = [];
  const moves: { from: string; to: string }[] = [];
  try {
    let aside = `${database}.replaced-${fileTimestamp(at)}`;
    for (let n = 2; [aside, `${aside}-wal`, `${aside}-shm`].some((f) => existsSync(f)); n += 1) aside = `${database}.replaced-${fileTimestamp(at)}-${n}`;
    for (const suffix of ['', '-wal', '-shm', '-journal']) {
      if (!existsSync(`${database}${suffix}`)) continue;
      renameSync(`${database}${suffix}`, `${aside}${suffix}`);
      movedAside.push(`${aside}${suffix}`);
      moves.push({ from: `${database}${suffix}`, to: `${aside}${suffix}` });
    }
    renameSync(incoming, database);
  } catch (error) {
    if (existsSync(incoming)) unlinkSync(incoming);
    for (const move of moves.reverse()) renameSync(move.to, move.from);
    throw error;
  }
  return { restoredFrom: source, database, movedAside, moves };
}

/**
 * Puts the file that was in use back after a restored file could not be opened. The restored copy
 * is removed (it is a copy of a backup that is still in backups/, so nothing is lost).
 */
export function undoRestore(result: RestoreResult): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) if (existsSync(`${result.database}${suffix}`)) unlinkSync(`${result.database}${suffix}`);
  for (const move of [...result.moves].reverse()) renameSync(move.to, move.from);
}
