// The register: search, filter, sort and page through escalations at any size. Every filter is a
// range or equality on an indexed column (the tests assert the plans), and only one page of rows
// is shaped for display.
import type { z } from 'zod';
import { NOTIFICATION_KINDS, registerQuery, type NotificationKind, type RegisterRow } from '../../../shared/domain/escalation';
import { todayIso } from '../../../shared/domain/dates';
import { policyProfileSchema, type PolicyProfile } from '../../../shared/domain/policyProfiles';
import { quarterFromKey } from '../../../shared/domain/quarter';
import { loadCalendar } from '../calendar';
import type { ReadContext } from '../context';
import { quarterStartMonth } from '../settings';
import { breachesOf, breachSql } from './breaches';
import { stateOn } from './deadlines';
import type { AnyDb, EscalationRow } from './rows';
import { workingDaysBetween } from '../../../shared/domain/workingDays';
import { figurePredicate } from '../dashboard/figures';

type Query = z.output<typeof registerQuery>;

const ORDER: Record<Query['sort'], string> = {
  openedOn: 'e.opened_on',
  reference: 'e.reference_key',
  dueOn: 'e.current_due_on',
  stage: 'e.current_stage',
  status: 'e.status',
};

/** The WHERE clause and its parameters for a register query. Exported so the plan tests see the real SQL. */
export function registerWhere(db: AnyDb, q: Query, today: string): { where: string; params: Record<string, unknown> } {
  const clauses: string[] = [];
  const params: Record<string, unknown> = { today };
  if (q.search !== '') {
    // A prefix search on the reference, as a range so the index serves it.
    clauses.push('e.reference_key >= @searchFrom AND e.reference_key < @searchTo');
    params.searchFrom = q.search.toUpperCase();
    params.searchTo = `${q.search.toUpperCase()}\uffff`;
  }
  if (q.agencyId !== null) {
    clauses.push('(e.raising_agency_id = @agencyId OR e.id IN (SELECT escalation_id FROM escalation_challenged WHERE agency_id = @agencyId))');
    params.agencyId = q.agencyId;
  }
  if (q.stage !== null) {
    clauses.push('e.current_stage = @stage');
    params.stage = q.stage;
  }
  if (q.status !== 'any') {
    clauses.push('e.status = @status');
    params.status = q.status;
  }
  if (q.state !== 'any') {
    clauses.push("e.status = 'open'");
    if (q.state === 'overdue') clauses.push('e.current_due_on < @today');
    if (q.state === 'due_soon') clauses.push('e.current_due_on >= @today AND e.current_due_soon_from <= @today');
    if (q.state === 'on_track') clauses.push('e.current_due_on >= @today AND e.current_due_soon_from > @today');
    if (q.state === 'no_timescale') clauses.push('e.current_due_on IS NULL');
  }
  if (q.categoryId !== null) {
    clauses.push('e.category_id = @categoryId');
    params.categoryId = q.categoryId;
  }
  if (q.quarter !== null) {
    const quarter = quarterFromKey(q.quarter, quarterStartMonth(db));
    clauses.push('e.opened_on BETWEEN @quarterFrom AND @quarterTo');
    params.quarterFrom = quarter.from;
    params.quarterTo = quarter.to;
  }
  if (q.origin !== 'any') {
    clauses.push('e.origin = @origin');
    params.origin = q.origin;
  }
  if (q.drill !== null) {
    const figure = figurePredicate(q.drill, quarterFromKey(q.drill.quarter, quarterStartMonth(db)), today);
    clauses.push(`(${figure.sql})`);
    for (const [k, v] of Object.entries(figure.params)) params[`d_${k}`] = v;
    clauses[clauses.length - 1] = clauses[clauses.length - 1]!.replace(/@(\w+)/g, '@d_$1');
  }
  return { where: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, params };
}

function profilesById(db: AnyDb): Map<number, PolicyProfile> {
  const rows = db.prepare('SELECT id, definition_json FROM policy_profile').all() as { id: number; definition_json: string }[];
  return new Map(rows.map((r) => [r.id, policyProfileSchema.parse(JSON.parse(r.definition_json))]));
}

type ListedRow = EscalationRow & { raising_agency: string; category: string; challenged: string | null };

