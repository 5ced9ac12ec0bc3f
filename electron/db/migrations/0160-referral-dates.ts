import { todayIso } from '../../../shared/domain/dates';
import { createWorkingCalendar, sameWorkingDay } from '../../../shared/domain/workingDays';
import { INDEX } from '../indexes';
import type { Migration } from './migration';

/**
 * The referral of a child at immediate risk, judged by its date (issue 16, item 1; DOMAIN rule 1).
 * - referral_due_on: the same working day as the case's opening, by which the referral had to be
 *   made. Kept on the case (as same_day_deadline is) so the breach rule and the figures are plain
 *   comparisons over the immediate-risk index.
 * - A referral recorded with no date (referral_to set, referral_made_on NULL) is a referral whose
 *   date the coordinator does not know: counted as unknown, never as on time.
 * - referral_unconfirmed_on: until this step the log form and the case page's referral form
 *   filled in the day they were opened as the referral date. A recorded date that equals the day it
 *   was recorded may be that default rather than a date anyone entered, so it cannot be known to be
 *   right: it is kept here, for the coordinator to confirm, and the referral's date becomes
 *   unknown. A date that differs from the day it was recorded was typed in and is kept as it is.
 * - within_timescale: NULL (neither within nor outside) for a resolved case none of whose stages
 *   had a due date, which was counted as within until now.
 */
export const referralDates: Migration = {
  version: 160,
  name: 'referral dates: the same-working-day due date, unknown dates, defaulted dates kept unconfirmed; no timescale is not within one',
  up(db) {
    db.exec(`
      ALTER TABLE escalation ADD COLUMN referral_due_on TEXT;
      ALTER TABLE escalation ADD COLUMN referral_unconfirmed_on TEXT;
    `);
    const calendar = createWorkingCalendar({
      closureDays: (db.prepare('SELECT date FROM closure_day ORDER BY date').all() as { date: string }[]).map((d) => d.date),
    });
    const cases = db
      .prepare(
        `SELECT e.id, e.opened_on, e.origin, e.referral_made_on, e.created_at,
           (SELECT a.at FROM audit_entry a WHERE a.entity = 'escalation' AND a.entity_id = e.id AND a.action = 'escalation.recordReferral' ORDER BY a.id DESC LIMIT 1) AS referral_recorded_at
         FROM escalation e WHERE e.immediate_risk = 1`,
      )
      .all() as {
      id: number;
      opened_on: string;
      origin: string;
      referral_made_on: string | null;
      created_at: string;
      referral_recorded_at: string | null;
    }[];
    const setDue = db.prepare('UPDATE escalation SET referral_due_on = ? WHERE id = ?');
    const unconfirm = db.prepare('UPDATE escalation SET referral_unconfirmed_on = referral_made_on, referral_made_on = NULL WHERE id = ?');
    for (const c of cases) {
      setDue.run(sameWorkingDay(calendar, c.opened_on), c.id);
      if (c.origin !== 'board' || c.referral_made_on === null) continue;
      // The day the form was filled in: the day the referral was recorded on the case page, else the day the case was logged.
      const recordedOn = todayIso(new Date(c.referral_recorded_at ?? c.created_at));
      if (c.referral_made_on === recordedOn) unconfirm.run(c.id);
    }
    // "Resolved within the policy's timescales" counted every case with no timescale at all (an
    // agency's return records no due dates) as within: a figure counts only what was recorded.
    db.exec(`UPDATE escalation SET within_timescale = NULL WHERE within_timescale IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM stage_entry s WHERE s.escalation_id = escalation.id AND s.due_on IS NOT NULL)`);
    db.exec(`
      -- Immediate-risk cases with everything the referral and same-day rules read: the breach
      -- list and the dashboard's immediate-risk figures still come from this index alone.
      DROP INDEX ${INDEX.escalationImmediateRisk};
      CREATE INDEX ${INDEX.escalationImmediateRisk} ON escalation(opened_on, origin, referral_to, referral_made_on, referral_due_on, same_day_deadline, first_stage_ended_on) WHERE immediate_risk = 1;
    `);
  },
};
