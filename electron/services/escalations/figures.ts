// Each dashboard figure is one SQL predicate over escalations (alias e). The drill-down lists with
// it, and the dashboard counts with it, except the few figures of the nine-quarter trend, which it
// sums from a daily tally kept by the database (TALLIED below). The database tests hold every
// tally to its predicate, day by day, and every figure to its drill-down.
import type { Drill, Figure } from '../../../shared/domain/dashboard';
import type { Quarter } from '../../../shared/domain/quarter';
import { breachPredicate } from './breaches';
import { joinSql, param, render, sql, type Param, type Sql } from '../../db/sql';
import { INDEX } from '../../db/indexes';

export interface Predicate {
  sql: string;
  params: Record<string, unknown>;
}

/** A figure's dates, as the parameters its predicate binds. */
interface Dates {
  from: Param;
  to: Param;
  asOf: Param;
}

// The outcome's date, effect and timeliness and the withdrawal's date are kept on the case when it
// ends (migration 0060), so the busiest figures are ranges over covering indexes of escalation.
const resolved = (d: Dates) => sql`e.resolved_on BETWEEN ${d.from} AND ${d.to}`;

/** The quarter's immediate-risk cases logged by the board: the ones the same-day rule judges (breaches.ts). */
const boardImmediate = (d: Dates) => sql`e.opened_on BETWEEN ${d.from} AND ${d.to} AND e.immediate_risk = 1 AND e.origin = 'board'`;

/** A stage (alias s) open at asOf whose due date had passed by then. Agency-return stages have no due date, so never match. */
const overdueStage = (d: Dates) =>
  sql`s.due_on < ${d.asOf} AND s.started_on <= ${d.asOf} AND (s.ended_on IS NULL OR s.ended_on > ${d.asOf})`;

const BASE: Record<Figure, (d: Dates) => Sql> = {
  new: (d) => sql`e.opened_on BETWEEN ${d.from} AND ${d.to}`,
  resolved,
  withdrawn: (d) => sql`e.withdrawn_on BETWEEN ${d.from} AND ${d.to}`,
  open_at_end: (d) => sql`e.opened_on <= ${d.to} AND (e.ended_on IS NULL OR e.ended_on > ${d.to})`,
  carried_over: (d) => sql`e.opened_on < ${d.from} AND (e.ended_on IS NULL OR e.ended_on >= ${d.from})`,
  // within_timescale: no stage of the case ended after its due date (fixed when it was resolved).
  resolved_within_timescale: (d) => sql`${resolved(d)} AND e.within_timescale = 1`,
  // NULL: no stage of the case had a due date, so it was neither within nor outside a timescale.
  resolved_with_timescale: (d) => sql`${resolved(d)} AND e.within_timescale IS NOT NULL`,
  resolved_at_stages_1_2: (d) => sql`${resolved(d)} AND e.highest_stage <= 2`,
  // A stage open at the quarter's end (or today, for the quarter in progress) whose due date had passed.
  overdue_at_end: (d) =>
    sql`e.opened_on <= ${d.asOf} AND (e.ended_on IS NULL OR e.ended_on > ${d.asOf}) AND e.id IN (SELECT s.escalation_id FROM stage_entry s WHERE ${overdueStage(d)})`,
  immediate_risk: (d) => sql`e.opened_on BETWEEN ${d.from} AND ${d.to} AND e.immediate_risk = 1`,
  // The breach rule of the register, judged as things stood at the quarter's end.
  immediate_risk_breach: (d) => sql`e.opened_on BETWEEN ${d.from} AND ${d.to} AND (${breachPredicate(d.asOf)})`,
  // Only what was recorded counts as compliant: a referral dated by the same working day, and the
  // case gone up by then (or started above the first stage, itself the same-day escalation).
  same_day_compliant: (d) =>
    sql`${boardImmediate(d)} AND e.referral_to IS NOT NULL AND e.referral_made_on <= e.referral_due_on
      AND (e.same_day_deadline IS NULL OR e.first_stage_ended_on <= e.same_day_deadline)`,
  referral_on_time: (d) => sql`${boardImmediate(d)} AND e.referral_to IS NOT NULL AND e.referral_made_on <= e.referral_due_on`,
  referral_late: (d) => sql`${boardImmediate(d)} AND e.referral_to IS NOT NULL AND e.referral_made_on > e.referral_due_on`,
  referral_date_unknown: (d) => sql`${boardImmediate(d)} AND e.referral_to IS NOT NULL AND e.referral_made_on IS NULL`,
  referral_missing: (d) => sql`${boardImmediate(d)} AND e.referral_to IS NULL`,
  notification_required: (d) =>
    sql`e.id IN (SELECT n.escalation_id FROM notification n WHERE n.required_since BETWEEN ${d.from} AND ${d.to})`,
  notification_missing: (d) =>
    sql`e.id IN (SELECT n.escalation_id FROM notification n WHERE n.required_since BETWEEN ${d.from} AND ${d.to} AND (n.made_on IS NULL OR n.made_on > ${d.to}))`,
  chair_decision: (d) => sql`e.id IN (SELECT d.escalation_id FROM chair_decision d WHERE d.decided_on BETWEEN ${d.from} AND ${d.to})`,
  panel_held: (d) =>
    sql`e.id IN (SELECT p.escalation_id FROM panel p WHERE p.status = 'held' AND p.decided_on BETWEEN ${d.from} AND ${d.to})`,
  // A departure is recorded only where the policy's panel cannot be formed (panels.savePanel).
  panel_held_under_departure: (d) =>
    sql`e.id IN (SELECT p.escalation_id FROM panel p WHERE p.status = 'held' AND p.id IN (SELECT panel_id FROM panel_departure) AND p.decided_on BETWEEN ${d.from} AND ${d.to})`,
  // Through the outcome's own partial index of policy gaps: a handful of rows, not every resolved case.
  policy_gap: (d) =>
    sql`${resolved(d)} AND e.id IN (SELECT o.escalation_id FROM outcome o WHERE o.policy_gap = 1 AND o.resolved_on BETWEEN ${d.from} AND ${d.to})`,
};

