// Each dashboard figure is one SQL predicate over escalations (alias e). The dashboard counts
// with it and the drill-down lists with it, so a figure and the cases behind it cannot disagree.
import type { Drill, Figure } from '../../../shared/domain/dashboard';
import type { Quarter } from '../../../shared/domain/quarter';
import { breachSql } from '../escalations/breaches';

export interface Predicate {
  sql: string;
  params: Record<string, unknown>;
}

// The outcome's date, effect and timeliness and the withdrawal's date are kept on the case when it
// ends (migration 0060), so the busiest figures are ranges over covering indexes of escalation.
const RESOLVED = 'e.resolved_on BETWEEN @from AND @to';

/**
 * A stage (alias s) open at @asOf whose due date had passed by then. A case has at most one open
 * stage at any moment and is open while it is, so counting these stages counts the cases of
 * overdue_at_end without looking each one up (DashboardQueries.overdueCount; the database tests
 * hold the two to the same number). Agency-return stages have no due date, so never match.
 */
export const OVERDUE_STAGE = 's.due_on < @asOf AND s.started_on <= @asOf AND (s.ended_on IS NULL OR s.ended_on > @asOf)';

const BASE: Record<Figure, string> = {
  new: 'e.opened_on BETWEEN @from AND @to',
  resolved: RESOLVED,
  withdrawn: 'e.withdrawn_on BETWEEN @from AND @to',
  open_at_end: 'e.opened_on <= @to AND (e.ended_on IS NULL OR e.ended_on > @to)',
  carried_over: 'e.opened_on < @from AND (e.ended_on IS NULL OR e.ended_on >= @from)',
  // within_timescale: no stage of the case ended after its due date (fixed when it was resolved).
  resolved_within_timescale: `${RESOLVED} AND e.within_timescale = 1`,
  resolved_at_stages_1_2: `${RESOLVED} AND e.highest_stage <= 2`,
  // A stage open at the quarter's end (or today, for the quarter in progress) whose due date had passed.
  overdue_at_end: `e.opened_on <= @asOf AND (e.ended_on IS NULL OR e.ended_on > @asOf) AND e.id IN (SELECT s.escalation_id FROM stage_entry s WHERE ${OVERDUE_STAGE})`,
  immediate_risk: 'e.opened_on BETWEEN @from AND @to AND e.immediate_risk = 1',
  // The breach rule of the register, judged as things stood at the quarter's end.
  immediate_risk_breach: `e.opened_on BETWEEN @from AND @to AND (${breachSql('@asOf')})`,
  notification_required: 'e.id IN (SELECT n.escalation_id FROM notification n WHERE n.required_since BETWEEN @from AND @to)',
  notification_missing: 'e.id IN (SELECT n.escalation_id FROM notification n WHERE n.required_since BETWEEN @from AND @to AND (n.made_on IS NULL OR n.made_on > @to))',
  chair_decision: 'e.id IN (SELECT d.escalation_id FROM chair_decision d WHERE d.decided_on BETWEEN @from AND @to)',
  panel_held: "e.id IN (SELECT p.escalation_id FROM panel p WHERE p.status = 'held' AND p.decided_on BETWEEN @from AND @to)",
  // Through the outcome's own partial index of policy gaps: a handful of rows, not every resolved case.
  policy_gap: `${RESOLVED} AND e.id IN (SELECT o.escalation_id FROM outcome o WHERE o.policy_gap = 1 AND o.resolved_on BETWEEN @from AND @to)`,
};

/**
 * Figures whose cases lie spread along the date they were opened, the register's usual order, so
 * the register can list them by walking that order. The others are dated by something else (the
 * day resolved, withdrawn, notified, decided) and bunch together in it: the register gathers and
 * sorts those instead.
 */
export const SPREAD_BY_OPENING: ReadonlySet<Figure> = new Set<Figure>(['new', 'open_at_end', 'carried_over', 'overdue_at_end', 'immediate_risk', 'immediate_risk_breach']);

/** The predicate for a figure in a quarter, narrowed by any dimension the drill names. */
export function figurePredicate(drill: Drill, quarter: Quarter, today: string): Predicate {
  const asOf = quarter.to < today ? quarter.to : today;
  const clauses = [BASE[drill.figure]];
  const params: Record<string, unknown> = { from: quarter.from, to: quarter.to, asOf };
  if (drill.origin !== 'any') {
    clauses.push('e.origin = @origin');
    params.origin = drill.origin;
  }
  if (drill.raisingAgencyId !== null) {
    clauses.push('e.raising_agency_id = @raisingAgencyId');
    params.raisingAgencyId = drill.raisingAgencyId;
  }
  if (drill.challengedAgencyId !== null) {
    // A probe of the pair's primary key per case: the quarter's own range drives the query.
    clauses.push('EXISTS (SELECT 1 FROM escalation_challenged ec WHERE ec.escalation_id = e.id AND ec.agency_id = @challengedAgencyId)');
    params.challengedAgencyId = drill.challengedAgencyId;
  }
  if (drill.categoryId !== null) {
    clauses.push('e.category_id = @categoryId');
    params.categoryId = drill.categoryId;
  }
  if (drill.highestStage !== null) {
    clauses.push('e.highest_stage = @highestStage');
    params.highestStage = drill.highestStage;
  }
  if (drill.effect !== null) {
    clauses.push('e.outcome_effect = @effect');
    params.effect = drill.effect;
  }
  if (drill.themeId !== null) {
    clauses.push('EXISTS (SELECT 1 FROM escalation_theme et WHERE et.escalation_id = e.id AND et.theme_id = @themeId)');
    params.themeId = drill.themeId;
  }
  if (drill.route !== null) {
    clauses.push('e.id IN (SELECT d2.escalation_id FROM chair_decision d2 WHERE d2.route = @route AND d2.decided_on BETWEEN @from AND @to)');
    params.route = drill.route;
  }
  return { sql: clauses.map((c) => `(${c})`).join(' AND '), params };
}
