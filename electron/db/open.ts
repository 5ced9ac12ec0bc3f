// The one place the database is opened. Every connection gets the same pragmas; the schema is
// brought up to date (after a backup copy) before anyone else sees the handle.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate, refuseNewer } from './migrate';
import type { ReadableDb, Store, WritableDb } from './types';

export const DATABASE_FILE_NAME = 'escalation-desk.sqlite';

export function openStore(file: string): Store {
  mkdirSync(dirname(file), { recursive: true });
  const writer = new Database(file) as WritableDb;
  try {
    // Checked before any pragma: switching to WAL rewrites the header of a file we must not touch.
    refuseNewer(writer);
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

export function storeExists(file: string): boolean {
  return existsSync(file);
}
