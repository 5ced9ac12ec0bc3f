import type { Migration } from './migration';

/**
 * The access record (issue 15, item 4): who opened which case, panel or pack, who exported,
 * downloaded or imported which file, who signed in (or was refused) and out, from which address,
 * and every change by channel with the record it touched. Append-only like the audit trail: the
 * triggers refuse any change or deletion. It holds names, addresses, channel names, case
 * references and record ids only: never a payload, case text or a child's identifier.
 */
export const accessRecord: Migration = {
  version: 140,
  name: 'access record: who reached which case or file, from which address (append-only)',
  up(db) {
    db.exec(`
      CREATE TABLE access_entry (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        -- The London calendar day of at, for the search by date.
        on_date TEXT NOT NULL,
        -- The person: the account's display name, or '(no account)' for a refused sign-in, or the
        -- name a trusted in-process caller gives (tests, the command line before any account).
        display_name TEXT NOT NULL,
        -- The account's user name; for a refused sign-in, the name typed (as the audit keeps it).
        user_name TEXT COLLATE NOCASE,
        address TEXT,
        via TEXT NOT NULL CHECK (via IN ('desktop', 'web', 'command line')),
        kind TEXT NOT NULL,
        channel TEXT NOT NULL,
        case_reference TEXT COLLATE NOCASE,
        record TEXT
      ) STRICT;
      CREATE TRIGGER access_entry_no_update BEFORE UPDATE ON access_entry
        BEGIN SELECT RAISE(ABORT, 'The access record cannot be changed'); END;
      CREATE TRIGGER access_entry_no_delete BEFORE DELETE ON access_entry
        BEGIN SELECT RAISE(ABORT, 'The access record cannot be deleted'); END;
      -- The coordinator's search, newest first within a person or a case (INDEX in electron/db/indexes.ts).
      CREATE INDEX access_entry_by_person ON access_entry(user_name, id);
      CREATE INDEX access_entry_by_case ON access_entry(case_reference, id);
    `);
  },
};
