// DOMAIN rule 1: a child at immediate risk is referred straight away and the escalation goes up
// the same working day. A referral missing, made later than the same working day, or with a date
// nobody knows is a breach, as is an escalation that did not go up: each shown until put right.
import { formatUkDate } from '../../../shared/domain/dates';
import { REFERRAL_ROUTES, referralTimeliness } from '../../../shared/domain/escalation';
import type { EscalationRow } from './rows';
import { render, sql, trusted, type Param, type Sql, type Trusted } from '../../db/sql';

export interface Breach {
  kind: 'referral_missing' | 'referral_date_unknown' | 'referral_late' | 'not_escalated_same_day';
  message: string;
}

type BreachFields = Pick<
  EscalationRow,
  | 'immediate_risk'
  | 'referral_to'
  | 'referral_made_on'
  | 'referral_due_on'
  | 'same_day_deadline'
  | 'first_stage_ended_on'
  | 'origin'
  | 'opened_on'
>;

const routeName = (to: string) => (REFERRAL_ROUTES as Record<string, string>)[to] ?? to;

export function breachesOf(row: BreachFields, today: string): Breach[] {
  // An agency's return reports its own cases in outline (no referral date is asked), so the
  // same-day rule is judged on the board's own cases only.
  if (row.immediate_risk !== 1 || row.origin === 'agency_return') return [];
  const breaches: Breach[] = [];
  const dueOn = row.referral_due_on ?? row.opened_on;
  switch (referralTimeliness(row.referral_to, row.referral_made_on, dueOn)) {
    case 'none':
      breaches.push({
        kind: 'referral_missing',
        message: 'The child is at immediate risk of significant harm but no referral (MASH, First Response or police) is recorded.',
      });
      break;
    case 'date_unknown':
      breaches.push({
        kind: 'referral_date_unknown',
        message: `The referral to ${routeName(row.referral_to!)} is recorded but the date it was made is not known, so it cannot be shown to have been made the same working day (by ${formatUkDate(dueOn)}).`,
      });
      break;
    case 'late':
      breaches.push({
        kind: 'referral_late',
        message: `The child is at immediate risk but the referral was not made the same working day (by ${formatUkDate(dueOn)}): it was made on ${formatUkDate(row.referral_made_on!)}.`,
      });
      break;
    case 'on_time':
      break;
  }
  const deadline = row.same_day_deadline;
  if (deadline !== null) {
    const ended = row.first_stage_ended_on;
    if ((ended === null && today > deadline) || (ended !== null && ended > deadline)) {
      breaches.push({
        kind: 'not_escalated_same_day',
        message: `The child is at immediate risk but the escalation did not go up the same working day (by ${formatUkDate(deadline)})${ended ? `: it moved on ${formatUkDate(ended)}` : ''}.`,
      });
    }
  }
  return breaches;
}

/**
 * The same rule as SQL over escalations aliased `e`, judged as of the date in the named parameter
 * (today for the register, the quarter's end for the dashboard).
 */
export function breachSql(asOfParam: '@today' | '@asOf'): string {
  return render(breachPredicate(trusted(asOfParam))).text;
}

/** The referral rule alone, as SQL: no referral, no known date, or a date after the same working day. */
export const referralBreach = sql`(e.referral_to IS NULL OR e.referral_made_on IS NULL OR e.referral_made_on > e.referral_due_on)`;

/** The same-day escalation rule alone, as SQL, judged as of the date given. */
export function escalationBreach(asOf: Param | Trusted): Sql {
  return sql`(e.same_day_deadline IS NOT NULL AND ((e.first_stage_ended_on IS NULL AND e.same_day_deadline < ${asOf}) OR e.first_stage_ended_on > e.same_day_deadline))`;
}

/** The same rule as a fragment, judged as of the date given (a parameter, or code-owned SQL). */
export function breachPredicate(asOf: Param | Trusted): Sql {
  return sql`e.immediate_risk = 1 AND e.origin = 'board' AND (${referralBreach} OR ${escalationBreach(asOf)})`;
}
