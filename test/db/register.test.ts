// The register's filters give exactly what a direct count gives, every page is the same however
// it is read (walking an index or gathering, from the start, an offset or a cursor either way),
// and every query the register runs is served by an index (asserted on SQLite's own query plan).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCursorOf, registerQuery, type RegisterCursor, type RegisterQuery, type RegisterRow } from '../../shared/domain/escalation';
import { listRegister } from '../../electron/services/escalations/register';
import type { PagePolicy } from '../../electron/services/escalations/registerPages';
import { logEscalation, seedBoard, type Board } from '../support/boardFixture';
import { fullScans, planOf, recordStatements, seedWithStatistics } from '../support/queryPlans';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';
import { onLatest } from '../support/latest';

let desk: TestDesk;
let board: Board;
interface Made {
  id: number;
  reference: string;
  raising: number;
  challenged: number;
  openedOn: string;
  stage: number;
}
const made: Made[] = [];

beforeAll(() => {
  desk = openTestDesk({ now: () => new Date('2026-11-23T10:00:00Z') });
  board = seedBoard(desk, 'bromley');
  const agencies = [board.police, board.school, board.health, board.council];
  const dates = ['2026-03-31', '2026-04-01', '2026-06-30', '2026-07-01', '2026-09-30', '2026-10-01', '2026-11-20', '2026-11-23'];
  for (let i = 0; i < 40; i += 1) {
    const raising = agencies[i % 4]!;
    const challenged = agencies[(i + 1 + (i % 3)) % 4]!;
    const openedOn = dates[i % dates.length]!;
    const e = logEscalation(desk, board, {
      reference: `REF-${String(i).padStart(3, '0')}`,
      raisingAgencyId: raising,
      challengedAgencyIds: [challenged],
      openedOn,
      immediateRisk: i % 5 === 0,
    });
    let stage = 1;
    for (let s = 2; s <= 1 + (i % 4); s += 1) {
      ok(onLatest(desk, 'escalations:escalate', { escalationId: e.id, toStage: s, on: openedOn, reason: 'Not resolved' }));
      stage = s;
    }
    made.push({ id: e.id, reference: e.reference, raising, challenged, openedOn, stage });
  }
});
afterAll(() => desk.cleanup());

const list = (q: RegisterQuery) => ok(desk.call('escalations:list', { limit: 500, ...q }));

describe('register filters', () => {
  it('filters by agency (raising or challenged), stage, quarter and reference prefix exactly as a direct count does', () => {
    expect(list({}).total).toBe(40);
    expect(list({ agencyId: board.police }).total).toBe(
      made.filter((m) => m.raising === board.police || m.challenged === board.police).length,
    );
    expect(list({ stage: 3 }).total).toBe(made.filter((m) => m.stage === 3).length);
    // Q2 2026-27 is July to September 2026: quarter-boundary dates fall either side.
    expect(
      list({ quarter: '2026-Q2' })
        .rows.map((r) => r.openedOn)
        .sort(),
    ).toEqual(
      made
        .filter((m) => m.openedOn >= '2026-07-01' && m.openedOn <= '2026-09-30')
        .map((m) => m.openedOn)
        .sort(),
    );
    expect(list({ quarter: '2025-Q4' }).total).toBe(made.filter((m) => m.openedOn === '2026-03-31').length);
    expect(
      list({ search: 'ref-01' })
        .rows.map((r) => r.reference)
        .sort(),
    ).toEqual(
      made
        .filter((m) => m.reference.startsWith('REF-01'))
        .map((m) => m.reference)
        .sort(),
    );
  });

  it('splits open cases into on track, due soon and overdue, and pages with a stable order', () => {
    const states = ['on_track', 'due_soon', 'overdue', 'no_timescale'] as const;
    const counts = states.map((state) => list({ state }).total);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(list({ status: 'open' }).total);
    for (const state of states) for (const row of list({ state }).rows) expect(row.state).toBe(state);
    const overdue = ok(desk.call('escalations:overdue', {})).overdue;
    expect(overdue.length).toBe(counts[2]);
    expect(overdue.map((o) => o.workingDaysLate)).toEqual([...overdue.map((o) => o.workingDaysLate)].sort((a, b) => b - a));
    const pages = [0, 15, 30].flatMap((offset) =>
      list({ limit: 15, offset, sort: 'reference', direction: 'asc' }).rows.map((r) => r.reference),
    );
    expect(pages).toEqual(made.map((m) => m.reference).sort());
  });
});

