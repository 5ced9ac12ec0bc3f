// The one place the database is opened. Every connection gets the same pragmas; the schema is
// brought up to date (after a backup copy) before anyone else sees the handle.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { latestGoodBackup } from './backup';
import { DamagedDatabaseError } from './damaged';
import { migrate, refuseNewer } from './migrate';
import type { ReadableDb, Store, WritableDb } from './types';

export const DATABASE_FILE_NAME = 'escalation-desk.sqlite';

export function openStore(file: string): Store {
  mkdirSync(dirname(file), { recursive: true });
  const writer = new Database(file) as WritableDb;
  try {
    // Checked before any pragma: switching to WAL rewrites the header of a file we must not touch.
    try {
      refuseNewer(writer);
    } catch (error) {
      // A file so damaged SQLite cannot even read its header or schema is damaged, not newer.
      if (isCorruption(error)) throw new DamagedDatabaseError(file, dirname(file), latestGoodBackup(dirname(file)));
      throw error;
    }
    // Also before any pragma that writes: a damaged file is never opened for writing.
    if (!quickCheckPasses(writer)) throw new DamagedDatabaseError(file, dirname(file), latestGoodBackup(dirname(file)));
    writer.pragma('journal_mode = WAL');
    // FULL: a write that was acknowledged survives a power cut. These are records about children.
    writer.pragma('synchronous = FULL');
    writer.pragma('foreign_keys = ON');
    writer.pragma('busy_timeout = 5000');
    migrate(writer, file);
  } catch (error) {
    writer.close();
    throw error;
  }
  const reader = new Database(file, { readonly: true, fileMustExist: true }) as ReadableDb;
  reader.pragma('busy_timeout = 5000');
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

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

function quickCheckPasses(db: Database.Database): boolean {
  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    return rows.length === 1 && rows[0]!.quick_check === 'ok';
  } catch (error) {
    if (isCorruption(error)) return false;
    throw error;
  }
}

export function storeExists(file: string): boolean {
  return existsSync(file);
}
