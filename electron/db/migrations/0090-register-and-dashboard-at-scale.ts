import type { Migration } from './migration';
import { INDEX } from '../indexes';

// The case's columns the register filters on, copied onto each of its escalation_agency rows.
const FILTERED = [
  'status',
  'current_stage',
  'current_due_on',
  'current_due_soon_from',
  'category_id',
  'reference_key',
  'child_initials',
] as const;
const copied = (from: string) => FILTERED.map((c) => `${from}.${c}`).join(', ');

// ---- the daily tally ----
// Each statement adds a case's (or a stage's) part of the tally with a sign: +1 for a row as it now
// is, -1 for the row as it was. Upserts, so the day's row is made the first time it is needed.
const bump = (columns: string[], select: string, where: string, from = '') =>
  `INSERT INTO escalation_tally (day, origin, ${columns.join(', ')}) SELECT ${select} ${from} WHERE ${where}
     ON CONFLICT (day, origin) DO UPDATE SET ${columns.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')};`;

/** A case's part: opened on its opening day; ended on the later of its end and its opening; resolved on its outcome's day. */
const tallyCase = (r: 'NEW' | 'OLD', sign: 1 | -1) =>
  [
    bump(['opened'], `${r}.opened_on, ${r}.origin, ${sign}`, 'true'),
    bump(['ended'], `max(${r}.opened_on, ${r}.ended_on), ${r}.origin, ${sign}`, `${r}.ended_on IS NOT NULL`),
    bump(
      ['resolved', 'resolved_at_stages_1_2'],
      `${r}.resolved_on, ${r}.origin, ${sign}, CASE WHEN ${r}.highest_stage <= 2 THEN ${sign} ELSE 0 END`,
      `${r}.resolved_on IS NOT NULL`,
    ),
  ].join('\n');

