// When the calendar or a timescale is corrected, the due dates of open escalations are worked
// out again; each stage's history keeps the dates that were shown before.
import type { WriteContext } from '../context';
import { appendAudit } from '../audit';
import { loadCalendar } from '../calendar';
import { statement } from '../../db/statements';
import { loadProfile } from '../policyVersions';
import { stageDeadline, type StageDeadline } from './deadlines';

/**
 * Gives an open stage a new deadline: on the stage and on its case, with a row in the stage's
 * due-date history saying why. `countedFrom` is set only when the count starts on another day than
 * the stage did (trackDeadline.ts); otherwise the stage keeps the one it has.
 */
export function changeStageDeadline(
  ctx: WriteContext,
  stage: { stageId: number; escalationId: number },
  deadline: StageDeadline,
  reason: string,
  countedFrom: string | null = null,
): void {
  statement(
    ctx.db,
    'UPDATE stage_entry SET timescale_days = ?, due_on = ?, due_soon_from = ?, counted_from = coalesce(?, counted_from) WHERE id = ?',
  ).run(deadline.timescaleWorkingDays, deadline.dueOn, deadline.dueSoonFrom, countedFrom, stage.stageId);
  statement(ctx.db, 'UPDATE escalation SET current_due_on = ?, current_due_soon_from = ? WHERE id = ?').run(
    deadline.dueOn,
    deadline.dueSoonFrom,
    stage.escalationId,
  );
  statement(ctx.db, 'INSERT INTO due_date_history (stage_entry_id, due_on, recorded_at, reason) VALUES (?, ?, ?, ?)').run(
    stage.stageId,
    deadline.dueOn,
    ctx.now.toISOString(),
    reason,
  );
}

interface OpenStageRow {
  stage_id: number;
  escalation_id: number;
  stage_number: number;
  started_on: string;
  due_on: string | null;
  immediate_risk: 0 | 1;
  profile_id: number;
}

/**
 * Works out again the due date of every open stage, with the calendar and timescales as they now
 * stand. A changed date is written to the stage and the case, and a row is added to the stage's
 * due-date history, so what was shown before stays on record. Returns how many changed.
 * Cases from agency returns carry no deadline here: their own agency runs them. A case imported
 * from a board's previous register has one only once the board tracks it, counted from the day the
 * board gave (stage_entry.counted_from): worked out from the day its stage started there, it would
 * be years overdue.
 */
export function reworkOpenDueDates(ctx: WriteContext, reason: string, onlyProfileId: number | null = null): number {
  const calendar = loadCalendar(ctx.db);
  const rows = ctx.db
    .prepare(
      `SELECT s.id AS stage_id, s.escalation_id, s.stage_number, coalesce(s.counted_from, s.started_on) AS started_on, s.due_on,
         e.immediate_risk, e.profile_id
       FROM stage_entry s JOIN escalation e ON e.id = s.escalation_id
       WHERE s.ended_on IS NULL AND e.status = 'open' AND e.origin = 'board' AND (e.legacy_import_id IS NULL OR s.counted_from IS NOT NULL) ${onlyProfileId === null ? '' : 'AND e.profile_id = ?'}`,
    )
    .all(...(onlyProfileId === null ? [] : [onlyProfileId])) as OpenStageRow[];
  const profiles = new Map<number, ReturnType<typeof loadProfile>>();
  let changed = 0;
  for (const row of rows) {
    if (!profiles.has(row.profile_id)) profiles.set(row.profile_id, loadProfile(ctx.db, row.profile_id));
    const profile = profiles.get(row.profile_id)!.profile;
    const deadline = stageDeadline(calendar, profile, row.stage_number, row.started_on, row.immediate_risk === 1);
    if (deadline.dueOn === row.due_on) continue;
    changeStageDeadline(ctx, { stageId: row.stage_id, escalationId: row.escalation_id }, deadline, reason);
    appendAudit(ctx, {
      action: 'escalation.dueDatesReworked',
      entity: 'escalation',
      entityId: row.escalation_id,
      before: { stage: row.stage_number, dueOn: row.due_on },
      after: {
        stage: row.stage_number,
        dueOn: deadline.dueOn,
        reason: `${reason}. Stage ${row.stage_number} now due ${deadline.dueOn ?? 'with no timescale'} (was ${row.due_on ?? 'none'}).`,
      },
    });
    changed += 1;
  }
  return changed;
}
