// The quarterly dashboard against a known set of cases. Every expected figure is worked out here
// from the case list itself, with its own working-day arithmetic, not read back from the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard, DrillInput, Figure } from '../../shared/domain/dashboard';
import { FIGURES, drillSchema } from '../../shared/domain/dashboard';
import { quarterFromKey, type Quarter } from '../../shared/domain/quarter';
import { figurePredicate, tallySql, TALLIED, type TalliedFigure } from '../../electron/services/escalations/figures';
import { fullScans, planOf, recordStatements, scans, seedWithStatistics } from '../support/queryPlans';
import { seatBoard, seedBoard, type Board } from '../support/boardFixture';
import { addThemes, DASHBOARD_CASES, seedCases, type AgencyKey, type CaseSpec } from '../support/dashboardCases';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';

const TODAY = '2026-11-23';
// The oracle's own calendar: England and Wales bank holidays in the period, typed from gov.uk.
const HOLIDAYS = new Set(['2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']);
const isWorking = (d: string) => {
  const day = new Date(`${d}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6 && !HOLIDAYS.has(d);
};
const next = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const addWorking = (d: string, n: number) => {
  let day = d;
  for (let left = n; left > 0;) {
    day = next(day);
    if (isWorking(day)) left -= 1;
  }
  return day;
};
const between = (a: string, b: string) => {
  let n = 0;
  for (let d = a; d < b;) {
    d = next(d);
    if (isWorking(d)) n += 1;
  }
  return n;
};

const SPECS: CaseSpec[] = DASHBOARD_CASES;

let desk: TestDesk;
let board: Board;
const ids = new Map<string, number>();
let themeId = 0;

beforeAll(() => {
  desk = openTestDesk({ now: () => new Date(`${TODAY}T10:00:00Z`) });
  board = seedBoard(desk, 'bromley');
  seatBoard(desk, board);
  const themes = addThemes(desk);
  themeId = themes.threshold;
  for (const [ref, id] of seedCases(desk, board, SPECS, themes)) ids.set(ref, id);
});
afterAll(() => desk.cleanup());

// ---- the oracle ----
const inQ = (d: string | undefined, from: string, to: string) => d !== undefined && d >= from && d <= to;
const highest = (s: CaseSpec) => 1 + (s.steps?.length ?? 0);
function expected(key: string) {
  const q = quarterFromKey(key, 4);
  const asOf = q.to < TODAY ? q.to : TODAY;
  const fresh = SPECS.filter((s) => inQ(s.openedOn, q.from, q.to));
  const resolved = SPECS.filter((s) => s.end?.kind === 'resolve' && inQ(s.end.on, q.from, q.to));
  const stagesOf = (s: CaseSpec) => {
    const starts = [s.openedOn, ...(s.steps ?? [])];
    return starts.map((start, i) => ({ start, due: addWorking(start, s.immediateRisk ? 0 : 5), end: starts[i + 1] ?? s.end?.on ?? null }));
  };
  const sameDay = (d: string) => (isWorking(d) ? d : addWorking(d, 1));
  return {
    new: fresh.length,
    resolved: resolved.length,
    withdrawn: SPECS.filter((s) => s.end?.kind === 'withdraw' && inQ(s.end.on, q.from, q.to)).length,
    openAtEnd: SPECS.filter((s) => s.openedOn <= q.to && (!s.end || s.end.on > q.to)).length,
    carriedOver: SPECS.filter((s) => s.openedOn < q.from && (!s.end || s.end.on >= q.from)).length,
    atStages12: resolved.filter((s) => highest(s) <= 2).length,
    within: resolved.filter((s) => stagesOf(s).every((st) => st.end === null || st.end <= st.due)).length,
    durations: resolved.map((s) => between(s.openedOn, (s.end as { on: string }).on)).sort((a, b) => a - b),
    overdue: SPECS.filter(
      (s) =>
        s.openedOn <= asOf &&
        (!s.end || s.end.on > asOf) &&
        stagesOf(s).some((st) => st.start <= asOf && st.due < asOf && (st.end === null || st.end > asOf)),
    ).length,
    immediate: fresh.filter((s) => s.immediateRisk).length,
    breaches: fresh.filter((s) => {
      if (!s.immediateRisk) return false;
      if (!s.referralOn) return true;
      const firstEnd = s.steps?.[0] ?? s.end?.on;
      const deadline = sameDay(s.openedOn);
      return firstEnd === undefined ? asOf > deadline : firstEnd > deadline;
    }).length,
    byRaising: (k: AgencyKey) => fresh.filter((s) => s.raising === k).length,
    byChallenged: (k: AgencyKey) => fresh.filter((s) => s.challenged.includes(k)).length,
    pair: (r: AgencyKey, c: AgencyKey) => fresh.filter((s) => s.raising === r && s.challenged.includes(c)).length,
    byCategory: (i: number) => fresh.filter((s) => s.category === i).length,
    effect: (e: string) => resolved.filter((s) => s.end?.kind === 'resolve' && s.end.effect === e).length,
    themes: resolved.filter((s) => s.end?.kind === 'resolve' && s.end.theme).length,
    gaps: resolved.filter((s) => s.end?.kind === 'resolve' && s.end.policyGap).map((s) => s.ref),
  };
}

const dash = (quarter: string) => ok(desk.call('dashboard:quarter', { quarter }));
const headline = (d: Dashboard, figure: string) => d.headlines.find((h) => h.figure === figure)!;
const median = (xs: number[]) => (xs.length === 0 ? null : xs[Math.ceil(xs.length / 2) - 1]!);
const p90 = (xs: number[]) => (xs.length === 0 ? null : xs[Math.ceil(xs.length * 0.9) - 1]!);

describe.each(['2026-Q1', '2026-Q2', '2026-Q3'])('dashboard for %s', (key) => {
  it('gives every figure exactly as counted from the cases', () => {
    const d = dash(key);
    const x = expected(key);
    expect(headline(d, 'new').value.total).toBe(x.new);
    expect(headline(d, 'resolved').value.total).toBe(x.resolved);
    expect(headline(d, 'open_at_end').value.total).toBe(x.openAtEnd);
    expect(headline(d, 'carried_over').value.total).toBe(x.carriedOver);
    expect(headline(d, 'overdue_at_end').value.total).toBe(x.overdue);
    expect(headline(d, 'immediate_risk').value.total).toBe(x.immediate);
    expect(headline(d, 'policy_gap').value.total).toBe(x.gaps.length);
    expect(d.immediateRisk).toMatchObject({ cases: x.immediate, breaches: x.breaches });
    expect(d.resolvedAtStages12Share).toBe(x.resolved === 0 ? null : x.atStages12 / x.resolved);
    expect(d.timeToResolution).toEqual({
      count: x.resolved,
      medianWorkingDays: median(x.durations),
      p90WorkingDays: p90(x.durations),
      withinTimescale: x.within,
      // Every case here is under Bromley's timescales, so each resolved case had one to meet.
      withTimescale: x.resolved,
      withinTimescaleShare: x.resolved === 0 ? null : x.within / x.resolved,
    });
    const keys: AgencyKey[] = ['police', 'school', 'health', 'council'];
    for (const k of keys) {
      expect(d.byRaisingAgency.find((r) => r.agencyId === board[k])?.count.total ?? 0).toBe(x.byRaising(k));
      expect(d.byChallengedAgency.find((r) => r.agencyId === board[k])?.count.total ?? 0).toBe(x.byChallenged(k));
      for (const c of keys)
        expect(d.pairs.find((p) => p.raisingAgencyId === board[k] && p.challengedAgencyId === board[c])?.count ?? 0).toBe(x.pair(k, c));
    }
    board.settings.categories.forEach((c, i) => expect(d.byCategory.find((b) => b.id === c.id)?.count.total ?? 0).toBe(x.byCategory(i)));
    for (const o of d.outcomes) expect(o.count.total).toBe(x.effect(o.effect));
    expect(d.themes.find((t) => t.id === themeId)?.count ?? 0).toBe(x.themes);
    expect(d.policyGaps.map((g) => g.reference).sort()).toEqual(x.gaps.sort());
    // Everything here is board-level: agency returns add agency-internal cases (see the returns tests).
    expect(headline(d, 'new').value.agencyInternal).toBe(0);
  });

  it('compares each headline with the previous quarter and keeps eight quarters of trend', () => {
    const d = dash(key);
    const prev = expected(d.previousQuarter.key);
    expect(headline(d, 'new').previous).toBe(prev.new);
    expect(d.trend).toHaveLength(9);
    expect(d.trend.at(-1)!.key).toBe(key);
    expect(d.trend.at(-2)!).toMatchObject({
      key: d.previousQuarter.key,
      new: prev.new,
      resolved: prev.resolved,
      openAtEnd: prev.openAtEnd,
    });
  });

  it('gives every trend quarter exactly as counted from the cases (carried over and overdue are taken by shortcuts)', () => {
    for (const row of dash(key).trend) {
      const x = expected(row.key);
      expect(row, row.key).toEqual({
        key: row.key,
        label: row.label,
        new: x.new,
        resolved: x.resolved,
        openAtEnd: x.openAtEnd,
        carriedOver: x.carriedOver,
        resolvedAtStages12: x.atStages12,
        overdueAtEnd: x.overdue,
      });
    }
  });
});

describe('the Q2 2026-27 figures people read', () => {
  it('says them in a sentence', () => {
    expect(headline(dash('2026-Q2'), 'new').sentence).toBe('5 new escalations, 2 more than last quarter');
  });
  it('counts notifications required against made, and chair decisions', () => {
    expect(dash('2026-Q2').notifications).toEqual([
      { kind: 'child_protection_chair', label: 'Child protection chair', required: 1, made: 1 },
      { kind: 'independent_reviewing_officer', label: 'Independent reviewing officer', required: 1, made: 0 },
    ]);
    expect(dash('2026-Q3').chair.decisions).toEqual([
      { route: 'resolve_directly', label: 'Resolve directly with the senior managers', count: 1 },
    ]);
  });
  it('lists every agency’s return as missing until returns arrive', () => {
    expect(dash('2026-Q2').returns.map((r) => r.status)).toEqual(['missing', 'missing', 'missing', 'missing']);
  });
});

describe('drill-down', () => {
  const drill = (d: DrillInput) =>
    ok(desk.call('escalations:list', { drill: d, limit: 500 }))
      .rows.map((r) => r.reference)
      .sort();
  it('opens the register on exactly the cases behind a figure, a bar or a matrix cell', () => {
    expect(drill({ figure: 'new', quarter: '2026-Q2' })).toEqual(['Q2-A', 'Q2-B', 'Q2-C', 'Q2-D', 'Q2-E']);
    expect(drill({ figure: 'carried_over', quarter: '2026-Q3' })).toEqual(['Q1-B', 'Q2-C', 'Q2-D']);
    expect(drill({ figure: 'new', quarter: '2026-Q2', raisingAgencyId: board.school, challengedAgencyId: board.council })).toEqual([
      'Q2-A',
    ]);
    expect(drill({ figure: 'immediate_risk_breach', quarter: '2026-Q2' })).toEqual(['Q2-C']);
    expect(drill({ figure: 'resolved', quarter: '2026-Q2', effect: 'changed' })).toEqual(['Q1-C', 'Q2-E']);
  });
  it('agrees with the dashboard count for every figure in every quarter', () => {
    for (const quarter of ['2026-Q1', '2026-Q2', '2026-Q3']) {
      const d = dash(quarter);
      for (const h of d.headlines) expect(drill({ figure: h.figure, quarter })).toHaveLength(h.value.total);
    }
  });
});

describe('the daily tally', () => {
  // Any stretch of days, not only quarters: each tallied figure, by origin, against its predicate.
  const day = (n: number) => new Date(Date.UTC(2026, 3, 1 + n)).toISOString().slice(0, 10);
  const byOrigin = (sql: string, params: Record<string, unknown>) =>
    Object.fromEntries(
      (desk.store.reader.prepare(sql).all(params) as { origin: string; n: number }[]).filter((r) => r.n !== 0).map((r) => [r.origin, r.n]),
    );
  it.each(Object.keys(TALLIED) as TalliedFigure[])(
    'counts %s exactly as its predicate does, for every day from April to December',
    (figure) => {
      for (let n = 0; n < 260; n += 1) {
        const stretch: Quarter = { key: '2026-Q2', label: 'a week', from: day(n), to: day(n + 6) };
        const p = figurePredicate(drillSchema.parse({ figure, quarter: '2026-Q2' }), stretch, TODAY);
        const expected = byOrigin(`SELECT e.origin AS origin, count(*) AS n FROM escalation e WHERE ${p.sql} GROUP BY e.origin`, p.params);
        expect(
          byOrigin(tallySql(figure), { from: stretch.from, to: stretch.to, asOf: p.params.asOf }),
          `${figure} ${stretch.from}..${stretch.to}`,
        ).toEqual(expected);
      }
    },
  );
});

// ---- plans ----

/** Every statement the dashboard runs for a quarter, with its plan. */
function dashboardPlans(d: TestDesk, quarter: string) {
  const { statements } = recordStatements(d.store.reader, () => ok(d.call('dashboard:quarter', { quarter })));
  return statements.map((s) => ({ sql: s.sql, plan: planOf(d.store.reader, s) }));
}

function expectRangesOnly(d: TestDesk) {
  for (const quarter of ['2026-Q1', '2026-Q2', '2026-Q3']) {
    const plans = dashboardPlans(d, quarter);
    expect(plans.length).toBeGreaterThan(20);
    // A quarter's figures are ranges: no statement reads every case, stage or challenge, even through an index.
    for (const { sql, plan } of plans) expect(scans(plan), `${sql}\n${plan.join('\n')}`).toEqual([]);
    // The quarter's breakdowns stream out of the covering indexes in order: nothing to sort.
    const breakdowns = plans.filter((p) => /INDEXED BY escalation_dash_(opened|resolved) WHERE/.test(p.sql) && /GROUP BY/.test(p.sql));
    expect(breakdowns).toHaveLength(2);
    for (const { sql, plan } of breakdowns)
      expect(
        plan.filter((step) => /TEMP B-TREE/.test(step)),
        `${sql}\n${plan.join('\n')}`,
      ).toEqual([]);
  }
  // The drill-down behind every figure reads the register through an index too.
  for (const figure of Object.keys(FIGURES) as Figure[]) {
    const { statements } = recordStatements(d.store.reader, () =>
      ok(d.call('escalations:list', { drill: { figure, quarter: '2026-Q2' }, limit: 50 })),
    );
    for (const st of statements) {
      const plan = planOf(d.store.reader, st);
      expect(fullScans(plan), `${figure}: ${st.sql}\n${plan.join('\n')}`).toEqual([]);
    }
  }
}

describe('dashboard query plans', () => {
  it('reads every figure of a quarter from ranges of indexes and the daily tally', () => {
    expectRangesOnly(desk);
  });

  it('does the same under the statistics SQLite gathers from a register of thousands of cases', () => {
    const seeded = openTestDesk({ now: () => new Date(`${TODAY}T10:00:00Z`) });
    try {
      seedWithStatistics(seeded, 1500);
      expectRangesOnly(seeded);
    } finally {
      seeded.cleanup();
    }
  }, 60_000);

  it('names the tally by its key, never reading it whole', () => {
    for (const figure of Object.keys(TALLIED) as TalliedFigure[]) {
      const plan = planOf(desk.store.reader, {
        sql: tallySql(figure),
        params: [{ from: '2026-07-01', to: '2026-09-30', asOf: '2026-09-30' }],
      });
      expect(
        plan.filter((step) => / t\b/.test(step)),
        plan.join(' / '),
      ).toEqual([expect.stringMatching(/^SEARCH t USING PRIMARY KEY \(day/)]);
    }
  });
});
