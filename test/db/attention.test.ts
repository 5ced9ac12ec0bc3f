// Nothing needing attention is invisible (issue 16, item 5): Deadlines lists what is due today and
// later this week, and every open case at a stage with no timescale with how long it has sat there;
// the learning hub's cases in and out balance. Today is Monday 23 November 2026.
import { afterEach, describe, expect, it } from 'vitest';
import { chooseProfile, logEscalation, seedBoard } from '../support/boardFixture';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';
import { onLatest } from '../support/latest';
import { fullScans, planOf, recordStatements } from '../support/queryPlans';

let desk: TestDesk;
afterEach(() => desk.cleanup());

describe('Deadlines', () => {
  it('lists stages due today and later this week, and cases at a stage with no timescale with the working days they have sat', () => {
    desk = openTestDesk({ now: () => new Date('2026-11-23T10:00:00Z') });
    const board = seedBoard(desk, 'bromley');
    logEscalation(desk, board, { reference: 'DUE-TODAY', openedOn: '2026-11-16' }); // 5 working days: due Mon 23
    logEscalation(desk, board, { reference: 'DUE-WED', openedOn: '2026-11-18' }); // due Wed 25
    logEscalation(desk, board, { reference: 'DUE-FRI', openedOn: '2026-11-20' }); // due Fri 27
    logEscalation(desk, board, { reference: 'DUE-NEXT', openedOn: '2026-11-23' }); // due Mon 30: next week
    chooseProfile(desk, 'torbay');
    // Torbay's pre-escalation stage has no timescale: never due, never overdue, until now never listed.
    const waiting = logEscalation(desk, board, { reference: 'PRE-1', openedOn: '2026-11-09' });
    expect(waiting.currentStage).toMatchObject({ number: 0, dueOn: null, state: 'no_timescale' });
    logEscalation(desk, board, { reference: 'PRE-2', openedOn: '2026-11-20' });
    const moved = logEscalation(desk, board, { reference: 'PRE-3', openedOn: '2026-11-02' });
    ok(
      onLatest(desk, 'escalations:escalate', {
        escalationId: moved.id,
        toStage: 1,
        on: '2026-11-19',
        reason: 'Supervisor could not settle it',
      }),
    );

    const d = ok(desk.call('escalations:overdue', {}));
    expect(d.dueToday.map((r) => r.reference)).toEqual(['DUE-TODAY']);
    expect(d.dueThisWeek.map((r) => [r.reference, r.dueOn, r.workingDaysLeft])).toEqual(
      [
        ['DUE-WED', '2026-11-25', 2],
        ['DUE-FRI', '2026-11-27', 4],
        // PRE-3 moved up to stage 1 on Thursday 19 November: 5 working days, due Thursday 26.
        ['PRE-3', '2026-11-26', 3],
      ].sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    );
    expect(d.noTimescale.map((r) => [r.reference, r.stageNumber, r.stageStartedOn, r.workingDaysAtStage])).toEqual([
      ['PRE-1', 0, '2026-11-09', 10],
      ['PRE-2', 0, '2026-11-20', 1],
    ]);
    expect(d.overdue).toEqual([]);
  });

  it('names each case’s agencies and category as the register does, several agencies challenged in the order of their ids', () => {
    desk = openTestDesk({ now: () => new Date('2026-11-23T10:00:00Z') });
    const board = seedBoard(desk, 'bromley');
    // Given council first: listed in id order all the same (police was added to the directory first).
    logEscalation(desk, board, { reference: 'DUE-TODAY', openedOn: '2026-11-16', challengedAgencyIds: [board.council, board.police] });
    logEscalation(desk, board, { reference: 'LATE-1', openedOn: '2026-11-02', raisingAgencyId: board.health });
    const d = ok(desk.call('escalations:overdue', {}));
    const register = ok(desk.call('escalations:list', { limit: 10 })).rows;
    const listed = [...d.dueToday, ...d.overdue];
    expect(listed.map((r) => [r.reference, r.raisingAgency, r.challengedAgencies, r.category])).toEqual([
      ['DUE-TODAY', 'Hollyfield Primary School', 'Avon and Somerset Police, Bristol City Council', board.settings.categories[0]!.name],
      ['LATE-1', 'Sirona Care and Health', 'Bristol City Council', board.settings.categories[0]!.name],
    ]);
    for (const row of listed) expect(row).toMatchObject(register.find((r) => r.id === row.id)!);
  });

  it('reads each attention list from the index of open cases by due date alone, with nothing to sort', () => {
    desk = openTestDesk({ now: () => new Date('2026-11-23T10:00:00Z') });
    seedBoard(desk, 'torbay');
    const { statements } = recordStatements(desk.store.reader, () => ok(desk.call('escalations:overdue', {})));
    const lists = statements.filter((s) => /current_due_on (=|>|IS NULL)/.test(s.sql));
    expect(lists).toHaveLength(3);
    for (const s of lists) {
      const plan = planOf(desk.store.reader, s);
      const where = `${s.sql}\n${plan.join('\n')}`;
      expect(plan[0], where).toMatch(/^SEARCH e USING COVERING INDEX escalation_open_by_due \(current_due_on/);
      expect(fullScans(plan), where).toEqual([]);
      expect(
        plan.filter((p) => /TEMP B-TREE/.test(p)),
        where,
      ).toEqual([]);
    }
  });
});

describe('the learning hub’s cases in and out', () => {
  it('balances: carried over + new − resolved − withdrawn = still open, each from its own figure', () => {
    desk = openTestDesk({ now: () => new Date('2026-11-23T10:00:00Z') });
    const board = seedBoard(desk, 'bromley');
    const log = (reference: string, openedOn: string) => logEscalation(desk, board, { reference, openedOn });
    const resolve = (id: number, resolvedOn: string) =>
      ok(onLatest(desk, 'escalations:resolve', { escalationId: id, resolvedOn, statement: 'Agreed.', effect: 'upheld', agreedBy: 'Both' }));
    const withdraw = (id: number, on: string) =>
      ok(onLatest(desk, 'escalations:withdraw', { escalationId: id, on, reason: 'Raised in error' }));
    // Carried into Q3 (October to December): three opened in Q2 and still open on 1 October.
    log('C-1', '2026-09-01');
    resolve(log('C-2', '2026-09-10').id, '2026-10-05');
    withdraw(log('C-3', '2026-09-20').id, '2026-10-12');
    resolve(log('GONE', '2026-08-03').id, '2026-09-30'); // ended in Q2: not carried over
    // New in Q3.
    log('N-1', '2026-10-01');
    withdraw(log('N-2', '2026-10-14').id, '2026-11-02');
    withdraw(log('N-3', '2026-11-02').id, '2026-11-03');
    resolve(log('N-4', '2026-11-09').id, '2026-11-11');

    const d = ok(desk.call('dashboard:quarter', { quarter: '2026-Q3' }));
    expect(d.flow).toEqual({ carriedOver: 3, new: 4, resolved: 2, withdrawn: 3, openAtEnd: 2, reconciles: true });
    expect(d.headlines.map((h) => h.figure)).toContain('withdrawn');
    expect(d.headlines.find((h) => h.figure === 'withdrawn')!.value.total).toBe(3);
    for (const quarter of ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']) {
      const f = ok(desk.call('dashboard:quarter', { quarter })).flow;
      expect(f.carriedOver + f.new - f.resolved - f.withdrawn, quarter).toBe(f.openAtEnd);
      expect(f.reconciles, quarter).toBe(true);
    }
  });
});
