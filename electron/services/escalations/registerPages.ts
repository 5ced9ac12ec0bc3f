// How many cases match the register's filters, and which make up one page, read from an index in
// the register's order however deep the page is. A page is read one of two ways, chosen from how
// many cases match:
// - walk: follow an index in the register's order from where the page starts, testing each case
//   against the filters until the page is full. Quick when many match: a page of 100 from 10,000
//   matches among a million reads about 10,000 index entries, and fewer as more match.
// - gather: read the matching cases through the filters' own index and sort them; quick when few
//   match, so used up to GATHER_UP_TO matches.
// With an agency chosen, its rows of escalation_agency (which carry every filtered column) are
// read instead of escalation. Sorting by due date or stage lists the cases that have one first,
// then the rest by date opened: two stretches, each a range of the same index.
// The database tests assert the plan of every query here.
import { referenceKey } from '../../../shared/domain/caseReference';
import type { RegisterCursor } from '../../../shared/domain/escalation';
import { caseConditions, type Alias, type Query, type RegisterFilter } from './registerFilters';
import type { AnyDb } from './rows';
import { INDEX } from '../../db/indexes';

export const GATHER_UP_TO = 10_000;

type SortKey = Query['sort'];
type Direction = 'asc' | 'desc';

/** A stretch of the register's order. */
interface Segment {
  /** The condition that puts a case in this stretch (null: every case). */
  only: ((a: Alias) => string) | null;
  /** The columns of the order before the id, each with the cursor field it is compared with. */
  order: { column: string; from: 'key' | 'openedOn' }[];
  /** An index of escalation in exactly this order. */
  index: string;
  /**
   * Whether the order is the date opened alone, so a (column, opened_on) index of a column the
   * filters fix lists the stretch in the same order (and escalation_agency's key, for an agency).
   */
  byDate: boolean;
  /** The partial index holding just this stretch with every filtered column, to count and gather it. */
  covered: string | null;
  /** Indexes in this stretch's order within a column a filter fixes, to walk instead. */
  within?: [keyof RegisterFilter['fixed'], string][];
  /** Whether a cursor's row lies in this stretch. */
  holds(cursor: RegisterCursor): boolean;
}

const BY_DATE: Segment = {
  only: null,
  order: [{ column: 'opened_on', from: 'openedOn' }],
  index: INDEX.escalationByOpened,
  byDate: true,
  covered: null,
  holds: () => true,
};

/**
 * Sorting on a column only open cases fill: first the cases with a value, then the rest by date
 * opened, each stretch a range of the same (column, opened_on) index.
 */
function valuesFirst(column: string, index: string, covered: string): Segment[] {
  return [
    {
      only: (a) => `${a}.${column} IS NOT NULL`,
      order: [
        { column, from: 'key' },
        { column: 'opened_on', from: 'openedOn' },
      ],
      index,
      byDate: false,
      covered,
      holds: (c) => c.key !== null,
    },
    {
      only: (a) => `${a}.${column} IS NULL`,
      order: [{ column: 'opened_on', from: 'openedOn' }],
      index,
      byDate: true,
      covered: null,
      holds: (c) => c.key === null,
    },
  ];
}

const SEGMENTS: Record<SortKey, Segment[]> = {
  openedOn: [BY_DATE],
  reference: [
    {
      only: null,
      order: [
        { column: 'reference_key', from: 'key' },
        { column: 'opened_on', from: 'openedOn' },
      ],
      index: INDEX.escalationByReference,
      byDate: false,
      covered: null,
      holds: () => true,
    },
  ],
  status: [
    {
      only: null,
      order: [
        { column: 'status', from: 'key' },
        { column: 'opened_on', from: 'openedOn' },
      ],
      index: INDEX.escalationByStatusOpened,
      byDate: false,
      covered: null,
      within: [['stage', INDEX.escalationStageByStatus]],
      holds: () => true,
    },
  ],
  dueOn: valuesFirst('current_due_on', INDEX.escalationSortDue, INDEX.escalationWithDue),
  stage: valuesFirst('current_stage', INDEX.escalationByStage, INDEX.escalationAtStage),
};

/** Indexes (column, opened_on): with that column fixed by a filter, they list its cases in date order. */
const DATE_ORDER_WITHIN: [keyof RegisterFilter['fixed'], string][] = [
  ['stage', INDEX.escalationByStage],
  ['category', INDEX.escalationByCategory],
  ['origin', INDEX.escalationByOrigin],
  ['status', INDEX.escalationByStatusOpened],
];

/** Where rows are read from: escalation, or the chosen agency's rows of escalation_agency. */
interface Source {
  alias: Alias;
  from: string;
  id: string;
  where: string[];
}

function party(filter: RegisterFilter): Source {
  return {
    alias: 'p',
    from: filter.drill ? 'escalation_agency p CROSS JOIN escalation e ON e.id = p.escalation_id' : 'escalation_agency p',
    id: 'p.escalation_id',
    where: ['p.agency_id = @agencyId', ...filter.columns('p'), ...(filter.drill ? [filter.drill] : [])],
  };
}

/** escalation through the index named, or else the one the filters are counted through (see RegisterFilter.access). */
function cases(filter: RegisterFilter, agency: 'set' | 'probe', index: string | null = null): Source {
  const access = index ? `INDEXED BY ${index}` : (filter.access ?? '');
  return { alias: 'e', from: `escalation e ${access}`, id: 'e.id', where: caseConditions(filter, agency) };
}

