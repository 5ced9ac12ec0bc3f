// Reading a big board through the app, each beside a plain indexed SELECT doing the nearest job
// with better-sqlite3 alone: the register's searches and filters, the overdue list, and the
// learning hub's quarter. Each figure is the median of several runs after one warm-up run.
// The dashboard's query plans are read as it runs (EXPLAIN QUERY PLAN of every statement it
// prepares): the goal includes no full-table scan.
import { quarterFromKey, quarterOf, shiftQuarter } from '../../shared/domain/quarter';
import type { Desk } from '../../electron/desk/desk';
import { fullScans, planOf, recordStatements } from '../support/queryPlans';
import { median, ms, times, type Result } from './results';
import { openTestDb } from '../support/testKey';
import { READER_CACHE_KIB } from '../../electron/db/open';

const RUNS = 7;

function timeIt(work: () => unknown): number {
  work();
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    work();
    runs.push(performance.now() - started);
  }
  return median(runs);
}

function expectOk(result: { ok: boolean; error?: { message: string } }): void {
  if (!result.ok) throw new Error(`the app refused a benchmark query: ${result.error?.message}`);
}

export function measureQueries(desk: Desk, file: string, size: number): Result[] {
  const raw = openTestDb(file, { readonly: true });
  // The same page cache as the app's reading connection, so the ratio is the app's own work.
  raw.pragma(`cache_size = -${READER_CACHE_KIB}`);
  const one = <T>(sql: string, ...params: unknown[]) => raw.prepare(sql).get(...params) as T;
  const agencyId = one<{ id: number }>('SELECT raising_agency_id AS id FROM escalation GROUP BY 1 ORDER BY count(*) DESC LIMIT 1').id;
  const reference = one<{ reference: string }>(
    'SELECT reference FROM escalation WHERE id = (SELECT max(id) / 2 FROM escalation)',
  ).reference;
  // The last full quarter before the board's newest case: the one a learning hub would review.
  const newest = one<{ newest: string }>('SELECT max(opened_on) AS newest FROM escalation').newest;
  const fixKey = shiftQuarter(quarterOf(newest, 4).key, -1, 4).key;
  const q = quarterFromKey(fixKey, 4);

  const page = 'id, reference, child_initials, opened_on, status, current_stage, current_due_on';
  const cases: { what: string; input: Record<string, unknown>; raw: () => unknown }[] = [
    {
      what: 'register, first page, newest first',
      input: {},
      raw: () => raw.prepare(`SELECT ${page} FROM escalation ORDER BY opened_on DESC, id DESC LIMIT 100`).all(),
    },
    {
      what: 'register, search by case reference',
      input: { search: reference },
      raw: () =>
        raw
          .prepare(`SELECT ${page} FROM escalation WHERE reference_key >= ? AND reference_key < ? ORDER BY reference_key LIMIT 100`)
          .all(reference.toUpperCase(), `${reference.toUpperCase()}\uffff`),
    },
    {
      what: 'register, filter by agency (raising or challenged)',
      input: { agencyId },
      raw: () => raw.prepare(`SELECT ${page} FROM escalation WHERE raising_agency_id = ? ORDER BY opened_on DESC LIMIT 100`).all(agencyId),
    },
    {
      what: 'register, open cases past their deadline',
      input: { status: 'open', state: 'overdue' },
      raw: () =>
        raw
          .prepare(`SELECT ${page} FROM escalation WHERE status = 'open' AND current_due_on < ? ORDER BY opened_on DESC LIMIT 100`)
          .all('2026-11-23'),
    },
    {
      what: 'register, stage 2 in a quarter',
      input: { stage: 2, quarter: fixKey },
      raw: () =>
        raw
          .prepare(`SELECT ${page} FROM escalation WHERE opened_on BETWEEN ? AND ? AND current_stage = 2 ORDER BY opened_on DESC LIMIT 100`)
          .all(q.from, q.to),
    },
    {
      what: 'register, jumped half-way down (up to row 500,000)',
      input: { offset: Math.min(500_000, Math.floor(size / 2)) },
      raw: () =>
        raw
          .prepare(`SELECT ${page} FROM escalation ORDER BY opened_on DESC, id DESC LIMIT 100 OFFSET ?`)
          .all(Math.min(500_000, Math.floor(size / 2))),
    },
    {
      what: 'overdue list (deadlines screen)',
      input: { overdue: true },
      raw: () =>
        raw
          .prepare(`SELECT ${page} FROM escalation WHERE status = 'open' AND current_due_on < ? ORDER BY current_due_on LIMIT 1000`)
          .all('2026-11-23'),
    },
  ];
  const results: Result[] = cases.map((c) => {
    const isOverdue = 'overdue' in c.input;
    const app = timeIt(() =>
      expectOk(isOverdue ? desk.call('escalations:overdue', {}) : desk.call('escalations:list', { ...c.input, limit: 100 })),
    );
    const rawMs = timeIt(c.raw);
    return {
      measure: c.what,
      size,
      app: ms(app),
      raw: ms(rawMs),
      ratio: times(app, rawMs),
      goal: size >= 1_000_000 ? '< 50 ms' : '(at 1M: < 50 ms)',
      met: size >= 1_000_000 ? app < 50 : null,
    };
  });

  // The dashboard: every figure for one quarter, with the plans of what it ran.
  const recorded = recordStatements(desk.store.reader, () => desk.call('dashboard:quarter', { quarter: fixKey }));
  expectOk(recorded.result);
  const scanned = [...new Set(recorded.statements.flatMap((s) => fullScans(planOf(desk.store.reader, s))))];
  const dash = timeIt(() => expectOk(desk.call('dashboard:quarter', { quarter: fixKey })));
  const rawDash = timeIt(() =>
    raw.prepare('SELECT origin, count(*) FROM escalation WHERE opened_on BETWEEN ? AND ? GROUP BY origin').all(q.from, q.to),
  );
  results.push({
    measure: `learning-hub dashboard, every figure for ${fixKey}`,
    size,
    app: ms(dash),
    raw: ms(rawDash),
    ratio: times(dash, rawDash),
    goal: size >= 1_000_000 ? '< 200 ms, no full scan' : '(at 1M: < 200 ms), no full scan',
    met: scanned.length === 0 && (size < 1_000_000 || dash < 200),
    notes: [
      `${recorded.statements.length} statements; full-table scans: ${scanned.length === 0 ? 'none' : scanned.join('; ')}`,
      'raw: one indexed count of the quarter’s new cases',
    ],
  });
  raw.close();
  return results;
}
