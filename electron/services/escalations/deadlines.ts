// A stage's due date and the date from which it counts as "due soon", from the escalation's own
// policy version and the board's calendar. Stored on the stage (and the case) so the register and
// overdue list can filter on them with an index; deadlineState() stays the one rule for the state.
import type { PolicyProfile } from '../../../shared/domain/policyProfiles';
import type { DeadlineStateKey } from '../../../shared/domain/escalation';
import {
  addWorkingDays,
  deadlineState,
  sameWorkingDay,
  workingDaysBetween,
  type WorkingCalendar,
} from '../../../shared/domain/workingDays';

export interface StageDeadline {
  timescaleWorkingDays: number | null;
  dueOn: string | null;
  dueSoonFrom: string | null;
}

function nextDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

export function stageDeadline(
  calendar: WorkingCalendar,
  profile: PolicyProfile,
  stageNumber: number,
  startedOn: string,
  immediateRisk: boolean,
): StageDeadline {
  const stage = profile.stages.find((s) => s.number === stageNumber);
  if (!stage) return { timescaleWorkingDays: null, dueOn: null, dueSoonFrom: null };
  // A child at immediate risk: the stage must be dealt with the same working day where the policy says so.
  const timescale = immediateRisk && stage.sameWorkingDayIfImmediateRisk ? 0 : stage.timescaleWorkingDays;
  if (timescale === null) return { timescaleWorkingDays: null, dueOn: null, dueSoonFrom: null };
  const dueOn = addWorkingDays(calendar, startedOn, timescale);
  // The first day deadlineState() calls "due soon": at most 60 working days to walk.
  let day = startedOn;
  while (day < dueOn && deadlineState(calendar, { startedOn, dueOn, today: day }) === 'on_track') day = nextDay(day);
  return { timescaleWorkingDays: timescale, dueOn, dueSoonFrom: day };
}

/** The state a person sees, from the stored dates; agrees with deadlineState() by construction. */
export function stateOn(today: string, dueOn: string | null, dueSoonFrom: string | null): DeadlineStateKey {
  if (dueOn === null) return 'no_timescale';
  if (today > dueOn) return 'overdue';
  if (dueSoonFrom !== null && today >= dueSoonFrom) return 'due_soon';
  return 'on_track';
}

/** Working days left until the due date (negative when late). */
export function workingDaysLeft(calendar: WorkingCalendar, today: string, dueOn: string | null): number | null {
  return dueOn === null ? null : workingDaysBetween(calendar, today, dueOn);
}

/** For a child at immediate risk: the working day by which the case must have gone up. */
export function sameDayDeadline(calendar: WorkingCalendar, openedOn: string): string {
  return sameWorkingDay(calendar, openedOn);
}
