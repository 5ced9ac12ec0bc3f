// The things a person does to a case, each on its own page (#/escalations/<id>/<action>), so the
// case page itself is what the case is and what comes next, not every form open at once (issue 16,
// item 7). One list: the case page's "What to do next" offers these links, the action page finds
// its form and title here, and both ask the same question of whether the action applies.
import type { Channel } from '../../../../shared/contract';
import { ESCALATION_STATUSES, type EscalationDetail } from '../../../../shared/domain/escalation';

export const CASE_ACTION_KEYS = [
  'track-deadline',
  'record-stage',
  'escalate',
  'decide',
  'resolve',
  'withdraw',
  'correct',
  'redact',
] as const;
export type CaseActionKey = (typeof CASE_ACTION_KEYS)[number];

export interface CaseAction {
  /** The link on the case page: says what it does. */
  link: string;
  /** The action page's heading and window title. */
  title: string;
  /** The channel that does it: a role that may not call it is not offered the link. */
  channel: Channel;
  /** Said of a case it does not apply to, in place of the form (null: it applies). */
  notNow: (d: EscalationDetail) => string | null;
}

/** The stage the case is at now (none once it has ended). */
export const openStageOf = (d: EscalationDetail) => d.stages.find((s) => s.endedOn === null) ?? null;
const status = (d: EscalationDetail) => ESCALATION_STATUSES[d.status].toLowerCase();
const mustBeOpen = (d: EscalationDetail) => (d.status === 'open' ? null : `This case is ${status(d)}: only an open case can change stage.`);
/** The case has reached its policy's last stage: what is left is the chair's decision. */
export const atBoardStage = (d: EscalationDetail) => d.status === 'open' && d.currentStage !== null && d.nextStages.length === 0;

export const CASE_ACTIONS: Record<CaseActionKey, CaseAction> = {
  'track-deadline': {
    link: 'Track this stage’s deadline',
    title: 'Track this stage’s deadline',
    channel: 'escalations:trackDeadline',
    notNow: (d) =>
      (d.status === 'open' ? null : `This case is ${status(d)}: only an open case has a deadline to track.`) ??
      (d.importedFrom === null
        ? 'Only a case imported from the board’s previous register starts without a deadline.'
        : openStageOf(d)?.dueOn
          ? 'This stage’s deadline is already tracked.'
          : null),
  },
  'record-stage': {
    link: 'Record the discussion at this stage',
    title: 'Record this stage’s discussion',
    channel: 'escalations:recordStage',
    notNow: (d) => mustBeOpen(d) ?? (openStageOf(d) ? null : 'This case has no open stage to record.'),
  },
  escalate: {
    link: 'Move up a stage',
    title: 'Move up a stage',
    channel: 'escalations:escalate',
    notNow: (d) =>
      mustBeOpen(d) ??
      (d.nextStages.length > 0 ? null : `This case is at the last stage of ${d.profile.name}: the chair decides from here.`),
  },
  decide: {
    link: 'Record the chair’s decision',
    title: 'Chair’s decision',
    channel: 'chair:decide',
    notNow: (d) =>
      d.status !== 'open'
        ? `This case is ${status(d)}: there is nothing for the chair to decide.`
        : atBoardStage(d)
          ? null
          : `The chair decides once the case reaches the last stage of ${d.profile.name}. It is at stage ${d.currentStage?.number ?? '?'}.`,
  },
  resolve: {
    link: 'Resolve the escalation',
    title: 'Resolve the escalation',
    channel: 'escalations:resolve',
    notNow: (d) => (d.status === 'open' ? null : `This case is ${status(d)}: only an open case can be resolved.`),
  },
  withdraw: {
    link: 'Withdraw the escalation',
    title: 'Withdraw the escalation',
    channel: 'escalations:withdraw',
    notNow: (d) => (d.status === 'open' ? null : `This case is ${status(d)}: only an open case can be withdrawn.`),
  },
  correct: {
    link: 'Correct a detail',
    title: 'Correct a detail',
    channel: 'escalations:correct',
    notNow: (d) => (d.status === 'closed' ? 'This case is closed: its details are no longer corrected.' : null),
  },
  redact: {
    link: 'Remove a child’s identifier',
    title: 'Remove a child’s identifier',
    channel: 'escalations:redact',
    notNow: () => null,
  },
};

export function isCaseActionKey(value: string | undefined): value is CaseActionKey {
  return (CASE_ACTION_KEYS as readonly string[]).includes(value ?? '');
}

/** The actions this case takes now, for a person who may call `can`, in the order the case page lists them. */
export function actionsFor(d: EscalationDetail, can: (channel: Channel) => boolean): CaseActionKey[] {
  return CASE_ACTION_KEYS.filter((k) => can(CASE_ACTIONS[k].channel) && CASE_ACTIONS[k].notNow(d) === null);
}
