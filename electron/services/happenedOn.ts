// Something that has happened (a referral, a move up a stage, a representation, a decision, an
// outcome, a notification, a withdrawal, a sign-off) cannot be dated after today. Today is the
// desk's clock, read as the London calendar day. One rule for every front door: the screen, the
// board server and the command line all reach it through the services.
import { formatUkDate, todayIso } from '../../shared/domain/dates';
import { DomainError } from './errors';

/**
 * Refuses `date` when it is after today, naming the field as the screen labels it.
 * `what` starts the sentence: "The date resolved", "The referral".
 */
export function requireHappened(now: Date, date: string, what: string, where: string): void {
  const today = todayIso(now);
  if (date > today)
    throw new DomainError(`${what} is dated ${formatUkDate(date)}, after today (${formatUkDate(today)}): it cannot be in the future.`, [
      { where, message: 'Cannot be in the future' },
    ]);
}
