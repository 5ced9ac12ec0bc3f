// The register's filters as SQL. Every filter but the dashboard drill-down is a condition on a
// column that both escalation (alias e) and escalation_agency (alias p, the agencies party to a
// case, migration 0090) carry, so a query with an agency chosen reads that agency's rows of
// escalation_agency alone.
import { referenceKey } from '../../../shared/domain/caseReference';
import type { z } from 'zod';
import type { registerQuery } from '../../../shared/domain/escalation';
import { quarterFromKey } from '../../../shared/domain/quarter';
import { FIGURE_INDEX, figureFragment, SPREAD_BY_OPENING } from './figures';
import { render } from '../../db/sql';
import { quarterStartMonth } from '../settings';
import type { AnyDb } from './rows';
import { INDEX } from '../../db/indexes';

export type Query = z.output<typeof registerQuery>;
export type Alias = 'e' | 'p';

/** Initials are 1 to 4 letters, stored in capitals: search text that could be initials also finds them. */
const COULD_BE_INITIALS = /^[A-Za-z]{1,4}$/;

export interface RegisterFilter {
  params: Record<string, unknown>;
  /** The column conditions, written against escalation (e) or escalation_agency (p). */
  columns(alias: Alias): string[];
  /** The agency filter (raising or challenged), or null. */
  agencyId: number | null;
  /** A dashboard figure's predicate over escalation (e), or null. */
  drill: string | null;
  /** Whether the matches may bunch together in the register's order (a drill-down to a figure not dated by opening). */
  bunched: boolean;
  /**
   * How escalation is read to count or gather the matches: through a drill-down's own index
   * (the one its figure's predicate is written for), else the index of the filter that most
   * often narrows the most (or the ids a search finds); null with no filter at all.
   * Named, not left to the planner: it would read every case for a filter its statistics say
   * matches most of them (the source filter, say), though we gather only when few match.
   */
  access: string | null;
  /** The columns the filters fix to one value, for choosing an index that also serves the order. */
  fixed: { status: boolean; stage: boolean; category: boolean; origin: boolean };
}

/** The cases of the chosen agency, as a set: for counting and for gathering a few matches. */
export const AGENCY_SET = 'e.id IN (SELECT p.escalation_id FROM escalation_agency p WHERE p.agency_id = @agencyId)';
/** The same, as one primary-key probe per case: for walking an index of escalation in the register's order. */
export const AGENCY_PROBE =
  'EXISTS (SELECT 1 FROM escalation_agency p WHERE p.agency_id = @agencyId AND p.opened_on = e.opened_on AND p.escalation_id = e.id)';