describe('register search', () => {
  it('finds a case by the start of its reference or of the child’s initials', () => {
    const withInitials = logEscalation(desk, board, { reference: 'ZZ-777', childInitials: 'QX' });
    try {
      expect(list({ search: 'qx' }).rows.map((r) => r.reference)).toEqual(['ZZ-777']);
      expect(list({ search: 'q' }).rows.map((r) => r.reference)).toContain('ZZ-777');
      // Text that cannot be initials searches references only.
      expect(list({ search: 'QX-' }).total).toBe(0);
      expect(list({ search: 'zz-7' }).rows.map((r) => r.reference)).toEqual(['ZZ-777']);
    } finally {
      ok(onLatest(desk, 'escalations:withdraw', { escalationId: withInitials.id, on: '2026-11-23', reason: 'Logged for the search test' }));
    }
  });

  it('counts an agency with other filters exactly as a direct count does', () => {
    for (const agencyId of [board.police, board.school, board.council]) {
      const direct = (where: string, ...params: unknown[]) =>
        (
          desk.store.reader
            .prepare(
              `SELECT count(*) AS n FROM escalation e WHERE (e.raising_agency_id = ? OR e.id IN (SELECT escalation_id FROM escalation_challenged WHERE agency_id = ?)) AND ${where}`,
            )
            .get(agencyId, agencyId, ...params) as { n: number }
        ).n;
      expect(list({ agencyId, status: 'open' }).total).toBe(direct("e.status = 'open'"));
      expect(list({ agencyId, stage: 2 }).total).toBe(direct('e.current_stage = 2'));
      expect(list({ agencyId, quarter: '2026-Q2' }).total).toBe(direct("e.opened_on BETWEEN '2026-07-01' AND '2026-09-30'"));
      expect(list({ agencyId, search: 'REF-00' }).total).toBe(direct("e.reference_key LIKE 'REF-00%'"));
      expect(list({ agencyId, state: 'overdue' }).total).toBe(direct("e.status = 'open' AND e.current_due_on < '2026-11-23'"));
    }
  });
});

// ---- pages ----

const SORTS = ['openedOn', 'reference', 'dueOn', 'stage', 'status'] as const;
const FILTERS: RegisterQuery[] = [
  {},
  { status: 'open' },
  { state: 'overdue' },
  { quarter: '2026-Q2' },
  { search: 'REF-0' },
  { stage: 2 },
  { categoryId: 1 },
  { origin: 'board' },
  { agencyId: 1 },
  { agencyId: 2, status: 'open' },
  { agencyId: 3, quarter: '2026-Q2' },
  { drill: { figure: 'new', quarter: '2026-Q2' } },
  { drill: { figure: 'open_at_end', quarter: '2026-Q2' }, agencyId: 1 },
];
const WALK: PagePolicy = { gatherUpTo: 0 };
const GATHER: PagePolicy = { gatherUpTo: Number.MAX_SAFE_INTEGER };
const read = (d: TestDesk, q: RegisterQuery, policy: PagePolicy) =>
  listRegister({ db: d.store.reader, now: new Date('2026-11-23T10:00:00Z') }, registerQuery.parse(q), policy);

