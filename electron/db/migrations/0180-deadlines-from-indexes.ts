import { INDEX } from '../indexes';
import type { Migration } from './migration';

/**
 * The Deadlines screen (escalations:overdue) at a million cases. Each of its lists is a thousand
 * cases or so, and read through an index that held only the order, every case listed cost a read of
 * its table page: pages scattered over the whole file, each decrypted as it is read, thousands of
 * them a call, more than the page cache keeps from one call to the next. Here each list's index
 * holds every column the list shows, so a list reads a few dozen neighbouring index pages.
 * - Open cases by due date: the overdue list, due today, due this week and the cases at a stage
 *   with no timescale. Cases due the same day stay in id order, as the lists show them.
 * - Immediate-risk cases: the breach list needs the case's reference and raising agency too. They
 *   follow the id, so that cases opened the same day with the same referral dates are still listed
 *   in the order they were (the id's).
 * - Notifications still owed: the list reads the id, case and kind, in the order it shows them
 *   (made_on, always NULL here, is there because SQLite counts an index as holding a column only
 *   when it does, or when the index's condition fixes it with =).
 */
export const deadlinesFromIndexes: Migration = {
  version: 180,
  name: 'the Deadlines screen’s lists each read from an index holding the columns they show',
  up(db) {
    db.exec(`
      CREATE INDEX ${INDEX.escalationOpenByDue} ON escalation(current_due_on, id, reference, child_initials, origin, profile_id,
        raising_agency_id, category_id, opened_on, current_stage, current_due_soon_from, immediate_risk) WHERE status = 'open';
      DROP INDEX ${INDEX.escalationImmediateRisk};
      CREATE INDEX ${INDEX.escalationImmediateRisk} ON escalation(opened_on, origin, referral_to, referral_made_on, referral_due_on,
        same_day_deadline, first_stage_ended_on, id, reference, raising_agency_id) WHERE immediate_risk = 1;
      DROP INDEX notification_outstanding;
      CREATE INDEX notification_outstanding ON notification(required_since, id, escalation_id, kind, made_on) WHERE made_on IS NULL;
    `);
  },
};
