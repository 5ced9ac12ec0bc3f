import type { Migration } from './migration';

/**
 * A board's history brought in from the spreadsheet register it kept before (issue 18).
 * - legacy_import: one row a file imported, with its fingerprint, so the same file is known again.
 * - escalation.legacy_import_id / legacy_row: an imported case keeps its file and the row it came
 *   from. Its origin stays 'board': the board ran those cases, in spreadsheets, and the learning
 *   hub counts them with its own in the quarters they were opened.
 * - legacy_mapping: what the coordinator said a heading or a value in such a file means ("CSC" is
 *   Children's Social Care, "Stg 2" is stage 2), remembered for the next file.
 */
export const legacyRegister: Migration = {
  version: 190,
  name: 'legacy register imports: the files, the imported cases’ source rows, the remembered mappings',
  up(db) {
    db.exec(`
      CREATE TABLE legacy_import (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        row_count INTEGER NOT NULL,
        imported_count INTEGER NOT NULL,
        skipped_count INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL
      ) STRICT;
      ALTER TABLE escalation ADD COLUMN legacy_import_id INTEGER REFERENCES legacy_import(id);
      ALTER TABLE escalation ADD COLUMN legacy_row INTEGER;
      CREATE TABLE legacy_mapping (
        kind TEXT NOT NULL CHECK (kind IN ('column', 'agency', 'category', 'stage', 'outcome', 'child_status')),
        source_key TEXT NOT NULL,
        target TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        saved_by TEXT NOT NULL,
        PRIMARY KEY (kind, source_key)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
