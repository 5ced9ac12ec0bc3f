// The register's filters give exactly what a direct count gives, and every query the register
// runs is served by an index (asserted on SQLite's own query plan).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerQuery, type RegisterQuery, type RegisterRow } from '../../shared/domain/escalation';
import { registerWhere } from '../../electron/services/escalations/register';
import { logEscalation, seedBoard, type Board } from '../support/boardFixture';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';

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
    const e = logEscalation(desk, board, { reference: `REF-${String(i).padStart(3, '0')}`, raisingAgencyId: raising, challengedAgencyIds: [challenged], openedOn, immediateRisk: i % 5 === 0 });
    let stage = 1;
    for (let s = 2; s <= 1 + (i % 4); s += 1) {
      ok(desk.dispatch('escalations:escalate', { escalationId: e.id, toStage: s, on: openedOn, reason: 'Not resolved' }));
      stage = s;
    }
    made.push({ id: e.id, reference: e.reference, raising, challenged, openedOn, stage });
  }
});
afterAll(() => desk.cleanup());

const list = (q: RegisterQuery) => ok<{ total: number; rows: RegisterRow[] }>(desk.dispatch('escalations:list', { limit: 500, ...q }));

describe('register filters', () => {
  it('filters by agency (raising or challenged), stage, quarter and reference prefix exactly as a direct count does', () => {
    expect(list({}).total).toBe(40);
    expect(list({ agencyId: board.police }).total).toBe(made.filter((m) => m.raising === board.police || m.challenged === board.police).length);
    expect(list({ stage: 3 }).total).toBe(made.filter((m) => m.stage === 3).length);
    // Q2 2026-27 is July to September 2026: quarter-boundary dates fall either side.
    expect(list({ quarter: '2026-Q2' }).rows.map((r) => r.openedOn).sort()).toEqual(made.filter((m) => m.openedOn >= '2026-07-01' && m.openedOn <= '2026-09-30').map((m) => m.openedOn).sort());
    expect(list({ quarter: '2025-Q4' }).total).toBe(made.filter((m) => m.openedOn === '2026-03-31').length);
    expect(list({ search: 'ref-01' }).rows.map((r) => r.reference).sort()).toEqual(made.filter((m) => m.reference.startsWith('REF-01')).map((m) => m.reference).sort());
  });

  it('splits open cases into on track, due soon and overdue, and pages with a stable order', () => {
    const states = ['on_track', 'due_soon', 'overdue', 'no_timescale'] as const;
    const counts = states.map((state) => list({ state }).total);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(list({ status: 'open' }).total);
    for (const state of states) for (const row of list({ state }).rows) expect(row.state).toBe(state);
    const overdue = ok<{ overdue: { workingDaysLate: number }[] }>(desk.dispatch('escalations:overdue', {})).overdue;
    expect(overdue.length).toBe(counts[2]);
    expect(overdue.map((o) => o.workingDaysLate)).toEqual([...overdue.map((o) => o.workingDaysLate)].sort((a, b) => b - a));
    const pages = [0, 15, 30].flatMap((offset) => list({ limit: 15, offset, sort: 'reference', direction: 'asc' }).rows.map((r) => r.reference));
    expect(pages).toEqual(made.map((m) => m.reference).sort());
  });
});

describe('register query plans', () => {
  const cases: RegisterQuery[] = [
    {},
    { search: 'REF' },
    { agencyId: 1 },
    { stage: 2 },
    { status: 'open' },
    { state: 'overdue' },
    { state: 'due_soon' },
    { state: 'on_track' },
    { categoryId: 1 },
    { quarter: '2026-Q3' },
    { origin: 'agency_return', quarter: '2026-Q3' },
  ];
  it.each(cases)('uses an index for %j', (q) => {
    const parsed = registerQuery.parse(q);
    const { where, params } = registerWhere(desk.store.reader, parsed, '2026-11-23');
    for (const sql of [`SELECT e.id FROM escalation e ${where} ORDER BY e.opened_on DESC LIMIT 100`, `SELECT count(*) FROM escalation e ${where}`]) {
      const plan = (desk.store.reader.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((p) => p.detail);
      const tableSteps = plan.filter((d) => /^(SCAN|SEARCH) (e|escalation)\b/.test(d));
      expect(tableSteps.length).toBeGreaterThan(0);
      for (const step of tableSteps) expect(step, plan.join(' / ')).toMatch(/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/);
    }
  });
});
