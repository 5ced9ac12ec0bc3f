// DOMAIN rule 1: a child at immediate risk is referred straight away and the escalation goes up
// the same working day. Either one missing is a breach, shown until it is put right.
import { formatUkDate } from '../../../shared/domain/dates';
import type { EscalationRow } from './rows';
import { render, sql, trusted, type Param, type Sql, type Trusted } from '../../db/sql';

export interface Breach {
  kind: 'referral_missing' | 'not_escalated_same_day';
  message: string;
}

type BreachFields = Pick<EscalationRow, 'immediate_risk' | 'referral_made_on' | 'same_day_deadline' | 'first_stage_ended_on' | 'origin'>;

export function breachesOf(row: BreachFields, today: string): Breach[] {
  // An agency's return reports its own cases in outline (no referral date is asked), so the
  // same-day rule is judged on the board's own cases only.
  if (row.immediate_risk !== 1 || row.origin === 'agency_return') return [];
  const breaches: Breach[] = [];
  if (row.referral_made_on === null) {
    breaches.push({
      kind: 'referral_missing',
      message: 'The child is at immediate risk of significant harm but no referral (MASH, First Response or police) is recorded.',
    });
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

/** The same rule as a fragment, judged as of the date given (a parameter, or code-owned SQL). */
export function breachPredicate(asOf: Param | Trusted): Sql {
  return sql`e.immediate_risk = 1 AND e.origin = 'board' AND (e.referral_made_on IS NULL
  OR (e.same_day_deadline IS NOT NULL AND ((e.first_stage_ended_on IS NULL AND e.same_day_deadline < ${asOf}) OR e.first_stage_ended_on > e.same_day_deadline)))`;
}
