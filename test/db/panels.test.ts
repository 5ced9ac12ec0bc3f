import { afterEach, describe, expect, it } from 'vitest';
import { logEscalation, seatBoard, seedBoard, type Board } from '../support/boardFixture';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';
import { onLatest } from '../support/latest';

let desk: TestDesk;
afterEach(() => desk.cleanup());

function referredCase(profile: 'bromley' | 'torbay' | 'birmingham') {
  desk = openTestDesk({ now: () => new Date('2026-11-23T10:00:00Z') });
  const board: Board = seedBoard(desk, profile);
  const officers = seatBoard(desk, board);
  const e = logEscalation(desk, board, { openedOn: '2026-11-02' });
  let detail = e;
  while (detail.nextStages.length > 0) {
    detail = ok(
      onLatest(desk, 'escalations:escalate', {
        escalationId: e.id,
        toStage: detail.nextStages[0]!.number,
        on: '2026-11-16',
        reason: 'Not resolved',
      }),
    );
  }
  return { board, officers, escalation: detail };
}

describe('the chair’s decision', () => {
  it('is recorded on a case at the board stage and shows on its timeline', () => {
    const { escalation } = referredCase('bromley');
    const decided = ok(
      onLatest(desk, 'chair:decide', {
        escalationId: escalation.id,
        route: 'resolution_panel',
        decidedOn: '2026-11-18',
        reasons: 'Senior managers could not agree.',
        decidedBy: 'Independent chair',
      }),
    );
    expect(decided.timeline.at(-1)).toMatchObject({
      title: 'Chair’s decision: Convene a resolution panel',
      detail: 'On 18 Nov 2026 by Independent chair: Senior managers could not agree.',
    });
  });

  it('is refused before the case reaches the board stage, and for a route the policy does not have', () => {
    desk = openTestDesk({ now: () => new Date('2026-11-23T10:00:00Z') });
    const board = seedBoard(desk, 'bromley');
    const early = logEscalation(desk, board);
    const result = onLatest(desk, 'chair:decide', {
      escalationId: early.id,
      route: 'resolve_directly',
      decidedOn: '2026-11-18',
      reasons: 'x',
      decidedBy: 'Chair',
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(/is at stage 1 \(Discuss with the other worker\); the chair decides once it reaches stage 4/),
      },
    });
    desk.cleanup();
    const { escalation } = referredCase('bromley');
    expect(
      onLatest(desk, 'chair:decide', {
        escalationId: escalation.id,
        route: 'uninvolved_chair_meeting',
        decidedOn: '2026-11-18',
        reasons: 'x',
        decidedBy: 'Chair',
      }),
    ).toMatchObject({ ok: false });
  });
});

