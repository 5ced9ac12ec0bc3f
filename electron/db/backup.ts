// Backups of the records file, made with SQLite's online backup (consistent even while the app is
// writing), kept in <data folder>/backups and rotated so the newest BACKUPS_KEPT good ones stay.
import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, existsSync, linkSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { BACKUP_NAME, type BackupReason } from '../../shared/domain/recovery';
import { createPrivateFile, privateFolder, syncFile, syncFolder } from './fileModes';

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

/**
 * The steps of writing a backup, in order. A test drives a child process that is killed at each
 * of them (test/support/crashBackup.ts) to show that a backup cut short is never listed as one.
 */
export type BackupStep = 'reserved' | 'copying' | 'copied' | 'checked' | 'synced' | 'linked' | 'published' | 'rotated';

/** Called at each step when set; only the crash test sets it. */
export const backupHooks: { onStep: ((step: BackupStep) => void) | null } = { onStep: null };

const step = (name: BackupStep) => backupHooks.onStep?.(name);

/**
 * A backup is written under a name the app never lists, rotates or restores, and is given its
 * real name only when it is complete, checked and on the disk: so a crash (or a full disk) at any
 * moment leaves either a good backup or a leftover that the next start-up removes. The name holds
 * the writing process's id, so a start-up never removes a copy another running process is writing.
 */
const TEMP_NAME = /^escalation-desk-backup-(\d+)-\d+\.partial(?:-journal|-wal|-shm)?$/;
let tempCounter = 0;
const inFlight = new Set<string>();

