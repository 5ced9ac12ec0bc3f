// Round trip: a template filled in as an agency would, imported, changes the learning hub's
// dashboard by exactly those rows, counted as agency-internal and told apart from board cases.
import { afterAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../shared/domain/dashboard';
import { logEscalation, seedBoard } from '../support/boardFixture';
import { ok, openTestDesk } from '../support/tempStore';
import { NOW, day, fillReturn, importReturn, makeTemplate } from '../support/workbooks';

const desk = openTestDesk({ now: () => NOW });
afterAll(() => desk.cleanup());

describe('an imported agency return on the dashboard', () => {
  it('adds exactly its rows, as agency-internal escalations of that agency and quarter', async () => {
    const board = seedBoard(desk, 'bromley');
    logEscalation(desk, board, { reference: 'CS-0001', openedOn: '2026-07-10' });
    const before = ok(desk.call('dashboard:quarter', { quarter: '2026-Q2' }));
    const headline = (d: Dashboard, figure: string) => d.headlines.find((h) => h.figure === figure)!.value;

    const template = await makeTemplate(desk, board.school, 'school.xlsx');
    const rows = [
      {
        reference: 'HPS-1',
        challenged: 'Bristol City Council',
        category: 'Level of need or threshold',
        raised: day(2026, 7, 15),
        stage: '2 - Escalate to line manager',
        outcome: 'Original decision upheld',
        resolved: day(2026, 7, 30),
        chair: 'No',
        meeting: 'Yes',
      },
      {
        reference: 'HPS-2',
        challenged: 'Avon and Somerset Police',
        category: 'Nature and severity of risk',
        raised: day(2026, 8, 3),
        stage: '1 - Discuss with the other worker',
        outcome: 'Still open',
      },
      {
        reference: 'HPS-3',
        challenged: 'Bristol City Council',
        category: 'Level of need or threshold',
        raised: day(2026, 9, 30),
        stage: '4 - Resolution by BSCP Chair',
        outcome: 'Original decision changed',
        resolved: day(2026, 9, 30),
        chair: 'Yes',
        panel: 'Yes',
      },
    ];
    const imported = await importReturn(desk, 'school-q2.xlsx', await fillReturn(template, { rows }));
    expect(imported).toMatchObject({ ok: true, summary: { rows: 3, nilReturn: false } });

    const after = ok(desk.call('dashboard:quarter', { quarter: '2026-Q2' }));
    expect(headline(after, 'new')).toEqual({
      board: headline(before, 'new').board,
      agencyInternal: 3,
      total: headline(before, 'new').total + 3,
    });
    expect(headline(after, 'resolved').agencyInternal).toBe(2);
    expect(headline(after, 'open_at_end').agencyInternal).toBe(1);
    const raisedBySchool = (d: Dashboard) =>
      d.byRaisingAgency.find((r) => r.agencyId === board.school)?.count ?? { board: 0, agencyInternal: 0, total: 0 };
    expect(raisedBySchool(after).agencyInternal - raisedBySchool(before).agencyInternal).toBe(3);
    const schoolToCouncil = (d: Dashboard) =>
      d.pairs.find((p) => p.raisingAgencyId === board.school && p.challengedAgencyId === board.council)?.count ?? 0;
    expect(schoolToCouncil(after) - schoolToCouncil(before)).toBe(2);
    expect(after.outcomes.find((o) => o.effect === 'changed')!.count.agencyInternal).toBe(1);
    expect(after.chair.agencyInternal).toEqual({ chairInvolved: 1, meetingsHeld: 1, panelsConvened: 1 });
    expect(after.returns.find((r) => r.agencyId === board.school)).toMatchObject({ status: 'returned', rows: 3 });
    // Agency-internal cases are outlines: they do not raise immediate-risk breaches or deadlines.
    expect(headline(after, 'overdue_at_end')).toEqual(headline(before, 'overdue_at_end'));
    // And another quarter is untouched.
    expect(headline(ok(desk.call('dashboard:quarter', { quarter: '2026-Q3' })), 'new').agencyInternal).toBe(0);
  });
});
