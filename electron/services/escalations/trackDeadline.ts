// A case imported from a board's previous register comes in without a deadline: the day its stage
// started there is not known (escalations/intake.ts). When the board takes it on, the coordinator
// says from which day to count, and the stage's policy timescale runs from then, as it would for a
// case moved up to that stage on that day. The stage's start and its history stay as they were.
import { formatUkDate } from '../../../shared/domain/dates';
import { appendAudit } from '../audit';
import { loadCalendar } from '../calendar';
import type { WriteContext } from '../context';
import { DomainError } from '../errors';
import { requireHappened } from '../happenedOn';
import { loadProfile } from '../policyVersions';
import { stageDeadline } from './deadlines';
import { changeStageDeadline } from './dueDates';
import { escalationRow, openStage, requireNotBefore, requireOpen } from './rows';

export function trackDeadline(ctx: WriteContext, input: { escalationId: number; from: string }): void {
  const row = escalationRow(ctx.db, input.escalationId);
  requireOpen(row, 'given a deadline');
  const stage = openStage(ctx.db, row.id)!;
  if (row.legacy_import_id === null)
    throw new DomainError(
      `Only a case imported from the board’s previous register starts without a deadline; escalation ${row.reference} was logged here.`,
    );
  if (stage.due_on !== null)
    throw new DomainError(
      `Escalation ${row.reference}’s stage ${stage.stage_number} already has a deadline (${formatUkDate(stage.due_on)}).`,
    );
  requireNotBefore(input.from, stage.started_on, 'Counting the deadline', 'Count from');
  requireHappened(ctx.now, input.from, 'The day to count from', 'Count from');
  const { profile } = loadProfile(ctx.db, row.profile_id);
  const deadline = stageDeadline(loadCalendar(ctx.db), profile, stage.stage_number, input.from, row.immediate_risk === 1);
  if (deadline.dueOn === null)
    throw new DomainError(`Stage ${stage.stage_number} of ${profile.name} has no timescale, so there is no deadline to count.`);
  changeStageDeadline(
    ctx,
    { stageId: stage.id, escalationId: row.id },
    deadline,
    `Tracked by the board from ${formatUkDate(input.from)} (imported without a deadline)`,
    input.from,
  );
  appendAudit(ctx, {
    action: 'escalation.trackDeadline',
    entity: 'escalation',
    entityId: row.id,
    before: { stage: stage.stage_number, dueOn: null },
    after: { stage: stage.stage_number, from: input.from, dueOn: deadline.dueOn, timescaleWorkingDays: deadline.timescaleWorkingDays },
  });
}