function whereOf(clauses: string[]): string {
  return clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`;
}

function count(db: AnyDb, source: Source, extra: string[], params: Record<string, unknown>): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${source.from} ${whereOf([...source.where, ...extra])}`).get(params) as { n: number }).n;
}

/** How many cases match. With an agency chosen, a range of escalation_agency holds the answer. */
export function countMatches(db: AnyDb, filter: RegisterFilter): number {
  return count(db, filter.agencyId === null ? cases(filter, 'set') : party(filter), [], filter.params);
}

/** How many matching cases lie in a stretch of the order: from the stretch's own partial index when it has one. */
function countInSegment(db: AnyDb, filter: RegisterFilter, segment: Segment, keyset: Keyset | null): number {
  const source = filter.agencyId !== null ? party(filter) : cases(filter, 'set', filter.drill === null ? segment.covered : null);
  const extra = [...(segment.only ? [segment.only(source.alias)] : []), ...(keyset ? [keyset.sql(source.alias, source.id)] : [])];
  return count(db, source, extra, { ...filter.params, ...keyset?.params });
}

export interface PageRequest {
  sort: SortKey;
  direction: Direction;
  cursor: RegisterCursor | null;
  offset: number;
  limit: number;
}

/** The most matches a page is gathered from; the tests lower it to read small registers both ways. */
export interface PagePolicy {
  gatherUpTo: number;
}

/** The ids of one page, in the register's order. */
export function pageIds(
  db: AnyDb,
  filter: RegisterFilter,
  total: number,
  page: PageRequest,
  policy: PagePolicy = { gatherUpTo: GATHER_UP_TO },
): number[] {
  const before = page.cursor?.side === 'before';
  // Reading the rows just ahead of a cursor: walk the order backwards, then turn the rows round.
  const direction: Direction = before === (page.direction === 'asc') ? 'desc' : 'asc';
  const all = SEGMENTS[page.sort];
  const segments = before ? [...all].reverse() : all;
  const start = page.cursor === null ? 0 : segments.findIndex((s) => s.holds(page.cursor!));
  // A sort in two stretches: count the first (the cases with a value); the rest are the others.
  const firstCount = all.length === 1 ? total : countInSegment(db, filter, all[0]!, null);
  const matchesIn = (s: Segment) => (s === all[0] ? firstCount : total - firstCount);
  const ids: number[] = [];
  let offset = page.offset;
  for (let i = start; i < segments.length && ids.length < page.limit; i += 1) {
    const segment = segments[i]!;
    const matches = matchesIn(segment);
    if (matches === 0) continue;
    const keyset = i === start && page.cursor ? keysetFor(segment, page.sort, direction, page.cursor) : null;
    if (offset > 0 && i < segments.length - 1) {
      // Skipping the whole stretch: count what is left of it rather than walk it.
      const left = keyset ? countInSegment(db, filter, segment, keyset) : matches;
      if (offset >= left) {
        offset -= left;
        continue;
      }
    }
    ids.push(
      ...readSegment(
        db,
        filter,
        segment,
        direction,
        keyset,
        offset,
        page.limit - ids.length,
        matches > policy.gatherUpTo && !filter.bunched,
      ),
    );
    offset = 0;
  }
  return before ? ids.reverse() : ids;
}

interface Keyset {
  /** "After the cursor's row" in the walk's direction, on a source's alias and id column. */
  sql: (a: Alias, id: string) => string;
  params: Record<string, unknown>;
}

function keysetFor(segment: Segment, sort: SortKey, direction: Direction, cursor: RegisterCursor): Keyset {
  const params: Record<string, unknown> = { cursorId: cursor.id };
  segment.order.forEach((o, n) => {
    const value = o.from === 'openedOn' ? cursor.openedOn : cursor.key;
    params[`cursor${n}`] = sort === 'reference' && typeof value === 'string' ? referenceKey(value) : value;
  });
  const values = [...segment.order.map((_, n) => `@cursor${n}`), '@cursorId'].join(', ');
  return {
    sql: (a, id) => `(${[...segment.order.map((o) => `${a}.${o.column}`), id].join(', ')}) ${direction === 'asc' ? '>' : '<'} (${values})`,
    params,
  };
}

function readSegment(
  db: AnyDb,
  filter: RegisterFilter,
  segment: Segment,
  direction: Direction,
  keyset: Keyset | null,
  offset: number,
  limit: number,
  walk: boolean,
): number[] {
  let source: Source;
  if (filter.agencyId !== null && (!walk || segment.byDate)) source = party(filter);
  else if (!walk) source = cases(filter, 'set', filter.drill === null ? segment.covered : null);
  else
    source = cases(
      filter,
      'probe',
      (segment.byDate ? DATE_ORDER_WITHIN : (segment.within ?? [])).find(([column]) => filter.fixed[column])?.[1] ?? segment.index,
    );
  const a = source.alias;
  const clauses = [...source.where, ...(segment.only ? [segment.only(a)] : []), ...(keyset ? [keyset.sql(a, source.id)] : [])];
  const dir = direction.toUpperCase();
  // Walking: the order's own columns, which the index (or escalation_agency's key) follows.
  // Gathering: "+column", so the filters' index finds the cases and they are sorted after.
  const order = [...segment.order.map((o) => `${a}.${o.column}`), source.id].map((c) => `${walk ? '' : '+'}${c} ${dir}`).join(', ');
  const sql = `SELECT ${source.id} AS id FROM ${source.from} ${whereOf(clauses)} ORDER BY ${order} LIMIT @limit OFFSET @offset`;
  return (db.prepare(sql).all({ ...filter.params, ...keyset?.params, limit, offset }) as { id: number }[]).map((r) => r.id);
}