/**
 * The same count as a figure's predicate, from the daily tally (escalation_tally, migration 0090),
 * for the figures the dashboard asks of every trend quarter. A sum over a few hundred days instead
 * of a range over every case: "still open at the end" must otherwise look at every case that
 * ended after the quarter, and "overdue at the end" at every stage. Each sum counts exactly the
 * cases the figure's predicate finds (the database tests hold them equal on every day of the
 * period, case by case), and drill-down lists with the predicate.
 * - new, resolved, resolved at stages 1-2: the cases opened (resolved) on the quarter's days.
 * - still open at the end: opened on or before its last day, less those that ended by then; an
 *   ending is tallied on the later of the case's end and its opening, so every case ended by a day
 *   was opened by it too.
 * - carried over: the same, at the day before the quarter starts.
 * - overdue at the end: stages that had become overdue by the day, less those that had ended
 *   since (a stage is tallied from the day after its due date, or its start if later, to its end).
 */
export const TALLIED = {
  new: { sum: 't.opened', days: 't.day BETWEEN @from AND @to' },
  resolved: { sum: 't.resolved', days: 't.day BETWEEN @from AND @to' },
  resolved_at_stages_1_2: { sum: 't.resolved_at_stages_1_2', days: 't.day BETWEEN @from AND @to' },
  open_at_end: { sum: 't.opened - t.ended', days: 't.day <= @to' },
  carried_over: { sum: 't.opened - t.ended', days: 't.day < @from' },
  overdue_at_end: { sum: 't.became_overdue - t.stopped_overdue', days: 't.day <= @asOf' },
} as const satisfies Partial<Record<Figure, { sum: string; days: string }>>;
export type TalliedFigure = keyof typeof TALLIED;

/** A tallied figure for a quarter, by origin: one row per origin with its count. */
export function tallySql(figure: TalliedFigure): string {
  const { sum, days } = TALLIED[figure];
  return `SELECT t.origin AS origin, coalesce(sum(${sum}), 0) AS n FROM escalation_tally t WHERE ${days} GROUP BY t.origin`;
}

/**
 * The quarter's new cases counted by raising and challenged agency: the figure "new" read from
 * the challenged rows of escalation_agency, which carry each case's opening date, origin and
 * raising agency, so the agency-pair matrix needs no lookup per case. Their partial index starts
 * with the two agencies, so the lists of agencies make it one range per pair, already in the
 * order of the groups (nothing to sort). Drilling into a cell lists the same cases through the
 * "new" predicate (the tests compare them).
 */
export const NEW_BY_PAIR = `SELECT p.agency_id AS challengedAgencyId, p.raising_agency_id AS raisingAgencyId, sum(p.origin = 'board') AS board, count(*) AS count
  FROM escalation_agency p INDEXED BY ${INDEX.escalationAgencyPairs}
  WHERE p.role = 'challenged' AND p.agency_id IN (SELECT a.id FROM agency a) AND p.raising_agency_id IN (SELECT a.id FROM agency a) AND p.opened_on BETWEEN @from AND @to
  GROUP BY p.agency_id, p.raising_agency_id`;

/** The dates a figure's predicate and tally are judged by, for a quarter. */
export function figureDates(quarter: Quarter, today: string): { from: string; to: string; asOf: string } {
  return { from: quarter.from, to: quarter.to, asOf: quarter.to < today ? quarter.to : today };
}

