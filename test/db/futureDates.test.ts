// Nothing that has happened is dated after today (issue 16, item 2): each front door's write is
// refused by the service with the field named in plain words, and nothing is saved. Today is the
// desk's clock: Monday 23 November 2026. A panel planned for a later date stays planned.
import { afterEach, describe, expect, it } from 'vitest';
import { logEscalation, seatBoard, seedBoard, escalateToTop } from '../support/boardFixture';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';
import { onLatest } from '../support/latest';

let desk: TestDesk;
afterEach(() => desk.cleanup());
const TOMORROW = '2026-11-24';

function start() {
  desk = openTestDesk({ now: () => new Date('2026-11-23T10:00:00Z') });
  const board = seedBoard(desk, 'bromley');
  return { board, officers: seatBoard(desk, board) };
}

/** The refusal: the sentence says the date is after today, and the one problem names the field. */
function refusedAsFuture(result: { ok: boolean }, where: string) {
  expect(result).toMatchObject({
    ok: false,
    error: {
      message: expect.stringMatching(/is dated 24 Nov 2026, after today \(23 Nov 2026\): it cannot be in the future\.$/),
      problems: [{ where, message: 'Cannot be in the future' }],
    },
  });
}

describe('dates after today', () => {
  it('are refused for a stage move, a notification, an outcome, a withdrawal, a sign-off and an action done', () => {
    const { board } = start();
    const e = logEscalation(desk, board, { openedOn: '2026-11-16', childStatus: 'child_protection_plan' });
    refusedAsFuture(
      onLatest(desk, 'escalations:escalate', { escalationId: e.id, toStage: 2, on: TOMORROW, reason: 'Not resolved' }),
      'Date moved',
    );
    refusedAsFuture(
      onLatest(desk, 'escalations:recordNotification', {
        notificationId: e.notifications[0]!.id,
        madeOn: TOMORROW,
        madeBy: 'Coordinator',
        method: 'email',
      }),
      'Told on',
    );
    const outcome = { escalationId: e.id, statement: 'Agreed.', effect: 'upheld' as const, agreedBy: 'Both agencies' };
    refusedAsFuture(onLatest(desk, 'escalations:resolve', { ...outcome, resolvedOn: TOMORROW }), 'Resolved on');
    refusedAsFuture(
      onLatest(desk, 'escalations:withdraw', { escalationId: e.id, on: TOMORROW, reason: 'Raised in error' }),
      'Withdrawn on',
    );
    const stored = ok(desk.call('escalations:get', { escalationId: e.id }));
    expect(stored).toMatchObject({ status: 'open', currentStage: { number: 1 }, notifications: [{ madeOn: null }] });
    expect(stored.timeline).toHaveLength(1);

    const resolved = ok(
      onLatest(desk, 'escalations:resolve', {
        ...outcome,
        resolvedOn: '2026-11-20',
        actions: [{ description: 'Strategy discussion', owner: 'Team manager', dueOn: '2026-12-04' }],
      }),
    );
    // An action may be due later; it cannot have been done later.
    refusedAsFuture(
      onLatest(desk, 'escalations:actionDone', { actionId: resolved.actions[0]!.id, doneOn: TOMORROW }),
      'Date used for “Mark done”',
    );
    refusedAsFuture(
      onLatest(desk, 'escalations:close', {
        escalationId: e.id,
        on: TOMORROW,
        chairName: 'Independent chair',
        how: 'meeting',
        openActionsNoted: true,
      }),
      'Signed off on',
    );
    expect(ok(desk.call('escalations:get', { escalationId: e.id }))).toMatchObject({ status: 'resolved', actions: [{ doneOn: null }] });
    // Today itself is allowed.
    expect(
      ok(
        onLatest(desk, 'escalations:close', {
          escalationId: e.id,
          on: '2026-11-23',
          chairName: 'Independent chair',
          how: 'meeting',
          openActionsNoted: true,
        }),
      ).status,
    ).toBe('closed');
  });

  it('are refused for the chair’s decision, a representation and a panel’s decision; a panel sitting later stays planned', () => {
    const { board, officers } = start();
    const e = escalateToTop(desk, logEscalation(desk, board, { openedOn: '2026-11-02' }), '2026-11-16');
    const decision = { escalationId: e.id, route: 'resolution_panel' as const, reasons: 'Deadlock', decidedBy: 'Independent chair' };
    refusedAsFuture(onLatest(desk, 'chair:decide', { ...decision, decidedOn: TOMORROW }), 'Date decided');
    ok(onLatest(desk, 'chair:decide', { ...decision, decidedOn: '2026-11-18' }));

    // A panel may be planned for a later date: it is planned, and hears nothing and decides nothing before it sits.
    const seats = [
      { agencyId: board.school, officerId: officers.school },
      { agencyId: board.police, officerId: officers.police },
      { agencyId: board.council, officerId: officers.council },
    ];
    const panel = ok(onLatest(desk, 'panels:save', { escalationId: e.id, sitsOn: '2026-11-27', chairName: 'Independent chair', seats }));
    expect(panel.checks.valid).toBe(true);
    refusedAsFuture(
      onLatest(desk, 'panels:addRepresentation', {
        panelId: panel.id,
        fromAgencyId: board.school,
        fromPerson: 'Designated safeguarding lead',
        receivedOn: TOMORROW,
        summary: 'The child needs a plan now.',
      }),
      'Date received',
    );
    const decide = onLatest(desk, 'panels:recordDecision', {
      panelId: panel.id,
      decidedOn: '2026-11-27',
      decision: 'A plan is needed.',
      statement: 'Council to convene a strategy discussion.',
      effect: 'changed',
      agreedBy: 'All three agencies',
    });
    expect(decide).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(/The panel’s decision is dated 27 Nov 2026, after today/),
        problems: [{ where: 'Date decided' }],
      },
    });
    expect(ok(desk.call('panels:get', { panelId: panel.id }))).toMatchObject({ status: 'planned', decidedOn: null, representations: [] });
    expect(ok(desk.call('panels:list', {}))).toEqual([expect.objectContaining({ id: panel.id, status: 'planned', upcoming: true })]);
    expect(ok(desk.call('escalations:get', { escalationId: e.id })).status).toBe('open');
  });
});
