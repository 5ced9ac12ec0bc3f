import type { Migration } from './index';

// The case's columns the register filters on, copied onto each of its escalation_agency rows.
const FILTERED = ['status', 'current_stage', 'current_due_on', 'current_due_soon_from', 'category_id', 'reference_key', 'child_initials'] as const;
const copied = (from: string) => FILTERED.map((c) => `${from}.${c}`).join(', ');

export const registerAndDashboardAtScale: Migration = {
  version: 90,
  name: 'the agencies party to each case, sort indexes that end in the opening date, and daily tallies for the dashboard',
  up(db) {
    db.exec(`
      -- Every agency party to a case, one row each: the raising agency and each challenged agency,
      -- with the case's columns that the register filters on. The register's agency filter
      -- ("raising or challenged") then reads one range of this key, in date order, whatever else
      -- is filtered, and the dashboard's agency-pair matrix reads a quarter's challenges without
      -- a lookup per case. The database keeps it: the triggers below write it from escalation and
      -- escalation_challenged, so no service can forget it. An agency is one party to a case (its
      -- raising agency is never among those it challenges: logging and importing both refuse
      -- that), so the key holds each agency and case once.
      CREATE TABLE escalation_agency (
        agency_id INTEGER NOT NULL REFERENCES agency(id),
        opened_on TEXT NOT NULL,
        escalation_id INTEGER NOT NULL REFERENCES escalation(id),
        role TEXT NOT NULL CHECK (role IN ('raising', 'challenged')),
        raising_agency_id INTEGER NOT NULL,
        origin TEXT NOT NULL,
        status TEXT NOT NULL,
        current_stage INTEGER,
        current_due_on TEXT,
        current_due_soon_from TEXT,
        category_id INTEGER NOT NULL,
        reference_key TEXT NOT NULL,
        child_initials TEXT NOT NULL,
        PRIMARY KEY (agency_id, opened_on, escalation_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX escalation_agency_by_escalation ON escalation_agency(escalation_id);

      INSERT INTO escalation_agency (agency_id, opened_on, escalation_id, role, raising_agency_id, origin, ${FILTERED.join(', ')})
        SELECT e.raising_agency_id, e.opened_on, e.id, 'raising', e.raising_agency_id, e.origin, ${copied('e')} FROM escalation e;
      INSERT OR IGNORE INTO escalation_agency (agency_id, opened_on, escalation_id, role, raising_agency_id, origin, ${FILTERED.join(', ')})
        SELECT c.agency_id, e.opened_on, e.id, 'challenged', e.raising_agency_id, e.origin, ${copied('e')} FROM escalation_challenged c JOIN escalation e ON e.id = c.escalation_id;

      CREATE TRIGGER escalation_agency_on_insert AFTER INSERT ON escalation BEGIN
        INSERT INTO escalation_agency (agency_id, opened_on, escalation_id, role, raising_agency_id, origin, ${FILTERED.join(', ')})
          VALUES (NEW.raising_agency_id, NEW.opened_on, NEW.id, 'raising', NEW.raising_agency_id, NEW.origin, ${copied('NEW')});
      END;
      CREATE TRIGGER escalation_agency_on_challenge AFTER INSERT ON escalation_challenged BEGIN
        INSERT OR IGNORE INTO escalation_agency (agency_id, opened_on, escalation_id, role, raising_agency_id, origin, ${FILTERED.join(', ')})
          SELECT NEW.agency_id, e.opened_on, e.id, 'challenged', e.raising_agency_id, e.origin, ${copied('e')} FROM escalation e WHERE e.id = NEW.escalation_id;
      END;
      CREATE TRIGGER escalation_agency_on_unchallenge AFTER DELETE ON escalation_challenged BEGIN
        DELETE FROM escalation_agency WHERE escalation_id = OLD.escalation_id AND agency_id = OLD.agency_id AND role = 'challenged';
      END;
      CREATE TRIGGER escalation_agency_on_change AFTER UPDATE OF ${FILTERED.join(', ')} ON escalation BEGIN
        UPDATE escalation_agency SET ${FILTERED.map((c) => `${c} = NEW.${c}`).join(', ')} WHERE escalation_id = NEW.id;
      END;
      -- Never changed today; if one is, the case's rows are written again.
      CREATE TRIGGER escalation_agency_on_move AFTER UPDATE OF raising_agency_id, opened_on, origin ON escalation
        WHEN OLD.raising_agency_id IS NOT NEW.raising_agency_id OR OLD.opened_on IS NOT NEW.opened_on OR OLD.origin IS NOT NEW.origin BEGIN
        DELETE FROM escalation_agency WHERE escalation_id = NEW.id;
        INSERT INTO escalation_agency (agency_id, opened_on, escalation_id, role, raising_agency_id, origin, ${FILTERED.join(', ')})
          VALUES (NEW.raising_agency_id, NEW.opened_on, NEW.id, 'raising', NEW.raising_agency_id, NEW.origin, ${copied('NEW')});
        INSERT OR IGNORE INTO escalation_agency (agency_id, opened_on, escalation_id, role, raising_agency_id, origin, ${FILTERED.join(', ')})
          SELECT c.agency_id, NEW.opened_on, NEW.id, 'challenged', NEW.raising_agency_id, NEW.origin, ${copied('NEW')} FROM escalation_challenged c WHERE c.escalation_id = NEW.id;
      END;
      CREATE TRIGGER escalation_agency_on_delete AFTER DELETE ON escalation BEGIN
        DELETE FROM escalation_agency WHERE escalation_id = OLD.id;
      END;

      -- The register's sorts each end in the opening date, then the id, and each has an index in
      -- exactly that order, so a page continues from the last row's values (keyset paging) and
      -- the quarter filter is answered inside the index during the walk. Stage and status use the
      -- existing (current_stage, opened_on) and (status, opened_on) indexes.
      DROP INDEX escalation_sort_due;
      DROP INDEX escalation_sort_stage;
      DROP INDEX escalation_sort_status;
      CREATE INDEX escalation_sort_due ON escalation(current_due_on, opened_on);
      -- Cases from the agencies' returns, for the register's source filter.
      CREATE INDEX escalation_from_returns ON escalation(opened_on) WHERE origin = 'agency_return';
      -- The search box also finds a case by the child's initials (stored in capitals).
      CREATE INDEX escalation_by_initials ON escalation(child_initials);
      -- Immediate-risk cases with what the same-day rule reads: the dashboard's immediate-risk
      -- figures and the breach list come from this index alone.
      DROP INDEX escalation_immediate_risk;
      CREATE INDEX escalation_immediate_risk ON escalation(opened_on, origin, referral_made_on, same_day_deadline, first_stage_ended_on) WHERE immediate_risk = 1;
      -- The open cases (a tenth of them or fewer) with every column the register filters on: the
      -- deadline filters, the overdue list and the open part of the due-date and stage orders
      -- are counted from this alone.
      CREATE INDEX escalation_open ON escalation(current_due_on, current_due_soon_from, current_stage, category_id, raising_agency_id, origin, opened_on, reference_key, child_initials)
        WHERE status = 'open';
    `);
  },
};