/**
 * The index each figure's predicate is written for: the covering index of its quarter's range,
 * or the partial index it implies. The dashboard names it in every count (INDEXED BY), so the
 * planner cannot wander off to another index however its statistics read (a skip-scan of a
 * (column, opened_on) index, say, and a lookup per case). Null: the figure's own subquery lists
 * its few cases, each looked up by id (NOT INDEXED keeps the planner to that).
 */
export const FIGURE_INDEX: Record<Figure, string | null> = {
  new: INDEX.escalationDashOpened,
  resolved: INDEX.escalationDashResolved,
  withdrawn: INDEX.escalationDashWithdrawn,
  open_at_end: INDEX.escalationDashEnded,
  carried_over: INDEX.escalationDashEnded,
  resolved_within_timescale: INDEX.escalationDashResolved,
  resolved_with_timescale: INDEX.escalationDashResolved,
  resolved_at_stages_1_2: INDEX.escalationDashResolved,
  overdue_at_end: INDEX.escalationDashEnded,
  immediate_risk: INDEX.escalationImmediateRisk,
  immediate_risk_breach: INDEX.escalationImmediateRisk,
  same_day_compliant: INDEX.escalationImmediateRisk,
  referral_on_time: INDEX.escalationImmediateRisk,
  referral_late: INDEX.escalationImmediateRisk,
  referral_date_unknown: INDEX.escalationImmediateRisk,
  referral_missing: INDEX.escalationImmediateRisk,
  notification_required: null,
  notification_missing: null,
  chair_decision: null,
  panel_held: null,
  panel_held_under_departure: null,
  policy_gap: null,
};

/**
 * Figures whose cases lie spread along the date they were opened, the register's usual order, so
 * the register can list them by walking that order. The others are dated by something else (the
 * day resolved, withdrawn, notified, decided) and bunch together in it: the register gathers and
 * sorts those instead.
 */
export const SPREAD_BY_OPENING: ReadonlySet<Figure> = new Set<Figure>([
  'new',
  'open_at_end',
  'carried_over',
  'overdue_at_end',
  'immediate_risk',
  'immediate_risk_breach',
  'same_day_compliant',
  'referral_on_time',
  'referral_late',
  'referral_date_unknown',
  'referral_missing',
]);

/** The predicate for a figure in a quarter, narrowed by any dimension the drill names. */
export function figurePredicate(drill: Drill, quarter: Quarter, today: string): Predicate {
  const { text, params } = render(figureFragment(drill, quarter, today));
  // All three dates always, used or not: callers read asOf for the tally that sits beside it.
  return { sql: text, params: { ...figureDates(quarter, today), ...params } };
}

/** The same predicate as a fragment, for a statement that has parameters of its own (the register's filters). */
export function figureFragment(drill: Drill, quarter: Quarter, today: string): Sql {
  const dates = figureDates(quarter, today);
  const d: Dates = { from: param('from', dates.from), to: param('to', dates.to), asOf: param('asOf', dates.asOf) };
  const clauses = [BASE[drill.figure](d)];
  if (drill.origin !== 'any') clauses.push(sql`e.origin = ${param('origin', drill.origin)}`);
  if (drill.raisingAgencyId !== null) clauses.push(sql`e.raising_agency_id = ${param('raisingAgencyId', drill.raisingAgencyId)}`);
  if (drill.challengedAgencyId !== null) {
    // A probe of the pair's primary key per case: the quarter's own range drives the query.
    clauses.push(
      sql`EXISTS (SELECT 1 FROM escalation_challenged ec WHERE ec.escalation_id = e.id AND ec.agency_id = ${param('challengedAgencyId', drill.challengedAgencyId)})`,
    );
  }
  if (drill.categoryId !== null) clauses.push(sql`e.category_id = ${param('categoryId', drill.categoryId)}`);
  if (drill.highestStage !== null) clauses.push(sql`e.highest_stage = ${param('highestStage', drill.highestStage)}`);
  if (drill.effect !== null) clauses.push(sql`e.outcome_effect = ${param('effect', drill.effect)}`);
  if (drill.themeId !== null)
    clauses.push(
      sql`EXISTS (SELECT 1 FROM escalation_theme et WHERE et.escalation_id = e.id AND et.theme_id = ${param('themeId', drill.themeId)})`,
    );
  if (drill.route !== null) {
    clauses.push(
      sql`e.id IN (SELECT d2.escalation_id FROM chair_decision d2 WHERE d2.route = ${param('route', drill.route)} AND d2.decided_on BETWEEN ${d.from} AND ${d.to})`,
    );
  }
  return joinSql(
    clauses.map((c) => sql`(${c})`),
    ' AND ',
  );
}
