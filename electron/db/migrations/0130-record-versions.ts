import type { Migration } from './migration';

/**
 * Two people, one case: each case, panel, agency and the board's settings has a version, moved on
 * by every write to it, with who made the last change, when and what it was (the write's channel).
 * A record with no row here is at version 1 (nobody has changed it since it was made), so existing
 * records need no rows and making a record needs no extra write.
 */
export const recordVersions: Migration = {
  version: 130,
  name: 'a version for each case, panel, agency and the board’s settings, with its last change',
  up(db) {
    db.exec(`
      CREATE TABLE record_version (
        kind TEXT NOT NULL CHECK (kind IN ('case', 'panel', 'agency', 'settings')),
        record_id INTEGER NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 2),
        changed_at TEXT NOT NULL,
        changed_by TEXT NOT NULL,
        change TEXT NOT NULL,
        PRIMARY KEY (kind, record_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
