import type { Migration } from './migration';
import { INDEX } from '../indexes';

export const agencyReturns: Migration = {
  version: 40,
  name: 'agency quarterly returns, and escalations imported from them',
  up(db) {
    db.exec(`
      -- One row per agency per quarter: the return it sent (nil or with escalations).
      -- The file's hash makes a second import of the same workbook recognisable.
      CREATE TABLE agency_return (
        id INTEGER PRIMARY KEY,
        agency_id INTEGER NOT NULL REFERENCES agency(id),
        quarter_key TEXT NOT NULL,
        nil_return INTEGER NOT NULL CHECK (nil_return IN (0, 1)),
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL UNIQUE,
        row_count INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        UNIQUE (agency_id, quarter_key)
      ) STRICT;
      CREATE INDEX agency_return_by_quarter ON agency_return(quarter_key);

      ALTER TABLE escalation ADD COLUMN agency_return_id INTEGER REFERENCES agency_return(id);
      -- What an agency's return says about meetings, panels and chair involvement (Bexley asks):
      -- board-level cases have chair_decision and panel rows instead.
      ALTER TABLE escalation ADD COLUMN return_chair_involved INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE escalation ADD COLUMN return_meeting_held INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE escalation ADD COLUMN return_panel_convened INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX ${INDEX.escalationByReturn} ON escalation(agency_return_id) WHERE agency_return_id IS NOT NULL;
      -- For "still open at the end of the quarter" and "carried over" in any past quarter.
      CREATE INDEX escalation_by_ended ON escalation(ended_on, opened_on);
      CREATE INDEX outcome_by_resolved ON outcome(resolved_on);
      CREATE INDEX panel_seat_by_agency ON panel_seat(agency_id);
      -- The dashboard's other per-quarter questions, each a range on its own date.
      CREATE INDEX stage_entry_by_ended_due ON stage_entry(ended_on, due_on);
      CREATE INDEX notification_by_required ON notification(required_since);
      CREATE INDEX panel_by_decided ON panel(status, decided_on);
    `);
  },
};
