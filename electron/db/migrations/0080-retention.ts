import type { Migration } from './migration';

// Tables whose rows belong to one case, by the column that names it. Their rows may be deleted only
// while that case is being deleted after a retention review (see retention_deletion_pending).
const CASE_TABLES = [
  ['escalation', 'id'],
  ['escalation_challenged', 'escalation_id'],
  ['stage_entry', 'escalation_id'],
  ['notification', 'escalation_id'],
  ['outcome', 'escalation_id'],
  ['outcome_action', 'escalation_id'],
  ['escalation_theme', 'escalation_id'],
  ['escalation_withdrawal', 'escalation_id'],
  ['escalation_closure', 'escalation_id'],
  ['chair_decision', 'escalation_id'],
  ['panel', 'escalation_id'],
] as const;

export const retention: Migration = {
  version: 80,
  name: 'retention review: a record of each deliberate deletion, the one narrow path by which a reviewed case is deleted, and the audit trail checkpoint',
  up(db) {
    db.exec(`
      -- What was deleted after a retention review, when, by whom and why: the case reference and
      -- initials only. Append-only, like the audit trail. No foreign key: the case is gone.
      CREATE TABLE retention_deletion (
        id INTEGER PRIMARY KEY,
        escalation_id INTEGER NOT NULL UNIQUE,
        reference TEXT NOT NULL,
        child_initials TEXT NOT NULL,
        closed_on TEXT NOT NULL,
        review_years INTEGER NOT NULL,
        deleted_at TEXT NOT NULL,
        deleted_by TEXT NOT NULL,
        reason TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER retention_deletion_no_update BEFORE UPDATE ON retention_deletion
        BEGIN SELECT RAISE(ABORT, 'The record of a deletion cannot be changed'); END;
      CREATE TRIGGER retention_deletion_no_delete BEFORE DELETE ON retention_deletion
        BEGIN SELECT RAISE(ABORT, 'The record of a deletion cannot be deleted'); END;

      -- The narrow path: the deletion service adds the case here, deletes its rows and removes the
      -- marker again, all in one transaction. Outside that transaction the table is empty, so no
      -- other code (and no later case that happened to get the same id) can delete a case's rows.
      CREATE TABLE retention_deletion_pending (escalation_id INTEGER PRIMARY KEY) STRICT;

      -- A deleted case's id is never given to a new case (nextEscalationId), so the audit entries
      -- about it can never be read as another case's history; this refuses any insert that would.
      CREATE TRIGGER escalation_id_not_reused AFTER INSERT ON escalation
        WHEN EXISTS (SELECT 1 FROM retention_deletion WHERE escalation_id = NEW.id)
        BEGIN SELECT RAISE(ABORT, 'That escalation id belonged to a case deleted after a retention review and is not reused'); END;

      -- Due-date history stays append-only, except for the rows of a case being deleted.
      DROP TRIGGER due_date_history_no_delete;
      CREATE TRIGGER due_date_history_no_delete BEFORE DELETE ON due_date_history
        WHEN NOT EXISTS (SELECT 1 FROM stage_entry s JOIN retention_deletion_pending p ON p.escalation_id = s.escalation_id WHERE s.id = OLD.stage_entry_id)
        BEGIN SELECT RAISE(ABORT, 'Due date history cannot be deleted'); END;
      CREATE TRIGGER panel_representation_no_delete BEFORE DELETE ON panel_representation
        WHEN NOT EXISTS (SELECT 1 FROM panel p JOIN retention_deletion_pending r ON r.escalation_id = p.escalation_id WHERE p.id = OLD.panel_id)
        BEGIN SELECT RAISE(ABORT, 'A representation to a panel is deleted only with its case, after a retention review'); END;

      -- For the retention review's "closed on" of cases the chair signed off.
      CREATE INDEX escalation_closure_by_date ON escalation_closure(on_date);

      -- Where the start-up check of the audit trail last found the chain intact: it re-checks that
      -- entry and everything after it at once, and the whole chain in the background.
      CREATE TABLE audit_checkpoint (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        entry_id INTEGER NOT NULL,
        hash TEXT NOT NULL,
        checked_at TEXT NOT NULL
      ) STRICT;

      INSERT OR IGNORE INTO board_setting (key, value) VALUES ('retention_review_years', '6');
    `);
    // Nothing about a case is deleted except through the narrow path above.
    for (const [table, column] of CASE_TABLES) {
      db.exec(`
        CREATE TRIGGER ${table}_delete_only_on_review BEFORE DELETE ON ${table}
          WHEN NOT EXISTS (SELECT 1 FROM retention_deletion_pending WHERE escalation_id = OLD.${column})
          BEGIN SELECT RAISE(ABORT, 'Records of a case are deleted only through a retention review, by a named person with a reason'); END;
      `);
    }
  },
};
