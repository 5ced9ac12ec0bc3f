import { DEADLINE_STATES, type DeadlineStateKey } from '../../../shared/domain/escalation';
import { formatUkDate } from '../../../shared/domain/dates';

function isState(value: string | null | undefined): value is DeadlineStateKey {
  return !!value && Object.prototype.hasOwnProperty.call(DEADLINE_STATES, value);
}

export function deadlineLabel(state: string | null | undefined): string {
  return isState(state) ? DEADLINE_STATES[state] : 'No open stage';
}

/** Working days left (or late) in words: "3 working days left", "due today", "2 working days late". */
export function daysLeftText(workingDaysLeft: number | null | undefined): string | null {
  if (workingDaysLeft === null || workingDaysLeft === undefined) return null;
  if (workingDaysLeft === 0) return 'due today';
  const n = Math.abs(workingDaysLeft);
  const days = `${n} working day${n === 1 ? '' : 's'}`;
  return workingDaysLeft > 0 ? `${days} left` : `${days} late`;
}

interface Props {
  state: string | null | undefined;
  dueOn?: string | null;
  workingDaysLeft?: number | null;
  /** Show only the state word (for tight table cells). */
  compact?: boolean;
}

/** A stage's deadline state at a glance: a coloured word, never colour alone. */
export function DeadlineBadge({ state, dueOn, workingDaysLeft, compact = false }: Props) {
  const kind = isState(state) ? state : 'none';
  const left = daysLeftText(workingDaysLeft);
  return (
    <span className="deadline">
      <span className={`badge badge--${kind}`}>{compact && kind === 'no_timescale' ? 'No timescale' : deadlineLabel(state)}</span>
      {!compact && dueOn && <span className="deadline__due"> due {formatUkDate(dueOn)}</span>}
      {!compact && left && <span className="deadline__left"> · {left}</span>}
    </span>
  );
}
