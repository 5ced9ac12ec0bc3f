import { statement } from '../../db/statements';
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
  const info = statement(
    ctx.db,
    'INSERT INTO stage_entry (escalation_id, stage_number, started_on, timescale_days, due_on, due_soon_from) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(escalationId, stageNumber, startedOn, deadline.timescaleWorkingDays, deadline.dueOn, deadline.dueSoonFrom);
  const stageId = Number(info.lastInsertRowid);
  statement(
    ctx.db,
    'UPDATE escalation SET current_stage = ?, current_due_on = ?, current_due_soon_from = ?, highest_stage = max(highest_stage, ?) WHERE id = ?',
  ).run(stageNumber, deadline.dueOn, deadline.dueSoonFrom, stageNumber, escalationId);
  statement(ctx.db, 'INSERT INTO due_date_history (stage_entry_id, due_on, recorded_at, reason) VALUES (?, ?, ?, ?)').run(
    stageId,
    deadline.dueOn,
    ctx.now.toISOString(),
    reason,
  );
  return stageId;
}

/** Ends the open stage; the first time the case leaves its first stage is kept for the same-day rule. */
export function endStage(ctx: WriteContext, escalationId: number, endedOn: string, reason: 'escalated' | 'resolved' | 'withdrawn'): void {
  statement(ctx.db, 'UPDATE stage_entry SET ended_on = ?, end_reason = ? WHERE escalation_id = ? AND ended_on IS NULL').run(
    endedOn,
    reason,
    escalationId,
  );
  statement(ctx.db, 'UPDATE escalation SET first_stage_ended_on = coalesce(first_stage_ended_on, ?) WHERE id = ?').run(
    endedOn,
    escalationId,
  );
}

/**
 * Ends a case as resolved, after its last stage has ended. The outcome's date and effect, and
 * whether every stage ended by its due date, are kept on the case for the dashboard (migration
 * 0060). A case none of whose stages had a due date (an agency's return records none; some policies
 * set no timescale) was never within or outside one: it is left out (NULL), never counted as within.
 */
export function markResolved(ctx: WriteContext, escalationId: number, resolvedOn: string, effect: string): void {
  const stages = statement(ctx.db, 'SELECT due_on AS dueOn, ended_on AS endedOn FROM stage_entry WHERE escalation_id = ?').all(
    escalationId,
  ) as {
    dueOn: string | null;
    endedOn: string | null;
  }[];
  statement(
    ctx.db,
    `UPDATE escalation SET status = 'resolved', ended_on = @on, resolved_on = @on, outcome_effect = @effect, within_timescale = @within,
       current_stage = NULL, current_due_on = NULL, current_due_soon_from = NULL
     WHERE id = @id`,
  ).run({ id: escalationId, on: resolvedOn, effect, within: withinTimescale(stages) });
}

/**
 * Whether a resolved case kept to its timescale: every stage with a due date ended by it. 1 or 0;
 * NULL when no stage had a due date (an agency's return or a legacy register records none; some
 * policies set no timescale): such a case was never within or outside one.
 */
export function withinTimescale(stages: readonly { dueOn: string | null; endedOn: string | null }[]): 0 | 1 | null {
  const due = stages.filter((s) => s.dueOn !== null);
  if (due.length === 0) return null;
  return due.some((s) => s.endedOn !== null && s.endedOn > s.dueOn!) ? 0 : 1;
}

/** Ends a case as withdrawn, after its last stage has ended; the date is kept for the dashboard. */
export function markWithdrawn(ctx: WriteContext, escalationId: number, on: string): void {
  statement(
    ctx.db,
    "UPDATE escalation SET status = 'withdrawn', ended_on = @on, withdrawn_on = @on, current_stage = NULL, current_due_on = NULL, current_due_soon_from = NULL WHERE id = @id",
  ).run({ id: escalationId, on });
}
