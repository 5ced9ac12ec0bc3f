// The top of the case page (issue 16, item 7): where a case stands, what it is owed and which
// actions each role is offered, worked out from cases made through the real services on a real
// SQLite file, so the words can only say what the record holds.
import { afterEach, describe, expect, it } from 'vitest';
import { roleMayCall } from '../../shared/domain/access';
import type { Role } from '../../shared/domain/accounts';
import type { EscalationDetail } from '../../shared/domain/escalation';
import { actionsFor, CASE_ACTIONS } from '../../renderer/src/features/escalations/caseActions';
import { caseStanding } from '../../renderer/src/features/escalations/caseStanding';
import { escalateToTop, logEscalation, seedBoard, type Board } from '../support/boardFixture';
import { onLatest } from '../support/latest';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';

let desk: TestDesk | undefined;
afterEach(() => {
  desk?.cleanup();
  desk = undefined;
});

function board(profile = 'bristol'): { d: TestDesk; b: Board } {
  desk = openTestDesk({ now: () => new Date('2026-11-23T10:00:00Z') });
  return { d: desk, b: seedBoard(desk, profile) };
}

/** Torbay's pre-escalation has no timescale: one move up puts the case at a stage with a due date. */
const upOne = (d: TestDesk, e: EscalationDetail, on: string) =>
  ok(onLatest(d, 'escalations:escalate', { escalationId: e.id, toStage: e.nextStages[0]!.number, on, reason: 'Not resolved' }));

const offeredTo = (role: Role, e: EscalationDetail) => actionsFor(e, (channel) => roleMayCall(role, channel));

describe('where a case stands and what comes next', () => {
  it('a stage with no timescale says so and when it started', () => {
    const { d, b } = board();
    const e = logEscalation(d, b, { openedOn: '2026-11-20' });
    expect(caseStanding(e).where).toContain(
      `Stage ${e.currentStage!.number}, ${e.currentStage!.name}, has no timescale; it started on 20 Nov 2026.`,
    );
  });

  it('a case at a timed stage: its stage and due date, nothing recorded yet, so recording the discussion comes first', () => {
    const { d, b } = board('torbay');
    const e = upOne(d, logEscalation(d, b, { openedOn: '2026-11-20' }), '2026-11-20');
    const s = caseStanding(e);
    expect(e.currentStage?.dueOn).not.toBeNull();
    expect(s.where).toContain(`Stage ${e.currentStage!.number}, ${e.currentStage!.name}, is due on`);
    expect(s.where).toContain('Nothing has been recorded of this stage’s discussion yet.');
    expect(s.suggested).toBe('record-stage');
    expect(offeredTo('coordinator', e)).toEqual(['record-stage', 'escalate', 'resolve', 'withdraw', 'correct', 'redact']);
    // The chair and the learning hub read the case; none of these actions is theirs below the board.
    expect(offeredTo('chair', e)).toEqual([]);
    expect(offeredTo('learning_hub', e)).toEqual([]);
  });

  it('a late stage with its discussion recorded: late in working days, and moving up is suggested', () => {
    const { d, b } = board('torbay');
    const logged = upOne(d, logEscalation(d, b, { openedOn: '2026-09-01' }), '2026-09-02');
    const e = ok(
      onLatest(d, 'escalations:recordStage', {
        escalationId: logged.id,
        discussion: 'Spoke to the team manager.',
        decision: 'No change.',
        participants: '',
        people: [],
      }),
    );
    expect(e.currentStage?.state).toBe('overdue');
    const s = caseStanding(e);
    expect(s.where).toMatch(/^Stage 1, Professional, was due on 9 Sept 2026: \d+ working days late\.$/);
    expect(s.where).not.toContain('Nothing has been recorded');
    expect(s.suggested).toBe('escalate');
  });

  it('an immediate-risk case with no referral owes the referral, and says so first', () => {
    const { d, b } = board();
    const e = logEscalation(d, b, { immediateRisk: true, referral: null, openedOn: '2026-11-20' });
    const s = caseStanding(e);
    expect(s.owed[0]).toMatchObject({ section: 'breaches' });
    expect(s.owed[0]!.text).toMatch(/^Breach: .*referral/);
  });

  it('at the board the chair’s decision is the next thing, offered to the chair and to no one else', () => {
    const { d, b } = board();
    const e = escalateToTop(d, logEscalation(d, b, { openedOn: '2026-11-20' }), '2026-11-23');
    const s = caseStanding(e);
    expect(s.where).toContain('The independent chair decides how it is resolved.');
    expect(s.suggested).toBe('decide');
    expect(offeredTo('chair', e)).toEqual(['decide']);
    expect(offeredTo('coordinator', e)).not.toContain('decide');
    expect(offeredTo('coordinator', e)).not.toContain('escalate');
    expect(CASE_ACTIONS.escalate.notNow(e)).toMatch(/last stage of .*: the chair decides from here\./);
  });

  it('a resolved case owes the chair’s sign-off and its open actions, and no stage action applies', () => {
    const { d, b } = board();
    const logged = logEscalation(d, b, { openedOn: '2026-11-16' });
    const e = ok(
      onLatest(d, 'escalations:resolve', {
        escalationId: logged.id,
        resolvedOn: '2026-11-20',
        statement: 'Social care will reassess within 10 working days.',
        effect: 'changed',
        agreedBy: 'Hollyfield Primary School and Bristol City Council',
        actions: [{ description: 'Reassess', owner: 'CSC team manager', dueOn: '2026-12-04' }],
        themeIds: [],
        policyGap: false,
        policyGapNote: '',
      }),
    );
    const s = caseStanding(e);
    expect(s.where).toBe('Resolved on 20 Nov 2026.');
    expect(s.owed.map((o) => o.section)).toEqual(['close', 'outcome']);
    expect(s.owed[1]!.text).toBe('One consequent action is still open.');
    expect(s.suggested).toBeNull();
    expect(offeredTo('coordinator', e)).toEqual(['correct', 'redact']);
    expect(CASE_ACTIONS.resolve.notNow(e)).toBe('This case is resolved: only an open case can be resolved.');
  });
});
