import type { WriteContext } from '../context';
import type { StageDeadline } from './deadlines';

/** Opens a stage: the stage entry, the case's current-stage columns and the first due-date history row. */
export function startStage(ctx: WriteContext, escalationId: number, stageNumber: number, startedOn: string, deadline: StageDeadline, reason: string): number {
  const info = ctx.db
    .prepare('INSERT INTO stage_entry (escalation_id, stage_number, started_on, timescale_days, due_on, due_soon_from) VALUES (?, ?, ?, ?, ?, ?)')
    .run(escalationId, stageNumber, startedOn, deadline.timescaleWorkingDays, deadline.dueOn, deadline.dueSoonFrom);
  const stageId = Number(info.lastInsertRowid);
  ctx.db
    .prepare('UPDATE escalation SET current_stage = ?, current_due_on = ?, current_due_soon_from = ?, highest_stage = max(highest_stage, ?) WHERE id = ?')
    .run(stageNumber, deadline.dueOn, deadline.dueSoonFrom, stageNumber, escalationId);
  ctx.db.prepare('INSERT INTO due_date_history (stage_entry_id, due_on, recorded_at, reason) VALUES (?, ?, ?, ?)').run(stageId, deadline.dueOn, ctx.now.toISOString(), reason);
  return stageId;
}

/** Ends the open stage; the first time the case leaves its first stage is kept for the same-day rule. */
export function endStage(ctx: WriteContext, escalationId: number, endedOn: string, reason: 'escalated' | 'resolved' | 'withdrawn'): void {
  ctx.db.prepare('UPDATE stage_entry SET ended_on = ?, end_reason = ? WHERE escalation_id = ? AND ended_on IS NULL').run(endedOn, reason, escalationId);
  ctx.db.prepare('UPDATE escalation SET first_stage_ended_on = coalesce(first_stage_ended_on, ?) WHERE id = ?').run(endedOn, escalationId);
}
