// Backups of the records file, kept in <data folder>/backups and rotated so the newest BACKUPS_KEPT
// good ones stay. Each is a keyed VACUUM INTO copy (cipher.ts): a consistent snapshot even while the
// app is writing, encrypted under the board's key like the records. SQLite's online backup is not
// used: it refuses an encrypted source (test/db/cipher.test.ts).
import type Database from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { existsSync, linkSync, readdirSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { BACKUP_NAME, type BackupReason } from '../../shared/domain/recovery';
import { createPrivateFile, privateFolder, syncFile, syncFolder } from './fileModes';
import { ENCRYPTED_PAGE_SIZE, openKeyed, recordsFileKind, writeKeyedCopy, type RecordsKey } from './cipher';
import { isCorruption, quickCheckPasses } from './integrity';

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

/** Leaves the copy as one self-contained file in rollback mode, whatever mode the copy was written in. */
function settle(file: string, key: RecordsKey): void {
  const copy = openKeyed(file, key);
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
function finish(temp: string, folder: string, reason: BackupReason, at: Date, key: RecordsKey): string {
  settle(temp, key);
  step('copied');
  // The copy must be complete and sound. Its schema is not held against it here (migrate() also
  // serves other schemas in its tests); a restore checks that it is Escalation Desk records.
  const found = inspect(temp, key);
  if (found && !found.foreign) throw new Error(`the copy ${found.problem}`);
  step('checked');
  syncFile(temp);
  step('synced');
  const file = publish(temp, folder, reason, at);
  const stamp = verdictKey(file);
  if (stamp) verdicts.set(`${stamp}|${keyId(key)}`, found?.problem ?? null);
  step('published');
  return file;
}

/**
 * Takes a backup now of the records open on `db` (keyed with `key`), then rotates (unless told not
 * to: a restore keeps the backup it is about to put back from being rotated away); returns the new
 * file's path. Asynchronous for its callers' sake (a schedule, a quit); the copy itself is one
 * synchronous VACUUM INTO, which a board's records take well under a second to write.
 */
export async function backupNow(
  db: Database.Database,
  dataFolder: string,
  key: RecordsKey,
  reason: BackupReason,
  at: Date = new Date(),
  options: { rotate?: boolean } = {},
): Promise<string> {
  const file = writeBackup(db, key, dataFolder, key, reason, at);
  if (options.rotate !== false) rotateBackups(dataFolder, key);
  step('rotated');
  return file;
}

/**
 * Writes one backup of `db` (opened under `sourceKey`, or plain) encrypted under `key`, checked and
 * given its name; the temporary file is removed on any failure. No rotation.
 */
export function writeBackup(
  db: Database.Database,
  sourceKey: RecordsKey | null,
  dataFolder: string,
  key: RecordsKey,
  reason: BackupReason,
  at: Date,
): string {
  const folder = privateFolder(backupsFolder(dataFolder));
  const temp = newTempFile(folder);
  step('reserved');
  try {
    step('copying');
    writeKeyedCopy(db, sourceKey, temp, key);
    return finish(temp, folder, reason, at, key);
  } catch (error) {
    removeTemp(temp);
    throw error;
  }
}

/**
 * The backup taken before a schema change, while the store is being opened. Opening is synchronous
 * for every front door (desktop, web mode, command line, tests), and better-sqlite3's online
 * backup is asynchronous, so this uses SQLite's own synchronous copy instead: VACUUM INTO writes a
 * consistent snapshot of the database (WAL included) as a new, self-contained file, inside one
 * read transaction, so it is as safe as the online backup; it also leaves out free pages, so it is
 * never larger. The copy must pass the same check as every backup, or the migration does not run.
 */
export function backupBeforeMigration(db: Database.Database, dataFolder: string, key: RecordsKey, at: Date = new Date()): string {
  let file: string;
  try {
    file = writeBackup(db, key, dataFolder, key, 'before-migration', at);
  } catch (error) {
    throw new Error(
      `Could not back up the records before updating their format, so the update was not made and nothing changed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  rotateBackups(dataFolder, key);
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
export function rotateBackups(dataFolder: string, key: RecordsKey, keep: number = BACKUPS_KEPT): string[] {
  const removed: string[] = [];
  let good = 0;
  for (const backup of listBackups(dataFolder)) {
    if (isGoodBackup(backup.file, key)) {
      good += 1;
      if (good <= keep) continue;
    } else if (good < keep) continue;
    unlinkSync(backup.file);
    removed.push(backup.file);
  }
  return removed;
}

/** True when SQLite's quick_check passes on the file, opened read-only with the board's key. */
export function fileChecksOut(file: string, key: RecordsKey): boolean {
  let db: Database.Database | null = null;
  try {
    db = openKeyed(file, key, { readonly: true, fileMustExist: true });
    return quickCheckPasses(db);
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

/** Tables every Escalation Desk store has from the schema version that made them on. */
const EXPECTED_TABLES: readonly (readonly [number, string])[] = [
  [10, 'agency'],
  [10, 'board_membership'],
  [10, 'audit_entry'],
  [20, 'escalation'],
  [70, 'app_user'],
];

/**
 * What is wrong with a file offered as a backup, as words that follow "The file …", or null when
 * it is a complete, sound Escalation Desk store encrypted under `key`. Cheapest checks first:
 * empty, not encrypted, not readable with the key, shorter than its own pages say (a copy cut
 * short), an unfinished write beside it, SQLite's quick_check, and last the schema: a version and
 * the tables every store has.
 */
export function backupProblem(file: string, key: RecordsKey): string | null {
  return inspect(file, key)?.problem ?? null;
}

interface Problem {
  problem: string;
  /** A sound SQLite copy of something other than Escalation Desk records. */
  foreign: boolean;
}

function inspect(file: string, key: RecordsKey): Problem | null {
  const wrong = (problem: string): Problem => ({ problem, foreign: false });
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return wrong('is not there');
  }
  if (size === 0) return wrong('is empty (0 bytes): it holds no records (a backup cut short before anything was written)');
  // An encrypted file's header is encrypted too, so only its first bytes can be read without the key.
  if (recordsFileKind(file) === 'plain')
    return wrong('is not encrypted: it is a plain SQLite file, and every copy of this board’s records is encrypted under its key');
  let db: Database.Database | null = null;
  try {
    db = openKeyed(file, key, { readonly: true, fileMustExist: true });
    let version: number;
    let pages: number;
    let pageSize: number;
    try {
      version = db.pragma('user_version', { simple: true }) as number;
      pageSize = db.pragma('page_size', { simple: true }) as number;
      pages = db.pragma('page_count', { simple: true }) as number;
    } catch (error) {
      if (!isCorruption(error)) throw error;
      // Every copy the app writes is whole pages of the encrypted page size; a file that is not was cut short.
      if (size % ENCRYPTED_PAGE_SIZE !== 0)
        return wrong(
          `is cut short: it holds ${size} bytes, not a whole number of its ${ENCRYPTED_PAGE_SIZE}-byte pages (a backup that was not finished)`,
        );
      // The first page opened under the key (so the key is right), but the file is smaller than that page says.
      if ((error as { code?: string }).code !== 'SQLITE_NOTADB')
        return wrong(`is cut short: it holds ${size} bytes, fewer than its own header promises (a backup that was not finished)`);
      return wrong(
        'cannot be read with this board’s key: it was encrypted under another key, or it is not an SQLite database at all, or its first page is damaged',
      );
    }
    if (size < pages * pageSize)
      return wrong(
        `is cut short: it holds ${size} bytes of the ${pages * pageSize} its own header promises (a backup that was not finished)`,
      );
    if (existsSync(`${file}-journal`))
      return wrong('has an unfinished write beside it (a -journal file), so it is a backup that was not finished');
    if (!quickCheckPasses(db)) return wrong('fails SQLite’s integrity check');
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

/** A key's name in the verdict cache: a one-way digest, so the cache never holds the key itself. */
function keyId(key: RecordsKey): string {
  return createHash('sha256').update('escalation-desk verdict').update(key).digest('hex').slice(0, 16);
}

function verdictKey(file: string): string | null {
  try {
    const stat = statSync(file);
    return `${file}|${stat.size}|${stat.mtimeMs}|${stat.ino}`;
  } catch {
    return null;
  }
}

/** What is wrong with a backup (null when it is good), remembered while the file stays as it is. */
export function backupVerdict(file: string, key: RecordsKey): string | null {
  const stamp = verdictKey(file);
  if (stamp === null) return 'is not there';
  // The key is part of what is remembered: the same file checked under another key is another question.
  const asked = `${stamp}|${keyId(key)}`;
  if (!verdicts.has(asked)) verdicts.set(asked, backupProblem(file, key));
  return verdicts.get(asked)!;
}

export function isGoodBackup(file: string, key: RecordsKey): boolean {
  return backupVerdict(file, key) === null;
}

/** The newest backup that passes its check, or null. */
export function latestGoodBackup(dataFolder: string, key: RecordsKey): BackupFile | null {
  return listBackups(dataFolder).find((b) => isGoodBackup(b.file, key)) ?? null;
}

/** "2026-11-23 10:00 UTC" */
export function describeTime(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