describe('resolution panels', () => {
  it('plans a panel whose checks fail and then pass, hears a representation, decides and resolves the case', () => {
    const { board, officers, escalation } = referredCase('bromley');
    expect(
      onLatest(desk, 'panels:save', { escalationId: escalation.id, sitsOn: '2026-11-20', chairName: 'Independent chair', seats: [] }),
    ).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Record the chair’s decision/) } });
    ok(
      onLatest(desk, 'chair:decide', {
        escalationId: escalation.id,
        route: 'resolution_panel',
        decidedOn: '2026-11-18',
        reasons: 'Deadlock',
        decidedBy: 'Independent chair',
      }),
    );

    const options = ok(desk.call('panels:options', { escalationId: escalation.id, sitsOn: '2026-11-20' }));
    expect(options.seatCount).toBe(3);
    expect(options.disputing.map((d) => d.name).sort()).toEqual(['Bristol City Council', 'Hollyfield Primary School']);

    const twoSeats = [
      { agencyId: board.school, officerId: officers.school },
      { agencyId: board.police, officerId: officers.police },
    ];
    const failing = ok(
      desk.call('panels:check', { escalationId: escalation.id, sitsOn: '2026-11-20', chairName: 'Independent chair', seats: twoSeats }),
    );
    expect(failing.valid).toBe(false);
    expect(failing.checks.find((c) => c.number === 1)!.status).toBe('fail');
    expect(failing.checks.find((c) => c.number === 3)!.messages.join(' ')).toMatch(/Bristol City Council/);

    const suggestion = ok(
      desk.call('panels:suggest', { escalationId: escalation.id, sitsOn: '2026-11-20', chairName: 'Independent chair', seats: [] }),
    );
    expect(suggestion.compositions.length).toBeGreaterThan(0);
    expect(suggestion.compositions[0]!.map((s) => s.agencyName)).toEqual(
      expect.arrayContaining(['Hollyfield Primary School', 'Bristol City Council']),
    );

    const seats = [...twoSeats, { agencyId: board.council, officerId: officers.council }];
    const saved = ok(
      onLatest(desk, 'panels:save', { escalationId: escalation.id, sitsOn: '2026-11-20', chairName: 'Independent chair', seats }),
    );
    expect(saved.checks.valid).toBe(true);
    ok(
      onLatest(desk, 'panels:addRepresentation', {
        panelId: saved.id,
        fromAgencyId: board.school,
        fromPerson: 'Designated safeguarding lead',
        receivedOn: '2026-11-19',
        summary: 'The child needs a plan now.',
      }),
    );
    const listed = ok(desk.call('panels:list', {}));
    expect(listed).toEqual([expect.objectContaining({ id: saved.id, valid: true, status: 'planned' })]);

    const pack = ok(desk.call('panels:pack', { panelId: saved.id }));
    expect(pack.sections.map((s) => s.heading)).toEqual([
      'Case summary',
      'History',
      'The chair’s decision',
      'Representations received',
      'Composition',
      'Checks',
      'The panel’s decision',
    ]);
    expect(pack.sections[3]!.lines[0]).toBe(
      '19 Nov 2026, Designated safeguarding lead (Hollyfield Primary School): The child needs a plan now.',
    );
    // Before the panel sits: the decision's headings, empty, to complete at the meeting.
    expect(pack.sections.at(-1)).toEqual({
      heading: 'The panel’s decision',
      lines: ['Not yet decided: complete at the meeting.'],
      toComplete: expect.arrayContaining(['Date decided', 'The panel’s decision', 'Written statement of outcome']),
    });

    const resolved = ok(
      onLatest(desk, 'panels:recordDecision', {
        panelId: saved.id,
        decidedOn: '2026-11-20',
        decision: 'A plan is needed.',
        statement: 'Council to convene a strategy discussion.',
        effect: 'changed',
        agreedBy: 'All three agencies',
      }),
    );
    expect(resolved).toMatchObject({ status: 'resolved', outcome: { effect: 'changed' } });
    // Once decided, the pack carries the decision as recorded, and nothing left to fill in.
    expect(ok(desk.call('panels:pack', { panelId: saved.id })).sections.at(-1)).toEqual({
      heading: 'The panel’s decision',
      lines: [
        'Decided on 20 Nov 2026: A plan is needed.',
        'Outcome: Original decision changed.',
        'Written statement of outcome: Council to convene a strategy discussion.',
        'Agreed by: All three agencies',
      ],
    });
    expect(resolved.timeline.map((t) => t.title)).toEqual(
      expect.arrayContaining(['Panel decision recorded', 'Resolved: Original decision changed']),
    );
    expect(
      onLatest(desk, 'panels:save', { panelId: saved.id, escalationId: escalation.id, sitsOn: '2026-11-21', chairName: 'X', seats }),
    ).toMatchObject({ ok: false });
  });

  it('refuses to record a decision while the panel fails its checks, and changes nothing', () => {
    const { board, officers, escalation } = referredCase('bromley');
    ok(
      onLatest(desk, 'chair:decide', {
        escalationId: escalation.id,
        route: 'resolution_panel',
        decidedOn: '2026-11-18',
        reasons: 'Deadlock',
        decidedBy: 'Chair',
      }),
    );
    const saved = ok(
      onLatest(desk, 'panels:save', {
        escalationId: escalation.id,
        sitsOn: '2026-11-20',
        chairName: 'Chair',
        seats: [{ agencyId: board.police, officerId: officers.police }],
      }),
    );
    expect(saved.checks.valid).toBe(false);
    const result = onLatest(desk, 'panels:recordDecision', {
      panelId: saved.id,
      decidedOn: '2026-11-20',
      decision: 'x',
      statement: 'y',
      effect: 'upheld',
      agreedBy: 'z',
    });
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/does not yet pass its checks/) } });
    expect(ok(desk.call('escalations:get', { escalationId: escalation.id })).status).toBe('open');
    expect(ok(desk.call('panels:get', { panelId: saved.id })).status).toBe('planned');
  });
});

describe('panel edge cases the planner relies on', () => {
  it('counts an agency retiring after the panel date as a board member, refuses a second planned panel, and judges a held panel on its own date', () => {
    const { board, officers, escalation } = referredCase('bromley');
    ok(onLatest(desk, 'agencies:retire', { agencyId: board.police, retiredOn: '2026-12-31' }));
    const options = ok(desk.call('panels:options', { escalationId: escalation.id, sitsOn: '2026-11-20' }));
    expect(options.agencies.find((a) => a.id === board.police)!.boardMember).toBe(true);

    ok(
      onLatest(desk, 'chair:decide', {
        escalationId: escalation.id,
        route: 'resolution_panel',
        decidedOn: '2026-11-18',
        reasons: 'Deadlock',
        decidedBy: 'Chair',
      }),
    );
    const seats = [
      { agencyId: board.school, officerId: officers.school },
      { agencyId: board.council, officerId: officers.council },
      { agencyId: board.police, officerId: officers.police },
    ];
    const panel = ok(onLatest(desk, 'panels:save', { escalationId: escalation.id, sitsOn: '2026-11-20', chairName: 'Chair', seats }));
    expect(onLatest(desk, 'panels:save', { escalationId: escalation.id, sitsOn: '2026-11-27', chairName: 'Chair', seats })).toMatchObject({
      ok: false,
      error: { message: 'CS-1001 already has a panel planned for 20 Nov 2026: open that panel to change it, or cancel it first.' },
    });
    ok(
      onLatest(desk, 'panels:recordDecision', {
        panelId: panel.id,
        decidedOn: '2026-11-20',
        decision: 'Plan needed',
        statement: 'Strategy discussion',
        effect: 'changed',
        agreedBy: 'All',
      }),
    );
    const held = ok(desk.call('panels:get', { panelId: panel.id }));
    expect(held.checks.checks.find((c) => c.number === 6)!.messages.join(' ')).not.toMatch(/date has passed/);
  });
});
