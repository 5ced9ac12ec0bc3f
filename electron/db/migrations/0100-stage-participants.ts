import type { Migration } from './migration';

// Frozen history: this step names only tables and columns, never the app's live constants.
export const stageParticipants: Migration = {
  version: 100,
  name: 'the people who took part at each stage, and a panel held under a recorded departure from the policy',
  up(db) {
    db.exec(`
      -- Who took part at a stage, as people (the stage's free text keeps what they said): the panel
      -- check refuses any of them a seat. officer_id where the person is in the agency directory.
      CREATE TABLE stage_participant (
        id INTEGER PRIMARY KEY,
        stage_entry_id INTEGER NOT NULL REFERENCES stage_entry(id),
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        agency_id INTEGER REFERENCES agency(id),
        role TEXT NOT NULL DEFAULT '',
        officer_id INTEGER REFERENCES officer(id)
      ) STRICT;
      CREATE INDEX stage_participant_by_stage ON stage_participant(stage_entry_id, position);

      -- The list of the open stage is replaced when its discussion is recorded again (the audit
      -- trail keeps the list before and after); an ended stage's list is kept, except when its
      -- case is deleted after a retention review.
      CREATE TRIGGER stage_participant_kept_once_ended BEFORE DELETE ON stage_participant
        WHEN EXISTS (SELECT 1 FROM stage_entry s WHERE s.id = OLD.stage_entry_id AND s.ended_on IS NOT NULL)
         AND NOT EXISTS (SELECT 1 FROM stage_entry s JOIN retention_deletion_pending p ON p.escalation_id = s.escalation_id WHERE s.id = OLD.stage_entry_id)
        BEGIN SELECT RAISE(ABORT, 'The people who took part at an ended stage are kept'); END;
      CREATE TRIGGER stage_participant_no_update BEFORE UPDATE ON stage_participant
        BEGIN SELECT RAISE(ABORT, 'A person who took part is recorded again, not changed'); END;

      -- Where the policy's own panel cannot be formed for the case, the chair's written reason for
      -- holding it differently, and who recorded it when. No row: the panel follows the policy.
      CREATE TABLE panel_departure (
        panel_id INTEGER PRIMARY KEY REFERENCES panel(id),
        reason TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL
      ) STRICT;
      -- Changed or withdrawn while the panel is planned; kept once it has sat or been cancelled,
      -- except when its case is deleted after a retention review.
      CREATE TRIGGER panel_departure_kept_no_delete BEFORE DELETE ON panel_departure
        WHEN EXISTS (SELECT 1 FROM panel p WHERE p.id = OLD.panel_id AND p.status <> 'planned')
         AND NOT EXISTS (SELECT 1 FROM panel p JOIN retention_deletion_pending r ON r.escalation_id = p.escalation_id WHERE p.id = OLD.panel_id)
        BEGIN SELECT RAISE(ABORT, 'The departure recorded for a panel that has sat or been cancelled is kept'); END;
      CREATE TRIGGER panel_departure_kept_no_update BEFORE UPDATE ON panel_departure
        WHEN EXISTS (SELECT 1 FROM panel p WHERE p.id = OLD.panel_id AND p.status <> 'planned')
        BEGIN SELECT RAISE(ABORT, 'The departure recorded for a panel that has sat or been cancelled is kept'); END;
    `);
  },
};