function newTempFile(folder: string): string {
  for (;;) {
    tempCounter += 1;
    const file = join(folder, `escalation-desk-backup-${process.pid}-${tempCounter}.partial`);
    try {
      createPrivateFile(file);
      inFlight.add(file);
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

function removeTemp(file: string): void {
  for (const leftover of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) rmSync(leftover, { force: true });
  inFlight.delete(file);
}

/** Leaves the copy as one self-contained file in rollback mode (the online backup carries the source's WAL flag). */
function settle(file: string): void {
  const copy = new Database(file);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/**
 * Gives the finished copy its backup name. A hard link cannot take a name another process has
 * just taken (rename would silently replace it), so two backups in the same second never meet.
 */
function publish(temp: string, folder: string, reason: BackupReason, at: Date): string {
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
      linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' || existsSync(file)) continue;
      // A drive without hard links (FAT, some network shares): rename, the name having just been seen free.
      renameSync(temp, file);
      inFlight.delete(temp);
      syncFolder(folder);
      return file;
    }
    step('linked');
    removeTemp(temp);
    syncFolder(folder);
    return file;
  }
}

/** Checks the copy, flushes it to the disk and gives it its name; the temporary file is removed on any failure. */
function finish(temp: string, folder: string, reason: BackupReason, at: Date): string {
  settle(temp);
  step('copied');
  // The copy must be complete and sound. Its schema is not held against it here (migrate() also
  // serves other schemas in its tests); a restore checks that it is Escalation Desk records.
  const found = inspect(temp);
  if (found && !found.foreign) throw new Error(`the copy ${found.problem}`);
  step('checked');
  syncFile(temp);
  step('synced');
  const file = publish(temp, folder, reason, at);
  const key = verdictKey(file);
  if (key) verdicts.set(key, found?.problem ?? null);
  step('published');
  return file;
}

/**
 * Takes a backup now, then rotates (unless told not to: a restore keeps the backup it is about to
 * put back from being rotated away); returns the new file's path.
 */
export async function backupNow(
  db: Database.Database,
  dataFolder: string,
  reason: BackupReason,
  at: Date = new Date(),
  options: { rotate?: boolean } = {},
): Promise<string> {
  const folder = privateFolder(backupsFolder(dataFolder));
  const temp = newTempFile(folder);
  step('reserved');
  let file: string;
  try {
    await db.backup(temp, {
      progress: () => {
        step('copying');
        return 100;
      },
    });
    file = finish(temp, folder, reason, at);
  } catch (error) {
    removeTemp(temp);
    throw error;
  }
  if (options.rotate !== false) rotateBackups(dataFolder);
  step('rotated');
  return file;
}

/**
 * The backup taken before a schema change, while the store is being opened. Opening is synchronous
 * for every front door (desktop, web mode, command line, tests), and better-sqlite3's online
 * backup is asynchronous, so this uses SQLite's own synchronous copy instead: VACUUM INTO writes a
 * consistent snapshot of the database (WAL included) as a new, self-contained file, inside one
 * read transaction, so it is as safe as the online backup; it also leaves out free pages, so it is
 * never larger. The copy must pass the same check as every backup, or the migration does not run.
 */
export function backupBeforeMigration(db: Database.Database, dataFolder: string, at: Date = new Date()): string {
  let temp: string | null = null;
  let file: string;
  try {
    const folder = privateFolder(backupsFolder(dataFolder));
    temp = newTempFile(folder);
    step('reserved');
    db.prepare('VACUUM INTO ?').run(temp);
    file = finish(temp, folder, 'before-migration', at);
  } catch (error) {
    if (temp) removeTemp(temp);
    throw new Error(
      `Could not back up the records before updating their format, so the update was not made and nothing changed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  rotateBackups(dataFolder);
  step('rotated');
  return file;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * At start-up: removes what a backup cut short left in backups/ (its temporary file, unless the
 * process writing it is still running) and any -journal, -wal or -shm beside a backup (a finished
 * backup never has one; an older version's interrupted backup did). Returns what was removed.
 */
export function removeBackupLeftovers(dataFolder: string): string[] {
  const folder = backupsFolder(dataFolder);
  if (!existsSync(folder)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(folder)) {
    const file = join(folder, name);
    const temp = TEMP_NAME.exec(name);
    const writer = temp ? Number(temp[1]) : null;
    const abandoned =
      temp !== null && !inFlight.has(file.replace(/-(journal|wal|shm)$/, '')) && (writer === process.pid || !processAlive(writer!));
    const companion = /-(journal|wal|shm)$/.test(name) && NAME.test(name.replace(/-(journal|wal|shm)$/, ''));
    if (!abandoned && !companion) continue;
    rmSync(file, { force: true });
    removed.push(file);
  }
  return removed;
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

/**
 * Keeps the newest `keep` backups that pass their check. Only good backups are counted, so the
 * last good one is never deleted however many bad ones come after it; a bad one goes once `keep`
 * good ones are newer. Only files named as backups are ever touched.
 */
export function rotateBackups(dataFolder: string, keep: number = BACKUPS_KEPT): string[] {
  const removed: string[] = [];
  let good = 0;
  for (const backup of listBackups(dataFolder)) {
    if (isGoodBackup(backup.file)) {
      good += 1;
      if (good <= keep) continue;
    } else if (good < keep) continue;
    unlinkSync(backup.file);
    removed.push(backup.file);
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

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** Tables every Escalation Desk store has from the schema version that made them on. */
const EXPECTED_TABLES: readonly (readonly [number, string])[] = [
  [10, 'agency'],
  [10, 'board_membership'],
  [10, 'audit_entry'],
  [20, 'escalation'],
  [70, 'app_user'],
];

function readHeader(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(100);
    const read = readSync(fd, header, 0, 100, 0);
    return header.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * What is wrong with a file offered as a backup, as words that follow "The file …", or null when
 * it is a complete, sound Escalation Desk store. Cheapest checks first: empty, not SQLite, shorter
 * than its own header says (a copy cut short), an unfinished write beside it, SQLite's quick_check,
 * and last the schema: a version and the tables every store has.
 */
export function backupProblem(file: string): string | null {
  return inspect(file)?.problem ?? null;
}

interface Problem {
  problem: string;
  /** A sound SQLite copy of something other than Escalation Desk records. */
  foreign: boolean;
}

function inspect(file: string): Problem | null {
  const wrong = (problem: string): Problem => ({ problem, foreign: false });
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return wrong('is not there');
  }
  if (size === 0) return wrong('is empty (0 bytes): it holds no records (a backup cut short before anything was written)');
  const header = readHeader(file);
  if (header.length < 100 || !header.subarray(0, 16).equals(SQLITE_MAGIC))
    return wrong('is not an SQLite database, so it cannot be Escalation Desk records');
  const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
  const pages = header.readUInt32BE(28);
  // The page count in the header is trusted only when SQLite marked it valid (it matches the change counter).
  const countValid = header.readUInt32BE(92) === header.readUInt32BE(24) && pages > 0;
  if (countValid && size < pages * pageSize)
    return wrong(
      `is cut short: it holds ${size} bytes of the ${pages * pageSize} its own header promises (a backup that was not finished)`,
    );
  if (existsSync(`${file}-journal`))
    return wrong('has an unfinished write beside it (a -journal file), so it is a backup that was not finished');
  if (!passesQuickCheck(file)) return wrong('fails SQLite’s integrity check');
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < EXPECTED_TABLES[0]![0])
      return { foreign: true, problem: 'is an SQLite database but not Escalation Desk records (it has no Escalation Desk schema version)' };
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name),
    );
    const missing = EXPECTED_TABLES.filter(([since, table]) => version >= since && !tables.has(table)).map(([, table]) => table);
    if (missing.length > 0)
      return {
        foreign: true,
        problem: `is an SQLite database but not Escalation Desk records (it has no ${missing.join(', ')} table${missing.length === 1 ? '' : 's'})`,
      };
  } catch {
    return wrong('fails SQLite’s integrity check');
  } finally {
    db?.close();
  }
  return null;
}

// Verdicts by file, size and time: a finished backup never changes, so it is read in full once per run, not per rotation.
const verdicts = new Map<string, string | null>();

function verdictKey(file: string): string | null {
  try {
    const stat = statSync(file);
    return `${file}|${stat.size}|${stat.mtimeMs}|${stat.ino}`;
  } catch {
    return null;
  }
}

/** What is wrong with a backup (null when it is good), remembered while the file stays as it is. */
export function backupVerdict(file: string): string | null {
  const key = verdictKey(file);
  if (key === null) return 'is not there';
  if (!verdicts.has(key)) verdicts.set(key, backupProblem(file));
  return verdicts.get(key)!;
}

export function isGoodBackup(file: string): boolean {
  return backupVerdict(file) === null;
}

/** The newest backup that passes its check, or null. */
export function latestGoodBackup(dataFolder: string): BackupFile | null {
  return listBackups(dataFolder).find((b) => isGoodBackup(b.file)) ?? null;
}

/** "2026-11-23 10:00 UTC" */
export function describeTime(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