/** The register's order, worked out here from the rows: cases with a due date (stage) first, the rest by date opened. */
function inOrder(rows: RegisterRow[], sort: (typeof SORTS)[number], direction: 'asc' | 'desc'): RegisterRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  const value = (r: RegisterRow): string | number | null =>
    ({ openedOn: r.openedOn, reference: r.reference.toUpperCase(), dueOn: r.dueOn, stage: r.stageNumber, status: r.status })[sort];
  const keys = (r: RegisterRow): (string | number)[] => {
    if (sort === 'openedOn') return [r.openedOn, r.id];
    if (sort === 'reference') return [value(r)!, r.openedOn, r.id];
    if (sort === 'status') return [r.status, r.openedOn, r.id];
    // Cases without a value come after those with one, in either direction.
    const has = value(r) !== null;
    return [has ? 0 : 1, ...(has ? [value(r)!] : []), r.openedOn, r.id];
  };
  return [...rows].sort((a, b) => {
    const [ka, kb] = [keys(a), keys(b)];
    if (ka[0] !== kb[0] && (sort === 'dueOn' || sort === 'stage')) return (ka[0] as number) - (kb[0] as number);
    for (let i = 0; i < ka.length; i += 1) if (ka[i] !== kb[i]) return (ka[i]! < kb[i]! ? -1 : 1) * sign;
    return 0;
  });
}

const cursorOf = registerCursorOf;

describe('register pages', () => {
  const combos = FILTERS.flatMap((filters) =>
    SORTS.flatMap((sort) => (['asc', 'desc'] as const).map((direction) => ({ filters, sort, direction }))),
  );
  it.each(combos)('lists $filters by $sort $direction in the same order however the pages are read', ({ filters, sort, direction }) => {
    const q = { ...filters, sort, direction };
    const whole = read(desk, { ...q, limit: 500 }, GATHER);
    expect(whole.rows.length).toBe(whole.total);
    expect(whole.rows.map((r) => r.id)).toEqual(inOrder(whole.rows, sort, direction).map((r) => r.id));
    expect(read(desk, { ...q, limit: 500 }, WALK).rows.map((r) => r.id)).toEqual(whole.rows.map((r) => r.id));
    for (const policy of [WALK, GATHER]) {
      // Forwards from cursor to cursor, by offsets, and backwards from the end.
      const forwards: number[] = [];
      for (let cursor: RegisterCursor | null = null; ;) {
        const page = read(desk, { ...q, limit: 7, cursor }, policy).rows;
        forwards.push(...page.map((r) => r.id));
        if (page.length < 7) break;
        cursor = cursorOf(page.at(-1)!, sort, 'after');
      }
      expect(forwards).toEqual(whole.rows.map((r) => r.id));
      const byOffset = [0, 7, 14, 21, 28, 35].flatMap((offset) => read(desk, { ...q, limit: 7, offset }, policy).rows.map((r) => r.id));
      expect(byOffset).toEqual(whole.rows.slice(0, 42).map((r) => r.id));
      if (whole.rows.length > 0) {
        const backwards: number[] = [];
        for (let cursor = cursorOf(whole.rows.at(-1)!, sort, 'before'); ;) {
          const page = read(desk, { ...q, limit: 7, cursor }, policy).rows;
          backwards.unshift(...page.map((r) => r.id));
          if (page.length < 7) break;
          cursor = cursorOf(page[0]!, sort, 'before');
        }
        expect(backwards).toEqual(whole.rows.slice(0, -1).map((r) => r.id));
        // An offset from a cursor skips that many rows past it.
        if (whole.rows.length > 12)
          expect(
            read(desk, { ...q, limit: 3, offset: 5, cursor: cursorOf(whole.rows[2]!, sort, 'after') }, policy).rows.map((r) => r.id),
          ).toEqual(whole.rows.slice(8, 11).map((r) => r.id));
      }
    }
  });

  it('refuses a cursor whose value does not fit the order, in plain words', () => {
    const refused = desk.call('escalations:list', { sort: 'stage', cursor: { key: 'soon', openedOn: '2026-07-01', id: 3 } });
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.error.problems).toEqual([
        { where: 'Where the page starts', message: 'The value it starts from does not fit the order by stage' },
      ]);
  });
});

