import type { WriteContext } from '../context';
import type { StageDeadline } from './deadlines';

/** Opens a stage: the stage entry, the case's current-stage columns and the first due-date history row. */
export function startStage(
  ctx: WriteContext,
  escalationId: number,
  stageNumber: number,
  startedOn: string,
  deadline: StageDeadline,
  reason: string,
): number {
  const info = ctx.db
    .prepare(
      'INSERT INTO stage_entry (escalation_id, stage_number, started_on, timescale_days, due_on, due_soon_from) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(escalationId, stageNumber, startedOn, deadline.timescaleWorkingDays, deadline.dueOn, deadline.dueSoonFrom);
  const stageId = Number(info.lastInsertRowid);
  ctx.db
    .prepare(
      'UPDATE escalation SET current_stage = ?, current_due_on = ?, current_due_soon_from = ?, highest_stage = max(highest_stage, ?) WHERE id = ?',
    )
    .run(stageNumber, deadline.dueOn, deadline.dueSoonFrom, stageNumber, escalationId);
  ctx.db
    .prepare('INSERT INTO due_date_history (stage_entry_id, due_on, recorded_at, reason) VALUES (?, ?, ?, ?)')
    .run(stageId, deadline.dueOn, ctx.now.toISOString(), reason);
  return stageId;
}

/** Ends the open stage; the first time the case leaves its first stage is kept for the same-day rule. */
export function endStage(ctx: WriteContext, escalationId: number, endedOn: string, reason: 'escalated' | 'resolved' | 'withdrawn'): void {
  ctx.db
    .prepare('UPDATE stage_entry SET ended_on = ?, end_reason = ? WHERE escalation_id = ? AND ended_on IS NULL')
    .run(endedOn, reason, escalationId);
  ctx.db.prepare('UPDATE escalation SET first_stage_ended_on = coalesce(first_stage_ended_on, ?) WHERE id = ?').run(endedOn, escalationId);
}

/**
 * Ends a case as resolved, after its last stage has ended. The outcome's date and effect, and
 * whether every stage ended by its due date, are kept on the case for the dashboard (migration
 * 0060). A case none of whose stages had a due date (an agency's return records none; some policies
 * set no timescale) was never within or outside one: it is left out (NULL), never counted as within.
 */
export function markResolved(ctx: WriteContext, escalationId: number, resolvedOn: string, effect: string): void {
  ctx.db
    .prepare(
      `UPDATE escalation SET status = 'resolved', ended_on = @on, resolved_on = @on, outcome_effect = @effect,
         within_timescale = CASE WHEN NOT EXISTS (SELECT 1 FROM stage_entry s WHERE s.escalation_id = escalation.id AND s.due_on IS NOT NULL) THEN NULL
           ELSE NOT EXISTS (SELECT 1 FROM stage_entry s WHERE s.escalation_id = escalation.id AND s.due_on IS NOT NULL AND s.ended_on > s.due_on) END,
         current_stage = NULL, current_due_on = NULL, current_due_soon_from = NULL
       WHERE id = @id`,
    )
    .run({ id: escalationId, on: resolvedOn, effect });
}

/** Ends a case as withdrawn, after its last stage has ended; the date is kept for the dashboard. */
export function markWithdrawn(ctx: WriteContext, escalationId: number, on: string): void {
  ctx.db
    .prepare(
      "UPDATE escalation SET status = 'withdrawn', ended_on = @on, withdrawn_on = @on, current_stage = NULL, current_due_on = NULL, current_due_soon_from = NULL WHERE id = @id",
    )
    .run({ id: escalationId, on });
}