// A stage is overdue from the day after its due date (or its start, if later) until the day it ends.
const overdueFrom = (s: string) => `max(${s}.started_on, date(${s}.due_on, '+1 day'))`;
const everOverdue = (s: string) => `${s}.due_on IS NOT NULL AND (${s}.ended_on IS NULL OR ${overdueFrom(s)} < ${s}.ended_on)`;
/** A stage's part: became overdue on the first day it was, stopped on the day it ended (if it was overdue by then). */
const tallyStage = (s: string, origin: string, sign: 1 | -1, ofCase?: string) => {
  const from = ofCase ? `FROM stage_entry ${s}` : '';
  const where = (w: string) => (ofCase ? `${s}.escalation_id = ${ofCase} AND ${w}` : w);
  return [
    bump(['became_overdue'], `${overdueFrom(s)}, ${origin}, ${sign}`, where(everOverdue(s)), from),
    bump(['stopped_overdue'], `${s}.ended_on, ${origin}, ${sign}`, where(`${everOverdue(s)} AND ${s}.ended_on IS NOT NULL`), from),
  ].join('\n');
};
const originOf = (s: string) => `(SELECT e.origin FROM escalation e WHERE e.id = ${s}.escalation_id)`;

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
      -- The dashboard's agency-pair matrix: a quarter's challenges by challenged and raising agency.
      CREATE INDEX ${INDEX.escalationAgencyPairs} ON escalation_agency(agency_id, raising_agency_id, opened_on, origin) WHERE role = 'challenged';

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
      DROP INDEX ${INDEX.escalationSortDue};
      DROP INDEX escalation_sort_stage;
      DROP INDEX escalation_sort_status;
      CREATE INDEX ${INDEX.escalationSortDue} ON escalation(current_due_on, opened_on);
      -- The register's source filter (logged by the board, or from an agency's return), in date order.
      CREATE INDEX ${INDEX.escalationByOrigin} ON escalation(origin, opened_on);
      -- The status order within a stage: a stage is only ever current on an open case, so walking
      -- the status order and testing each case's stage would pass every closed case first.
      CREATE INDEX ${INDEX.escalationStageByStatus} ON escalation(current_stage, status, opened_on) WHERE current_stage IS NOT NULL;
      -- The reference order ends in the opening date too (a quarter is then tested in the index).
      DROP INDEX ${INDEX.escalationByReference};
      CREATE INDEX ${INDEX.escalationByReference} ON escalation(reference_key, opened_on);
      -- The search box also finds a case by the child's initials (stored in capitals).
      CREATE INDEX ${INDEX.escalationByInitials} ON escalation(child_initials);
      -- Immediate-risk cases with what the same-day rule reads: the dashboard's immediate-risk
      -- figures and the breach list come from this index alone.
      DROP INDEX ${INDEX.escalationImmediateRisk};
      CREATE INDEX ${INDEX.escalationImmediateRisk} ON escalation(opened_on, origin, referral_made_on, same_day_deadline, first_stage_ended_on) WHERE immediate_risk = 1;
      -- Notifications required in a quarter, by kind, and whether made by its end: from the index alone.
      DROP INDEX notification_by_required;
      CREATE INDEX notification_by_required ON notification(required_since, kind, made_on);
      -- The cases with a due date, and those at a stage (the open ones: a tenth of the cases or
      -- fewer), each with every column the register filters on: the deadline and stage filters
      -- and the first part of the due-date and stage orders are counted from these alone.
      CREATE INDEX ${INDEX.escalationWithDue} ON escalation(current_due_on, current_due_soon_from, status, current_stage, category_id, raising_agency_id, origin, opened_on, reference_key, child_initials)
        WHERE current_due_on IS NOT NULL;
      CREATE INDEX ${INDEX.escalationAtStage} ON escalation(current_stage, status, current_due_on, current_due_soon_from, category_id, raising_agency_id, origin, opened_on, reference_key, child_initials)
        WHERE current_stage IS NOT NULL;

      -- The quarterly dashboard's counts of cases over time, per day and origin: how many cases
      -- opened, ended, were resolved (and of those, at stages 1-2), and how many stages became
      -- overdue and stopped being overdue. A figure for any stretch of days is then a sum over a
      -- few hundred rows: "new" sums opened over the quarter; "still open at the end" sums opened
      -- less ended over every day up to its last; "overdue at the end" sums became less stopped.
      -- A case that ended on a day before it opened (never allowed) counts as ended on its
      -- opening day, so the sums count exactly what the figures' predicates count (figures.ts;
      -- the database tests hold each sum to its predicate). The database keeps the tally: the
      -- triggers below take a row's old part away and add its new part whenever it changes.
      CREATE TABLE escalation_tally (
        day TEXT NOT NULL,
        origin TEXT NOT NULL,
        opened INTEGER NOT NULL DEFAULT 0,
        ended INTEGER NOT NULL DEFAULT 0,
        resolved INTEGER NOT NULL DEFAULT 0,
        resolved_at_stages_1_2 INTEGER NOT NULL DEFAULT 0,
        became_overdue INTEGER NOT NULL DEFAULT 0,
        stopped_overdue INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (day, origin)
      ) STRICT, WITHOUT ROWID;

      CREATE TRIGGER escalation_tally_on_insert AFTER INSERT ON escalation BEGIN
        ${tallyCase('NEW', 1)}
      END;
      CREATE TRIGGER escalation_tally_on_change AFTER UPDATE OF opened_on, ended_on, resolved_on, highest_stage, origin ON escalation
        WHEN OLD.opened_on IS NOT NEW.opened_on OR OLD.ended_on IS NOT NEW.ended_on OR OLD.resolved_on IS NOT NEW.resolved_on
          OR OLD.highest_stage IS NOT NEW.highest_stage OR OLD.origin IS NOT NEW.origin BEGIN
        ${tallyCase('OLD', -1)}
        ${tallyCase('NEW', 1)}
      END;
      -- Never changed today; if it is, the case's stages move to the other origin's tally.
      CREATE TRIGGER escalation_tally_on_origin AFTER UPDATE OF origin ON escalation WHEN OLD.origin IS NOT NEW.origin BEGIN
        ${tallyStage('s', 'OLD.origin', -1, 'NEW.id')}
        ${tallyStage('s', 'NEW.origin', 1, 'NEW.id')}
      END;
      CREATE TRIGGER escalation_tally_on_delete AFTER DELETE ON escalation BEGIN
        ${tallyCase('OLD', -1)}
      END;
      CREATE TRIGGER stage_tally_on_insert AFTER INSERT ON stage_entry BEGIN
        ${tallyStage('NEW', originOf('NEW'), 1)}
      END;
      CREATE TRIGGER stage_tally_on_change AFTER UPDATE OF started_on, due_on, ended_on ON stage_entry
        WHEN OLD.started_on IS NOT NEW.started_on OR OLD.due_on IS NOT NEW.due_on OR OLD.ended_on IS NOT NEW.ended_on BEGIN
        ${tallyStage('OLD', originOf('OLD'), -1)}
        ${tallyStage('NEW', originOf('NEW'), 1)}
      END;
      CREATE TRIGGER stage_tally_on_delete AFTER DELETE ON stage_entry BEGIN
        ${tallyStage('OLD', originOf('OLD'), -1)}
      END;
    `);
    // The tally of the cases and stages already recorded, in one pass each.
    db.exec(`
      INSERT INTO escalation_tally (day, origin, opened) SELECT opened_on, origin, count(*) FROM escalation GROUP BY opened_on, origin
        ON CONFLICT (day, origin) DO UPDATE SET opened = opened + excluded.opened;
      INSERT INTO escalation_tally (day, origin, ended) SELECT max(opened_on, ended_on), origin, count(*) FROM escalation WHERE ended_on IS NOT NULL GROUP BY 1, 2
        ON CONFLICT (day, origin) DO UPDATE SET ended = ended + excluded.ended;
      INSERT INTO escalation_tally (day, origin, resolved, resolved_at_stages_1_2)
        SELECT resolved_on, origin, count(*), sum(highest_stage <= 2) FROM escalation WHERE resolved_on IS NOT NULL GROUP BY 1, 2
        ON CONFLICT (day, origin) DO UPDATE SET resolved = resolved + excluded.resolved, resolved_at_stages_1_2 = resolved_at_stages_1_2 + excluded.resolved_at_stages_1_2;
      INSERT INTO escalation_tally (day, origin, became_overdue)
        SELECT ${overdueFrom('s')}, e.origin, count(*) FROM stage_entry s JOIN escalation e ON e.id = s.escalation_id WHERE ${everOverdue('s')} GROUP BY 1, 2
        ON CONFLICT (day, origin) DO UPDATE SET became_overdue = became_overdue + excluded.became_overdue;
      INSERT INTO escalation_tally (day, origin, stopped_overdue)
        SELECT s.ended_on, e.origin, count(*) FROM stage_entry s JOIN escalation e ON e.id = s.escalation_id WHERE ${everOverdue('s')} AND s.ended_on IS NOT NULL GROUP BY 1, 2
        ON CONFLICT (day, origin) DO UPDATE SET stopped_overdue = stopped_overdue + excluded.stopped_overdue;
    `);
  },
};