const selectRows = (extra = '') => `SELECT e.*, a.name AS raising_agency, c.name AS category${extra},
  (SELECT group_concat(ca.name, ', ') FROM escalation_challenged ec JOIN agency ca ON ca.id = ec.agency_id WHERE ec.escalation_id = e.id) AS challenged
  FROM escalation e JOIN agency a ON a.id = e.raising_agency_id JOIN category c ON c.id = e.category_id`;

function shape(rows: ListedRow[], profiles: Map<number, PolicyProfile>, today: string): RegisterRow[] {
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    childInitials: r.child_initials,
    raisingAgency: r.raising_agency,
    challengedAgencies: r.challenged ?? '',
    category: r.category,
    openedOn: r.opened_on,
    status: r.status,
    stageNumber: r.current_stage,
    stageName: r.current_stage === null ? null : (profiles.get(r.profile_id)?.stages.find((s) => s.number === r.current_stage)?.name ?? null),
    dueOn: r.current_due_on,
    state: r.status === 'open' ? stateOn(today, r.current_due_on, r.current_due_soon_from) : null,
    immediateRisk: r.immediate_risk === 1,
    origin: r.origin,
  }));
}

export function listRegister(ctx: ReadContext, q: Query): { total: number; rows: RegisterRow[] } {
  const today = todayIso(ctx.now);
  const { where, params } = registerWhere(ctx.db, q, today);
  const total = (ctx.db.prepare(`SELECT count(*) AS n FROM escalation e ${where}`).get(params) as { n: number }).n;
  const direction = q.direction === 'asc' ? 'ASC' : 'DESC';
  const rows = ctx.db
    .prepare(`${selectRows()} ${where} ORDER BY ${ORDER[q.sort]} ${direction}, e.id ${direction} LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: q.limit, offset: q.offset }) as ListedRow[];
  return { total, rows: shape(rows, profilesById(ctx.db), today) };
}

export function overdueAndBreaches(ctx: ReadContext) {
  const today = todayIso(ctx.now);
  const profiles = profilesById(ctx.db);
  const calendar = loadCalendar(ctx.db);
  const late = ctx.db.prepare(`${selectRows()} WHERE e.status = 'open' AND e.current_due_on < @today ORDER BY e.current_due_on, e.id LIMIT 1000`).all({ today }) as ListedRow[];
  const overdue = shape(late, profiles, today).map((r) => ({ ...r, workingDaysLate: workingDaysBetween(calendar, r.dueOn!, today) }));
  const breachRows = ctx.db.prepare(`${selectRows()} WHERE ${breachSql('@today')} ORDER BY e.opened_on DESC LIMIT 1000`).all({ today }) as ListedRow[];
  const breaches = breachRows.map((r) => ({ id: r.id, reference: r.reference, raisingAgency: r.raising_agency, openedOn: r.opened_on, breaches: breachesOf(r, today) }));
  const notifications = (
    ctx.db
      .prepare(
        `SELECT n.*, e.reference FROM notification n JOIN escalation e ON e.id = n.escalation_id
         WHERE n.made_on IS NULL ORDER BY n.required_since, n.id LIMIT 1000`,
      )
      .all() as { id: number; escalation_id: number; reference: string; kind: NotificationKind; required_since: string }[]
  ).map((n) => ({
    id: n.id,
    escalationId: n.escalation_id,
    reference: n.reference,
    kind: n.kind,
    label: NOTIFICATION_KINDS[n.kind],
    requiredSince: n.required_since,
    madeOn: null,
    madeBy: null,
    method: null,
  }));
  return { overdue: overdue.sort((a, b) => b.workingDaysLate - a.workingDaysLate), breaches, notifications };
}

/** The chair's list: resolved cases that showed a gap or weakness in the board's policy. */
export function policyGaps(ctx: ReadContext) {
  const today = todayIso(ctx.now);
  const rows = ctx.db.prepare(`${selectRows(', o.policy_gap_note')} JOIN outcome o ON o.escalation_id = e.id WHERE o.policy_gap = 1 ORDER BY o.resolved_on DESC`).all() as (ListedRow & { policy_gap_note: string })[];
  const shaped = shape(rows, profilesById(ctx.db), today);
  return shaped.map((r, i) => ({ ...r, policyGapNote: rows[i]!.policy_gap_note }));
}
