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
  ctx.db
    .prepare('UPDATE stage_entry SET timescale_days = ?, due_on = ?, due_soon_from = ?, counted_from = ? WHERE id = ?')
    .run(deadline.timescaleWorkingDays, deadline.dueOn, deadline.dueSoonFrom, input.from, stage.id);
  ctx.db
    .prepare('UPDATE escalation SET current_due_on = ?, current_due_soon_from = ? WHERE id = ?')
    .run(deadline.dueOn, deadline.dueSoonFrom, row.id);
  const reason = `Tracked by the board from ${formatUkDate(input.from)} (imported without a deadline)`;
  ctx.db
    .prepare('INSERT INTO due_date_history (stage_entry_id, due_on, recorded_at, reason) VALUES (?, ?, ?, ?)')
    .run(stage.id, deadline.dueOn, ctx.now.toISOString(), reason);
  appendAudit(ctx, {
    action: 'escalation.trackDeadline',
    entity: 'escalation',
    entityId: row.id,
    before: { stage: stage.stage_number, dueOn: null },
    after: { stage: stage.stage_number, from: input.from, dueOn: deadline.dueOn, timescaleWorkingDays: deadline.timescaleWorkingDays },
  });
}
