// Puts a backup back in place of the records file. Never writes to the current file (it may be
// damaged) and never deletes it: it and its -wal/-shm companions are moved aside as *.replaced-<time>.
// A file that is not a complete, sound Escalation Desk store is refused before anything is touched.
import type Database from 'better-sqlite3-multiple-ciphers';
import { copyFileSync, existsSync, renameSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { backupVerdict, fileTimestamp, latestGoodBackup } from './backup';
import { privateFile, syncFile, syncFolder } from './fileModes';
import { openKeyed, type RecordsKey } from './cipher';
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

interface Accounts {
  accounts: number;
  activeCoordinators: number;
}

/** The accounts in a store, read-only (none before the schema had accounts); null when it cannot be read. */
function accountsIn(file: string, key: RecordsKey): Accounts | null {
  let db: Database.Database | null = null;
  try {
    db = openKeyed(file, key, { readonly: true, fileMustExist: true });
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'app_user'").get();
    if (!hasTable) return { accounts: 0, activeCoordinators: 0 };
    return db
      .prepare(
        "SELECT count(*) AS accounts, count(CASE WHEN role = 'coordinator' AND disabled_on IS NULL THEN 1 END) AS activeCoordinators FROM app_user",
      )
      .get() as Accounts;
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/**
 * Whether the board in use has user accounts. When its file cannot be read (it is damaged), the
 * newest good backup stands in for it, so a damaged file is no way round the coordinator rule.
 */
function boardHasAccounts(dataFolder: string, key: RecordsKey): boolean {
  const database = join(dataFolder, DATABASE_FILE_NAME);
  const current = existsSync(database) ? accountsIn(database, key) : { accounts: 0, activeCoordinators: 0 };
  if (current) return current.accounts > 0;
  const latest = latestGoodBackup(dataFolder, key);
  return latest ? (accountsIn(latest.file, key)?.accounts ?? 0) > 0 : false;
}

/**
 * Why a file may not be put back as the board's records, in plain words that name `label` (how the
 * caller names the file), or null when it may. The one rule for the command line and the app.
 */
export function restoreRefusal(dataFolder: string, source: string, key: RecordsKey, label = `The file ${source}`): string | null {
  if (!existsSync(source)) return `There is no file at ${source}. Nothing has changed.`;
  const problem = backupVerdict(source, key);
  if (problem) return `${label} ${problem}, so it was not restored. Nothing has changed.`;
  const version = schemaVersionOf(source, key);
  if (version > LATEST_VERSION)
    return `${label} was written by a newer version of Escalation Desk, so this version cannot restore it. Nothing has changed.`;
  const incoming = accountsIn(source, key);
  if (!incoming) return `${label} fails SQLite’s integrity check, so it was not restored. Nothing has changed.`;
  // Without an active coordinator nobody could manage the restored board, and on a board with no
  // accounts at all the next visitor would make themselves its first coordinator.
  if (incoming.activeCoordinators === 0 && (incoming.accounts > 0 || boardHasAccounts(dataFolder, key))) {
    return `${label} has no active coordinator account, so restoring it would leave the board with nobody able to manage it${incoming.accounts === 0 ? ' (and anyone who opened the app could make themselves its coordinator)' : ''}. It was not restored. Nothing has changed.`;
  }
  return null;
}

function schemaVersionOf(file: string, key: RecordsKey): number {
  const db = openKeyed(file, key, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

export function restoreBackup(dataFolder: string, source: string, key: RecordsKey, at: Date = new Date()): RestoreResult {
  const refusal = restoreRefusal(dataFolder, source, key);
  if (refusal) throw new RestoreRefused(refusal);

  const database = join(dataFolder, DATABASE_FILE_NAME);
  // Copy first, next to the target, so the swap below is a rename and a half-written copy is never
  // in place; owner-only (a file chosen with --from may be readable by others) and on the disk first.
  const incoming = `${database}.restoring-${process.pid}`;
  copyFileSync(source, incoming);
  privateFile(incoming);
  syncFile(incoming);
  const movedAside: string[] = [];
  const moves: { from: string; to: string }[] = [];
  try {
    let aside = `${database}.replaced-${fileTimestamp(at)}`;
    for (let n = 2; [aside, `${aside}-wal`, `${aside}-shm`].some((f) => existsSync(f)); n += 1)
      aside = `${database}.replaced-${fileTimestamp(at)}-${n}`;
    for (const suffix of ['', '-wal', '-shm', '-journal']) {
      if (!existsSync(`${database}${suffix}`)) continue;
      renameSync(`${database}${suffix}`, `${aside}${suffix}`);
      movedAside.push(`${aside}${suffix}`);
      moves.push({ from: `${database}${suffix}`, to: `${aside}${suffix}` });
    }
    renameSync(incoming, database);
    syncFolder(dataFolder);
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
  for (const suffix of ['', '-wal', '-shm', '-journal'])
    if (existsSync(`${result.database}${suffix}`)) unlinkSync(`${result.database}${suffix}`);
  for (const move of [...result.moves].reverse()) renameSync(move.to, move.from);
}
