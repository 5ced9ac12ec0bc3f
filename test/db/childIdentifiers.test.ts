// The child-identifier check through the dispatcher: every free-text field of every channel that
// stores text about a case (shared/caseText.ts), lower case included, and a single given name.
import { afterEach, describe, expect, it } from 'vitest';
import { logEscalation, seatBoard, seedBoard, type Board } from '../support/boardFixture';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';
import { dbFingerprint } from '../support/dbFingerprint';
import { onLatest } from '../support/latest';

let desk: TestDesk;
afterEach(() => desk.cleanup());
function start(): Board {
  desk = openTestDesk({ now: () => new Date('2026-11-23T10:00:00Z') });
  return seedBoard(desk, 'bromley');
}
const problemsOf = (result: ReturnType<TestDesk['dispatch']>) => {
  expect(result.ok).toBe(false);
  if (result.ok) return [];
  expect(result.error.message).toMatch(/may contain a child’s name/);
  return result.error.problems;
};
const create = (board: Board, overrides: Record<string, unknown>) =>
  desk.call('escalations:create', {
    reference: 'CS-2001',
    childInitials: 'JO',
    raisingAgencyId: board.school,
    raisingWorkerRole: 'Designated safeguarding lead',
    challengedAgencyIds: [board.council],
    categoryId: board.categoryId,
    childStatus: 'child_in_need',
    summary: 'The school disagrees with the threshold decision.',
    openedOn: '2026-11-16',
    immediateRisk: false,
    ...overrides,
  });

describe('the child-identifier check, through the dispatcher', () => {
  it('catches a full name written in lower case, and saves nothing', () => {
    const board = start();
    const before = dbFingerprint(desk.store.file);
    expect(problemsOf(create(board, { summary: 'concern about jayden okafor at home' }))).toEqual([
      { where: 'What the disagreement is about', message: '“jayden okafor” looks like a person’s full name' },
    ]);
    expect(dbFingerprint(desk.store.file)).toEqual(before);
  });

  it('catches a single given name, capitalised or not', () => {
    const board = start();
    expect(problemsOf(create(board, { summary: 'Jayden was not seen at school for a week.' }))).toEqual([
      { where: 'What the disagreement is about', message: '“Jayden” looks like a given name' },
    ]);
    expect(problemsOf(create(board, { summary: 'the school says amelia was not seen for a week.' }))).toEqual([
      { where: 'What the disagreement is about', message: '“amelia” looks like a given name' },
    ]);
  });

  it('checks the raising worker’s role, on logging and on correction', () => {
    const board = start();
    expect(problemsOf(create(board, { raisingWorkerRole: 'Social worker for Jayden' }))).toEqual([
      { where: 'Raising worker’s role', message: '“Jayden” looks like a given name' },
    ]);
    const e = logEscalation(desk, board);
    expect(
      problemsOf(
        onLatest(desk, 'escalations:correct', {
          escalationId: e.id,
          field: 'raisingWorkerRole',
          value: 'Key worker to mia',
          reason: 'Role was wrong',
        }),
      ),
    ).toEqual([{ where: 'Raising worker’s role', message: '“mia” looks like a given name' }]);
  });

  it('checks every other free-text field of a case: reasons, discussions, representations, panels, themes', () => {
    const board = start();
    const officers = seatBoard(desk, board);
    const e = logEscalation(desk, board, { openedOn: '2026-11-02' });
    expect(
      problemsOf(
        onLatest(desk, 'escalations:escalate', {
          escalationId: e.id,
          toStage: 2,
          on: '2026-11-09',
          reason: 'Leo’s mother refused the visit',
        }),
      )[0]!.where,
    ).toBe('Why it is moving up');
    expect(
      problemsOf(
        onLatest(desk, 'escalations:recordStage', { escalationId: e.id, discussion: 'olivia was not seen', participants: 'School DSL' }),
      )[0]!.where,
    ).toBe('Discussion');
    expect(
      problemsOf(
        onLatest(desk, 'escalations:withdraw', { escalationId: e.id, on: '2026-11-20', reason: 'Family moved with Noah to another area' }),
      )[0]!.where,
    ).toBe('Why it was withdrawn');
    expect(problemsOf(onLatest(desk, 'themes:add', { name: 'Isla and neglect' }))[0]!.where).toBe('Learning theme');
    for (const stage of [2, 3, 4])
      ok(
        onLatest(desk, 'escalations:escalate', {
          escalationId: e.id,
          toStage: stage,
          on: '2026-11-16',
          reason: 'Not resolved at this stage',
        }),
      );
    expect(
      problemsOf(
        onLatest(desk, 'chair:decide', {
          escalationId: e.id,
          route: 'resolution_panel',
          decidedOn: '2026-11-18',
          reasons: 'Deadlock over freddie',
          decidedBy: 'Independent chair',
        }),
      )[0]!.where,
    ).toBe('Reasons');
    ok(
      onLatest(desk, 'chair:decide', {
        escalationId: e.id,
        route: 'resolution_panel',
        decidedOn: '2026-11-18',
        reasons: 'Deadlock between the agencies',
        decidedBy: 'Independent chair',
      }),
    );
    const seats = (['police', 'school', 'council'] as const).map((k) => ({ agencyId: board[k], officerId: officers[k] }));
    const panel = ok(onLatest(desk, 'panels:save', { escalationId: e.id, sitsOn: '2026-11-20', chairName: 'Dana Whitfield', seats }));
    expect(
      problemsOf(
        onLatest(desk, 'panels:addRepresentation', {
          panelId: panel.id,
          fromPerson: 'School DSL',
          receivedOn: '2026-11-19',
          summary: 'Ava is frightened at home',
        }),
      )[0]!.where,
    ).toBe('What they said');
    expect(problemsOf(onLatest(desk, 'panels:cancel', { panelId: panel.id, reason: 'Child Poppy moved away' }))[0]!.where).toBe(
      'Why the panel is cancelled',
    );
  });

  it('passes over agencies, officers and accounts the board knows, ordinary words and initials, and accepts a name once confirmed', () => {
    const board = start();
    seatBoard(desk, board);
    const e = logEscalation(desk, board, {
      summary: 'Hollyfield Primary School will chase Bristol City Council about the plan for child JO on 12 Jan.',
    });
    ok(
      onLatest(desk, 'escalations:recordStage', {
        escalationId: e.id,
        discussion: 'Dana Whitfield and Priya Shah met; dana will grace the strategy meeting.',
        decision: 'Helen Marsh to review.',
        participants: 'Tom Okoro; Helen Marsh',
      }),
    );
    const confirmed = ok(
      onLatest(desk, 'escalations:escalate', {
        escalationId: e.id,
        toStage: 2,
        on: '2026-11-20',
        reason: 'Spoke to Sarah at the health visiting team',
        confirmedNoChildName: true,
      }),
    );
    expect(confirmed.currentStage!.number).toBe(2);
  });
});
