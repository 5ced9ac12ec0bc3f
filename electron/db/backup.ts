// Backups of the records file, made with SQLite's online backup (consistent even while the app is
// writing), kept in <data folder>/backups and rotated so the newest BACKUPS_KEPT stay.
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { BACKUP_NAME, type BackupReason } from '../../shared/domain/recovery';

export const BACKUPS_FOLDER = 'backups';
export const BACKUPS_KEPT = 20;
export const BACKUP_EVERY_MS = 6 * 60 * 60 * 1000;

export type { BackupReason } from '../../shared/domain/recovery';

export interface BackupFile {
  file: string;
  name: string;
  reason: BackupReason;
  /** When it was taken (from its name, UTC). */
  takenAt: Date;
  size: number;
}

// The one rule for a backup's name: only files named so are ever listed, rotated or restored from the app.
const NAME = BACKUP_NAME;

/** YYYYMMDD-HHMMSS in UTC. */
export function fileTimestamp(at: Date = new Date()): string {
  const iso = at.toISOString(); // 2026-11-23T10:00:00.000Z
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}

export function backupsFolder(dataFolder: string): string {
  return join(dataFolder, BACKUPS_FOLDER);
}

/** Reserves a name nobody else has taken (creating the file exclusively), even twice in one second. */
function reserveName(folder: string, reason: BackupReason, at: Date): string {
  const stamp = fileTimestamp(at);
  // Count on from the highest number already used in this second (by any reason), so names sort in
  // the order they were taken and a name freed by rotation is never reused.
  let n = 1;
  for (const name of readdirSync(folder)) {
    const match = NAME.exec(name);
    if (match && `${match[1]}-${match[2]}` === stamp) n = Math.max(n, Number(match[3] ?? 1) + 1);
  }
  for (; ; n += 1) {
    const file = join(folder, `escalation-desk-${stamp}${n === 1 ? '' : `-${n}`}-${reason}.sqlite`);
    try {
      closeSync(openSync(file, 'wx'));
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

function removeLeftovers(file: string): void {
  for (const leftover of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) if (existsSync(leftover)) unlinkSync(leftover);
}

/**
 * Takes a backup now, then rotates (unless told not to: a restore keeps the backup it is about to
 * put back from being rotated away); returns the new file's path.
 */
export async function backupNow(db: Database.Database, dataFolder: string, reason: BackupReason, at: Date = new Date(), options: { rotate?: boolean } = {}): Promise<string> {
  const folder = backupsFolder(dataFolder);
  mkdirSync(folder, { recursive: true });
  const file = reserveName(folder, reason, at);
  try {
    await db.backup(file);
    // The copy carries the source's WAL flag; make it a single self-contained file.
    const copy = new Database(file);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
  } catch (error) {
    removeLeftovers(file);
    throw error;
  }
  if (options.rotate !== false) rotateBackups(dataFolder);
  return file;
}

/**
 * The backup taken before a schema change, while the store is being opened. Opening is synchronous
 * for every front door (desktop, web mode, command line, tests), and better-sqlite3's online
 * backup is asynchronous, so this uses SQLite's own synchronous copy instead: VACUUM INTO writes a
 * consistent snapshot of the database (WAL included) as a new, self-contained file in rollback
 * mode, inside one read transaction, so it is as safe as the online backup; it also leaves out
 * free pages, so it is never larger. The copy must pass quick_check, or the migration does not run.
 */
export function backupBeforeMigration(db: Database.Database, dataFolder: string, at: Date = new Date()): string {
  let file: string | null = null;
  try {
    const folder = backupsFolder(dataFolder);
    mkdirSync(folder, { recursive: true });
    file = reserveName(folder, 'before-migration', at);
    db.prepare('VACUUM INTO ?').run(file);
    if (!passesQuickCheck(file)) throw new Error(`the copy ${file} did not pass SQLite's integrity check`);
  } catch (error) {
    if (file) removeLeftovers(file);
    throw new Error(`Could not back up the records before updating their format, so the update was not made and nothing changed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  rotateBackups(dataFolder);
  return file;
}

function sortKey(match: RegExpExecArray): string {
  return `${match[1]}${match[2]}${(match[3] ?? '1').padStart(6, '0')}`;
}

/** Every backup in the folder, newest first. */
export function listBackups(dataFolder: string): BackupFile[] {
  const folder = backupsFolder(dataFolder);
  if (!existsSync(folder)) return [];
  const found: { key: string; backup: BackupFile }[] = [];
  for (const name of readdirSync(folder)) {
    const match = NAME.exec(name);
    if (!match) continue;
    const [d, t] = [match[1]!, match[2]!];
    const takenAt = new Date(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}Z`);
    const file = join(folder, name);
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      continue;
    }
    found.push({ key: sortKey(match), backup: { file, name, reason: match[4] as BackupReason, takenAt, size } });
  }
  return found.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0)).map((f) => f.backup);
}

/** Deletes all but the newest `keep` backups. Only files named as backups are ever touched. */
export function rotateBackups(dataFolder: string, keep: number = BACKUPS_KEPT): string[] {
  const removed: string[] = [];
  for (const old of listBackups(dataFolder).slice(keep)) {
    unlinkSync(old.file);
    removed.push(old.file);
  }
  return removed;
}

/** True when SQLite's quick_check passes on the file, opened read-only. */
export function passesQuickCheck(file: string): boolean {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    return rows.length === 1 && rows[0]!.quick_check === 'ok';
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

/** The newest backup that passes its integrity check, or null. */
export function latestGoodBackup(dataFolder: string): BackupFile | null {
  return listBackups(dataFolder).find((b) => b.size > 0 && passesQuickCheck(b.file)) ?? null;
}

/** "2026-11-23 10:00 UTC" */
export function describeTime(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
