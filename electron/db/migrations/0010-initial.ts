import type { Migration } from './migration';

export const initial: Migration = {
  version: 10,
  name: 'agencies, board membership, officers, audit trail',
  up(db) {
    db.exec(`
      CREATE TABLE agency (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        sector TEXT NOT NULL,
        statutory_partner INTEGER NOT NULL CHECK (statutory_partner IN (0, 1)),
        retired_on TEXT,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE board_membership (
        id INTEGER PRIMARY KEY,
        agency_id INTEGER NOT NULL REFERENCES agency(id),
        from_date TEXT NOT NULL,
        to_date TEXT,
        CHECK (to_date IS NULL OR to_date >= from_date)
      ) STRICT;
      CREATE INDEX board_membership_by_agency ON board_membership(agency_id, from_date);

      CREATE TABLE officer (
        id INTEGER PRIMARY KEY,
        agency_id INTEGER NOT NULL REFERENCES agency(id),
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        email TEXT NOT NULL,
        senior INTEGER NOT NULL CHECK (senior IN (0, 1)),
        board_representative INTEGER NOT NULL CHECK (board_representative IN (0, 1)),
        left_on TEXT
      ) STRICT;
      CREATE INDEX officer_by_agency ON officer(agency_id);

      -- Who changed what and when. Append-only: the triggers make SQLite itself refuse
      -- any edit or removal, whoever holds the file. Each row chains the hash of the one before.
      CREATE TABLE audit_entry (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id INTEGER,
        before_json TEXT,
        after_json TEXT,
        corrects_entry_id INTEGER REFERENCES audit_entry(id),
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_entry_by_entity ON audit_entry(entity, entity_id);
      CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
        BEGIN SELECT RAISE(ABORT, 'The audit trail cannot be changed: add a correcting entry instead'); END;
      CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
        BEGIN SELECT RAISE(ABORT, 'The audit trail cannot be deleted from'); END;
    `);
  },
};
