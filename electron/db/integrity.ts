// The one reading of SQLite's own verdicts on a file: an error that means the file is damaged (or,
// for an encrypted file, not readable with this key), and the quick_check every opening runs.
import type Database from 'better-sqlite3-multiple-ciphers';

export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/** True when SQLite's quick_check finds nothing wrong; false also when the check itself meets damage. */
export function quickCheckPasses(db: Database.Database): boolean {
  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    return rows.length === 1 && rows[0]!.quick_check === 'ok';
  } catch (error) {
    if (isCorruption(error)) return false;
    throw error;
  }
}