export function registerFilter(db: AnyDb, q: Query, today: string): RegisterFilter {
  const params: Record<string, unknown> = {};
  const conditions: ((a: Alias) => string)[] = [];
  const fixed = { status: false, stage: false, category: false, origin: false };
  if (q.search !== '') {
    // Prefix searches, as ranges so the indexes serve them.
    // Reference keys and initials are both kept in capitals, so one key serves both ranges.
    const text = referenceKey(q.search);
    params.searchFrom = text;
    params.searchTo = `${text}\uffff`;
    const reference = (a: string) => `${a}.reference_key >= @searchFrom AND ${a}.reference_key < @searchTo`;
    const initials = (a: string) => `${a}.child_initials >= @searchFrom AND ${a}.child_initials < @searchTo`;
    // Either index may find a case: over escalation, the two ranges' cases, each looked up by id
    // (an OR would leave the planner free to walk some third index, a million cases long).
    const either = (a: Alias) =>
      a === 'e'
        ? `e.id IN (SELECT r.id FROM escalation r INDEXED BY ${INDEX.escalationByReference} WHERE ${reference('r')} UNION SELECT i.id FROM escalation i INDEXED BY ${INDEX.escalationByInitials} WHERE ${initials('i')})`
        : `((${reference(a)}) OR (${initials(a)}))`;
    conditions.push(COULD_BE_INITIALS.test(q.search) ? either : reference);
  }
  if (q.stage !== null) {
    conditions.push((a) => `${a}.current_stage = @stage`);
    params.stage = q.stage;
    fixed.stage = true;
  }
  if (q.status !== 'any') {
    conditions.push((a) => `${a}.status = @status`);
    params.status = q.status;
    fixed.status = true;
  }
  if (q.state !== 'any') {
    conditions.push((a) => `${a}.status = 'open'`);
    fixed.status = true;
    params.today = today;
    if (q.state === 'overdue') conditions.push((a) => `${a}.current_due_on < @today`);
    if (q.state === 'due_soon') conditions.push((a) => `${a}.current_due_on >= @today AND ${a}.current_due_soon_from <= @today`);
    if (q.state === 'on_track') conditions.push((a) => `${a}.current_due_on >= @today AND ${a}.current_due_soon_from > @today`);
    if (q.state === 'no_timescale') conditions.push((a) => `${a}.current_due_on IS NULL`);
  }
  if (q.categoryId !== null) {
    conditions.push((a) => `${a}.category_id = @categoryId`);
    params.categoryId = q.categoryId;
    fixed.category = true;
  }
  if (q.quarter !== null) {
    const { from, to } = quarterFromKey(q.quarter, quarterStartMonth(db));
    conditions.push((a) => `${a}.opened_on BETWEEN @quarterFrom AND @quarterTo`);
    params.quarterFrom = from;
    params.quarterTo = to;
  }
  if (q.origin !== 'any') {
    conditions.push((a) => `${a}.origin = @origin`);
    params.origin = q.origin;
    fixed.origin = true;
  }
  if (q.agencyId !== null) params.agencyId = q.agencyId;
  let drill: string | null = null;
  if (q.drill !== null) {
    // The figure's own parameters, named apart (d_) so they cannot meet the filters' names.
    const figure = render(figureFragment(q.drill, quarterFromKey(q.drill.quarter, quarterStartMonth(db)), today), {
      prefix: 'd_',
      taken: Object.keys(params),
    });
    drill = `(${figure.text})`;
    Object.assign(params, figure.params);
  }
  const figureIndex = q.drill === null ? null : FIGURE_INDEX[q.drill.figure];
  return {
    params,
    columns: (alias) => conditions.map((c) => c(alias)),
    agencyId: q.agencyId,
    drill,
    bunched: q.drill !== null && !SPREAD_BY_OPENING.has(q.drill.figure),
    access: q.drill !== null ? (figureIndex === null ? 'NOT INDEXED' : `INDEXED BY ${figureIndex}`) : narrowest(q),
    fixed,
  };
}

/**
 * The index of the filter that usually narrows most: a reference; a deadline state or a stage
 * (small partial indexes of the cases with a due date or a stage, holding every filtered column,
 * so the other filters are tested inside them); then a category, a status or a source, each
 * indexed with the opening date so a quarter narrows it in the same range; the quarter alone last.
 */
function narrowest(q: Query): string | null {
  if (q.search !== '') return COULD_BE_INITIALS.test(q.search) ? 'NOT INDEXED' : `INDEXED BY ${INDEX.escalationByReference}`;
  if (q.state === 'no_timescale') return `INDEXED BY ${INDEX.escalationByStatusDue}`;
  if (q.state !== 'any') return `INDEXED BY ${INDEX.escalationWithDue}`;
  if (q.stage !== null) return `INDEXED BY ${INDEX.escalationAtStage}`;
  if (q.categoryId !== null) return `INDEXED BY ${INDEX.escalationByCategory}`;
  if (q.status !== 'any') return `INDEXED BY ${INDEX.escalationByStatusOpened}`;
  if (q.origin !== 'any') return `INDEXED BY ${INDEX.escalationByOrigin}`;
  if (q.quarter !== null) return `INDEXED BY ${INDEX.escalationByOpened}`;
  return null;
}

/** Every condition over escalation (e) alone, the agency as a set: what a count or a gather reads. */
export function caseConditions(filter: RegisterFilter, agency: 'set' | 'probe' = 'set'): string[] {
  return [
    ...filter.columns('e'),
    ...(filter.agencyId === null ? [] : [agency === 'set' ? AGENCY_SET : AGENCY_PROBE]),
    ...(filter.drill ? [filter.drill] : []),
  ];
}

/** The WHERE clause and its parameters for a register query over escalation (e). Exported so the plan tests see the real SQL. */
export function registerWhere(db: AnyDb, q: Query, today: string): { where: string; params: Record<string, unknown> } {
  const filter = registerFilter(db, q, today);
  const clauses = caseConditions(filter);
  return { where: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, params: filter.params };
}