// ---- plans ----

/** Every statement one register read runs, with its plan. */
function registerPlans(d: TestDesk, q: RegisterQuery, policy: PagePolicy) {
  const { statements } = recordStatements(d.store.reader, () => read(d, q, policy));
  return statements.map((s) => ({ sql: s.sql, plan: planOf(d.store.reader, s) }));
}

function expectIndexedPlans(d: TestDesk) {
  for (const filters of FILTERS)
    for (const sort of SORTS)
      for (const direction of ['asc', 'desc'] as const)
        for (const [policy, walking] of [
          [WALK, true],
          [GATHER, false],
        ] as const) {
          const first = read(d, { ...filters, sort, direction, limit: 3 }, policy).rows;
          const cursor = first.length === 3 ? cursorOf(first[2]!, sort, 'after') : null;
          for (const q of [
            { ...filters, sort, direction, limit: 3 },
            { ...filters, sort, direction, limit: 3, cursor },
            { ...filters, sort, direction, limit: 3, offset: 4 },
          ]) {
            for (const { sql, plan } of registerPlans(d, q, policy)) {
              const where = `${JSON.stringify(q)} ${walking ? 'walking' : 'gathering'}: ${sql}\n${plan.join('\n')}`;
              expect(fullScans(plan), where).toEqual([]);
              // Walking reads the page in the index's own order: nothing to sort.
              if (walking && /LIMIT @limit/.test(sql) && !/CROSS JOIN|json_each/.test(sql) && !filters.drill)
                expect(
                  plan.filter((p) => /TEMP B-TREE FOR ORDER BY/.test(p)),
                  where,
                ).toEqual([]);
            }
          }
        }
}

describe('register query plans', () => {
  it('reads every filter, sort and page through an index, and walks without sorting', () => {
    expectIndexedPlans(desk);
  });

  it('does the same under the statistics SQLite gathers from a register of thousands of cases', () => {
    const seeded = openTestDesk({ now: () => new Date('2026-11-23T10:00:00Z') });
    try {
      seedWithStatistics(seeded, 1500);
      expect(
        (seeded.store.reader.prepare("SELECT count(*) AS n FROM sqlite_stat1 WHERE tbl = 'escalation'").get() as { n: number }).n,
      ).toBeGreaterThan(10);
      expectIndexedPlans(seeded);
      expectOverduePlans(seeded);
    } finally {
      seeded.cleanup();
    }
  }, 60_000);

  it('lists the overdue, the breaches and the notifications through indexes, in index order', () => {
    expectOverduePlans(desk);
  });
});

function expectOverduePlans(d: TestDesk) {
  const { statements } = recordStatements(d.store.reader, () => ok(d.call('escalations:overdue', {})));
  expect(statements.length).toBeGreaterThan(0);
  for (const s of statements) {
    const plan = planOf(d.store.reader, s);
    const where = `${s.sql}\n${plan.join('\n')}`;
    expect(fullScans(plan), where).toEqual([]);
    if (/ORDER BY/.test(s.sql))
      expect(
        plan.filter((p) => /TEMP B-TREE FOR ORDER BY/.test(p)),
        where,
      ).toEqual([]);
    // Each list walks the index of exactly what it lists (open cases by due date, immediate-risk
    // cases, notifications owed), and that index holds every column the list shows (migration 0180):
    // a big board's scattered table pages are not read a row at a time.
    if (/LIMIT 1000/.test(s.sql))
      expect(plan[0], where).toMatch(
        /^(SEARCH|SCAN) [en] USING COVERING INDEX (escalation_open_by_due|escalation_immediate_risk|notification_outstanding)\b/,
      );
  }
}
