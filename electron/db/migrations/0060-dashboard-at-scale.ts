import type { Migration } from './migration';
import { INDEX } from '../indexes';

export const dashboardAtScale: Migration = {
  version: 60,
  name: 'how each case ended, kept on the case, and covering indexes for the quarterly dashboard',
  up(db) {
    db.exec(`
      -- How the case ended, copied onto the case when it ends (lifecycle.resolve / withdraw and the
      -- agency-return import write them), so each dashboard figure is a range over one covering
      -- index instead of a lookup into outcome, escalation_withdrawal and stage_entry per case.
      --   resolved_on: the outcome's date; NULL unless the case was resolved.
      --   outcome_effect: the outcome's effect; NULL unless resolved.
      --   within_timescale: 1 when no stage of the resolved case ended after its due date, else 0;
      --     NULL unless resolved. Fixed once resolved: only open stages' deadlines are ever re-worked.
      --   withdrawn_on: the withdrawal's date; NULL unless withdrawn.
      ALTER TABLE escalation ADD COLUMN resolved_on TEXT;
      ALTER TABLE escalation ADD COLUMN outcome_effect TEXT;
      ALTER TABLE escalation ADD COLUMN within_timescale INTEGER CHECK (within_timescale IN (0, 1));
      ALTER TABLE escalation ADD COLUMN withdrawn_on TEXT;

      UPDATE escalation SET resolved_on = o.resolved_on, outcome_effect = o.effect FROM outcome o WHERE o.escalation_id = escalation.id;
      UPDATE escalation SET within_timescale = NOT EXISTS (
          SELECT 1 FROM stage_entry s WHERE s.escalation_id = escalation.id AND s.due_on IS NOT NULL AND s.ended_on > s.due_on)
        WHERE resolved_on IS NOT NULL;
      UPDATE escalation SET withdrawn_on = w.on_date FROM escalation_withdrawal w WHERE w.escalation_id = escalation.id;

      -- Covering indexes: a quarter's counts, split by origin and grouped by raising agency,
      -- category, stage or effect, read from the index alone (opened_on last in the resolved one
      -- for the time to resolution).
      CREATE INDEX ${INDEX.escalationDashOpened} ON escalation(opened_on, origin, raising_agency_id, category_id);
      CREATE INDEX ${INDEX.escalationDashResolved} ON escalation(resolved_on, origin, highest_stage, outcome_effect, within_timescale, opened_on) WHERE resolved_on IS NOT NULL;
      CREATE INDEX ${INDEX.escalationDashWithdrawn} ON escalation(withdrawn_on, origin) WHERE withdrawn_on IS NOT NULL;
      -- "Still open" and "carried over": the case's end, then its start, then its origin.
      DROP INDEX escalation_by_ended;
      CREATE INDEX ${INDEX.escalationDashEnded} ON escalation(ended_on, opened_on, origin);
      -- "Overdue at the end of the quarter": the stages open and past due at a date, from the index alone.
      DROP INDEX stage_entry_by_ended_due;
      CREATE INDEX stage_entry_dash_overdue ON stage_entry(ended_on, due_on, started_on, escalation_id);
    `);
  },
};
