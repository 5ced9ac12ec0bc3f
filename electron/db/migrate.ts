import type Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { backupBeforeMigration } from './backup';
import { migrations as shipped, type Migration } from './migrations/index';
import type { RecordsKey } from './cipher';

export class NewerDatabaseError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This database was written by a newer version of Escalation Desk (schema ${found}; this version understands up to ${supported}). ` +
        'It has not been opened, so nothing in it has changed. Install the newer version to open it.',
    );
    this.name = 'NewerDatabaseError';
  }
}

/** Throws before anything is written when the file comes from a newer build; returns its version. */
export function refuseNewer(db: Database.Database, migrations: readonly Migration[] = shipped): number {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const found = db.pragma('user_version', { simple: true }) as number;
  if (found > latest) throw new NewerDatabaseError(found, latest);
  return found;
}

/**
 * Brings the schema up to date: all pending steps in one transaction, after a backup of the file
 * into the data folder's backups/ (kept in the same rotation as the others).
 */
export function migrate(
  db: Database.Database,
  file: string,
  key: RecordsKey,
  migrations: readonly Migration[] = shipped,
): { from: number; to: number; backup: string | null } {
  const from = refuseNewer(db, migrations);
  const pending = migrations.filter((m) => m.version > from).sort((a, b) => a.version - b.version);
  if (pending.length === 0) return { from, to: from, backup: null };

  let backup: string | null = null;
  if (from > 0 && file !== ':memory:' && existsSync(file) && statSync(file).size > 0)
    backup = backupBeforeMigration(db, dirname(file), key);
  db.transaction(() => {
    for (const step of pending) {
      step.up(db, { key });
      db.pragma(`user_version = ${step.version}`);
    }
  }).immediate();
  return { from, to: pending.at(-1)!.version, backup };
}
