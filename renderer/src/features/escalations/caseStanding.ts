// Where a case stands and what it is owed, in words, for the top of the case page: what a
// coordinator opening it needs before anything else (is it late? what is missing? what next?).
// Read only from the case as the server returned it, so it can never disagree with the sections below.
import { formatUkDate } from '../../../../shared/domain/dates';
import type { EscalationDetail } from '../../../../shared/domain/escalation';
import { daysLeftText } from '../../components/DeadlineBadge';
import { chairDecisions } from '../panels/chairRoute';
import { atBoardStage, openStageOf, type CaseActionKey } from './caseActions';

export interface Owed {
  text: string;
  /** The section of the case page where it is done (its heading's id). */
  section: string;
}

export interface CaseStanding {
  /** One sentence: where the case is. */
  where: string;
  /** Things the case is waiting for, most urgent first. */
  owed: Owed[];
  /** The action most likely next, offered first (null: none of the case actions). */
  suggested: CaseActionKey | null;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : `${n} ${many}`);

function stageSentence(d: EscalationDetail): string {
  const s = d.currentStage;
  if (!s) return 'This case is open but has no open stage.';
  const at = `Stage ${s.number}, ${s.name}`;
  if (s.dueOn === null) {
    const started = openStageOf(d)?.startedOn;
    return `${at}, has no timescale${started ? `; it started on ${formatUkDate(started)}` : ''}.`;
  }
  const left = daysLeftText(s.workingDaysLeft);
  if (s.state === 'overdue') return `${at}, was due on ${formatUkDate(s.dueOn)}${left ? `: ${left}` : ''}.`;
  return `${at}, is due on ${formatUkDate(s.dueOn)}${left ? ` (${left})` : ''}.`;
}

function signOffOwed(d: EscalationDetail): Owed {
  if (!d.signOff.chairHasAccount) return { text: 'The chair’s sign-off is still to be recorded.', section: 'close' };
  const latest = d.signOff.requests.at(-1);
  if (!latest) return { text: 'The chair has not yet been asked to sign it off.', section: 'close' };
  if (latest.answer === 'declined')
    return { text: `The chair declined to sign it off${latest.declineReason ? `: ${latest.declineReason}` : '.'}`, section: 'close' };
  return { text: `Waiting for the chair to sign it off (asked by ${latest.requestedBy}).`, section: 'close' };
}

function endedStanding(d: EscalationDetail): CaseStanding {
  const openActions = d.actions.filter((a) => !a.doneOn).length;
  const actionsOwed: Owed[] = openActions
    ? [{ text: `${plural(openActions, 'One consequent action is', 'consequent actions are')} still open.`, section: 'outcome' }]
    : [];
  if (d.status === 'closed' && d.closed)
    return {
      where: `Closed on ${formatUkDate(d.closed.on)}, signed off by ${d.closed.chairName}.`,
      owed: actionsOwed,
      suggested: null,
    };
  const where =
    d.status === 'withdrawn' && d.withdrawn
      ? `Withdrawn on ${formatUkDate(d.withdrawn.on)}.`
      : d.outcome
        ? `Resolved on ${formatUkDate(d.outcome.resolvedOn)}.`
        : `${d.status === 'withdrawn' ? 'Withdrawn' : 'Resolved'}.`;
  return { where, owed: [signOffOwed(d), ...actionsOwed], suggested: null };
}

/** Where the case stands, what it is waiting for, and the action most likely next. */
export function caseStanding(d: EscalationDetail): CaseStanding {
  if (d.status !== 'open') return endedStanding(d);
  const owed: Owed[] = d.breaches.map((b) => ({ text: `Breach: ${b.message}`, section: 'breaches' }));
  const notTold = d.notifications.filter((n) => n.madeOn === null);
  if (notTold.length)
    owed.push({
      text: `${plural(notTold.length, 'One notification is', 'notifications are')} still to be recorded: ${notTold.map((n) => n.label).join(', ')}.`,
      section: 'notifications',
    });

  if (atBoardStage(d)) {
    const latest = chairDecisions(d).at(-1);
    return {
      where: `${stageSentence(d)} ${latest ? `The chair decided: ${latest.label}.` : 'The independent chair decides how it is resolved.'}`,
      owed,
      suggested: latest ? 'resolve' : 'decide',
    };
  }
  const open = openStageOf(d);
  const recorded = !!open && !!(open.discussion || open.decision);
  return {
    where: `${stageSentence(d)}${recorded ? '' : ' Nothing has been recorded of this stage’s discussion yet.'}`,
    owed,
    // Late and recorded: it should have gone up. On time and recorded: the coordinator's call.
    suggested: !recorded ? 'record-stage' : d.currentStage?.state === 'overdue' ? 'escalate' : null,
  };
}
