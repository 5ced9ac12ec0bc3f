// Drafts a person sends from their own e-mail: the outcome to the worker who raised the concern
// (so they are told without chasing it), and the referral to the independent chair (Bexley asks
// for the reasons and what has happened so far). Case reference and initials only.
import { describeParticipant } from '../../../shared/domain/stageParticipants';
import { CHILD_STATUSES, OUTCOME_EFFECTS, type Draft, type EscalationDetail } from '../../../shared/domain/escalation';
import { formatUkDate } from '../../../shared/domain/dates';
import { DomainError } from '../errors';
import { boardName, chairEmail } from '../settings';
import { getEscalation } from './detail';
import type { AnyDb } from './rows';

function mailto(to: string, subject: string, body: string): string {
  // The address stays readable (an encoded @ confuses some mail programs); the rest is encoded.
  return `mailto:${encodeURIComponent(to).replace(/%40/g, '@')}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

function caseLine(e: EscalationDetail): string {
  return `Case reference ${e.reference}${e.childInitials ? ` (initials ${e.childInitials})` : ''}, raised by ${e.raisingAgency.name} on ${formatUkDate(e.openedOn)}`;
}

function history(e: EscalationDetail): string {
  return e.stages
    .map((s) => {
      const lines = [
        `Stage ${s.number}, ${s.name}: from ${formatUkDate(s.startedOn)}${s.endedOn ? ` to ${formatUkDate(s.endedOn)} (${s.endReason})` : ' (open)'}`,
      ];
      if (s.discussion) lines.push(`  Discussion: ${s.discussion}`);
      if (s.decision) lines.push(`  Decision: ${s.decision}`);
      if (s.people.length) lines.push(`  People who took part: ${s.people.map(describeParticipant).join('; ')}`);
      if (s.participants) lines.push(`  Who took part: ${s.participants}`);
      return lines.join('\n');
    })
    .join('\n');
}

export function outcomeLetter(db: AnyDb, now: Date, escalationId: number): Draft {
  const e = getEscalation(db, now, escalationId);
  if (!e.outcome && !e.withdrawn)
    throw new DomainError(`Escalation ${e.reference} has no outcome yet: resolve or withdraw it first, then draft the letter.`);
  const board = boardName(db);
  const subject = `Outcome of your escalation, case reference ${e.reference}`;
  const result = e.outcome
    ? [
        `The disagreement was resolved on ${formatUkDate(e.outcome.resolvedOn)}. ${OUTCOME_EFFECTS[e.outcome.effect]}.`,
        '',
        'Agreed statement of outcome:',
        e.outcome.statement,
        '',
        `Agreed by: ${e.outcome.agreedBy}`,
        ...(e.actions.length > 0
          ? ['', 'Actions:', ...e.actions.map((a) => `- ${a.description} (owner: ${a.owner}; due ${formatUkDate(a.dueOn)})`)]
          : []),
      ]
    : [`The escalation was withdrawn on ${formatUkDate(e.withdrawn!.on)}: ${e.withdrawn!.reason}`];
  const body = [
    `To the ${e.raisingWorkerRole}, ${e.raisingAgency.name}`,
    '',
    `Thank you for raising your concern. ${caseLine(e)}, challenging ${e.challengedAgencies.map((a) => a.name).join(', ')}.`,
    '',
    ...result,
    '',
    'Please record this outcome on the child’s file. If you remain concerned about the child’s safety, contact the board business coordinator straight away.',
    '',
    board,
  ].join('\n');
  return { to: e.raisingWorkerEmail, subject, body, mailto: mailto(e.raisingWorkerEmail, subject, body) };
}

export function chairReferral(db: AnyDb, now: Date, escalationId: number): Draft {
  const e = getEscalation(db, now, escalationId);
  const board = boardName(db);
  const subject = `For the attention of the independent chair: escalation ${e.reference}`;
  const body = [
    'For the attention of the independent chair',
    '',
    `${caseLine(e)}. Agencies challenged: ${e.challengedAgencies.map((a) => a.name).join(', ')}.`,
    `Category: ${e.category.name}. Child’s status: ${CHILD_STATUSES[e.childStatus]}.${e.immediateRisk ? ' The child is at immediate risk of significant harm.' : ''}`,
    e.referral
      ? `Referral made to ${e.referral.to} ${e.referral.madeOn ? `on ${formatUkDate(e.referral.madeOn)}` : '(the date it was made is not known)'}.`
      : '',
    '',
    'Reasons for the disagreement:',
    e.summary,
    '',
    'What has happened so far:',
    history(e),
    '',
    `Referral route under ${e.profile.name}: ${e.profile.referralRoute}`,
    '',
    board,
  ]
    .filter((line, i, all) => !(line === '' && all[i - 1] === ''))
    .join('\n');
  // Addressed to the chair the board recorded in Settings, or left for the sender to fill in.
  const to = chairEmail(db);
  return { to, subject, body, mailto: mailto(to, subject, body) };
}
