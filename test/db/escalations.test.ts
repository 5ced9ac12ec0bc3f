import { afterEach, describe, expect, it } from 'vitest';
import type { EscalationCreateInput } from '../../shared/domain/escalation';
import { chooseProfile, logEscalation, seedBoard, type Board } from '../support/boardFixture';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';
import { onLatest } from '../support/latest';

// "Today" for these tests is Monday 23 November 2026.
let desk: TestDesk;
afterEach(() => desk.cleanup());
function start(profile: string): Board {
  desk = openTestDesk({ now: () => new Date('2026-11-23T10:00:00Z') });
  return seedBoard(desk, profile);
}
const refuse = (result: ReturnType<TestDesk['dispatch']>): string => {
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.error.message;
};
const escalate = (id: number, toStage: number, on: string) =>
  ok(onLatest(desk, 'escalations:escalate', { escalationId: id, toStage, on, reason: 'Not resolved at this stage' }));

describe('logging an escalation', () => {
  it('starts at the policy’s first stage with its working-day deadline, under the policy version it was opened with', () => {
    const board = start('bromley');
    const e = logEscalation(desk, board);
    expect(e.profile.name).toBe('Bromley (Mrs Bonds Village Nursery)');
    // Mon 16 Nov 2026 + 5 working days = Mon 23 Nov 2026, due today: due soon.
    expect(e.currentStage).toEqual({
      number: 1,
      name: 'Discuss with the other worker',
      dueOn: '2026-11-23',
      state: 'due_soon',
      workingDaysLeft: 0,
    });
    chooseProfile(desk, 'torbay');
    const again = ok(desk.call('escalations:get', { escalationId: e.id }));
    expect(again.profile.name).toBe('Bromley (Mrs Bonds Village Nursery)');
    expect(logEscalation(desk, board, { reference: 'CS-1002' }).profile.name).toBe('Torbay (St Marychurch Pre-school)');
  });

  it('counts working days past the Jubilee bank holidays of 2 and 3 June 2022', () => {
    const board = start('bromley');
    const e = logEscalation(desk, board, { openedOn: '2022-06-01' });
    expect(e.stages[0]!.dueOn).toBe('2022-06-10');
    expect(e.currentStage!.state).toBe('overdue');
  });

  it('refuses a complaint, a whistleblowing concern and a disagreement inside one agency, saying where each belongs', () => {
    const board = start('bromley');
    expect(refuse(desk.call('escalations:create', { ...base(board), matter: 'complaint' }))).toMatch(/complaints procedure/);
    expect(refuse(desk.call('escalations:create', { ...base(board), matter: 'whistleblowing' }))).toMatch(/whistleblowing policy/);
    expect(refuse(desk.call('escalations:create', { ...base(board), matter: 'single_agency_disagreement' }))).toMatch(
      /Hollyfield Primary School’s own supervision and escalation procedure/,
    );
    expect(refuse(desk.call('escalations:create', { ...base(board), challengedAgencyIds: [board.school] }))).toMatch(
      /cannot escalate against itself/,
    );
    expect(ok(desk.call('escalations:list', {})).total).toBe(0);
  });

  it('warns when the text looks like a child’s full name, and accepts it once confirmed', () => {
    const board = start('bromley');
    const result = desk.call('escalations:create', {
      ...base(board),
      summary: 'Concern about Jayden Okafor at home; Avon and Somerset Police attended.',
    });
    expect(refuse(result)).toMatch(/may contain a child’s name/);
    if (!result.ok)
      expect(result.error.problems).toEqual([
        { where: 'What the disagreement is about', message: '“Jayden Okafor” looks like a person’s full name' },
      ]);
    expect(logEscalation(desk, board, { summary: 'Concern about Jayden Okafor at home.', confirmedNoChildName: true }).reference).toBe(
      'CS-1001',
    );
  });

  it('lets a worker start above the first stage only where the child is at immediate risk', () => {
    const board = start('torbay');
    expect(refuse(desk.call('escalations:create', { ...base(board), startStage: 3 }))).toMatch(
      /starts at stage 0 unless the child is at immediate risk/,
    );
    const e = logEscalation(desk, board, { startStage: 3, immediateRisk: true, referral: { to: 'mash', madeOn: '2026-11-16' } });
    expect(e.currentStage!.number).toBe(3);
    expect(e.breaches).toEqual([]);
  });
});

function base(board: Board): EscalationCreateInput {
  return {
    reference: 'CS-2001',
    raisingAgencyId: board.school,
    raisingWorkerRole: 'Teacher',
    challengedAgencyIds: [board.council],
    categoryId: board.categoryId,
    childStatus: 'child_in_need',
    summary: 'Threshold disagreement.',
    openedOn: '2026-11-16',
    immediateRisk: false,
  };
}

describe('stages and notifications', () => {
  it('walks Torbay’s ladder with its timescales and asks for the board manager to be told at stage 3', () => {
    const board = start('torbay');
    const e = logEscalation(desk, board, { openedOn: '2026-10-01', childStatus: 'child_protection_plan' });
    expect(e.currentStage).toMatchObject({ number: 0, name: 'Pre-escalation', dueOn: null, state: 'no_timescale' });
    expect(e.notifications.map((n) => n.kind)).toEqual(['child_protection_chair']);
    expect(refuse(onLatest(desk, 'escalations:escalate', { escalationId: e.id, toStage: 2, on: '2026-10-02', reason: 'x' }))).toMatch(
      /one stage at a time \(to stage 1\)/,
    );
    expect(escalate(e.id, 1, '2026-10-02').currentStage!.dueOn).toBe('2026-10-09'); // 5 working days
    expect(escalate(e.id, 2, '2026-10-09').currentStage!.dueOn).toBe('2026-10-16');
    const at3 = escalate(e.id, 3, '2026-10-16');
    expect(at3.currentStage!.dueOn).toBe('2026-10-23');
    expect(at3.notifications.map((n) => [n.kind, n.requiredSince])).toEqual([
      ['child_protection_chair', '2026-10-01'],
      ['board_manager', '2026-10-16'],
    ]);
    const at4 = escalate(e.id, 4, '2026-10-23');
    expect(at4.currentStage!.dueOn).toBe('2026-11-06'); // 10 working days
    expect(at4.highestStage).toBe(4);
    expect(refuse(onLatest(desk, 'escalations:escalate', { escalationId: e.id, toStage: 5, on: '2026-10-24', reason: 'x' }))).toMatch(
      /last stage/,
    );

    const outstanding = ok(desk.call('escalations:overdue', {})).notifications;
    expect(outstanding.map((n) => n.kind)).toEqual(['child_protection_chair', 'board_manager']);
    const done = ok(
      onLatest(desk, 'escalations:recordNotification', {
        notificationId: outstanding[0]!.id,
        madeOn: '2026-10-02',
        madeBy: 'Board coordinator',
        method: 'email',
      }),
    );
    expect(done.notifications[0]).toMatchObject({ madeOn: '2026-10-02', madeBy: 'Board coordinator', method: 'email' });
    expect(ok(desk.call('escalations:overdue', {})).notifications).toHaveLength(1);
  });

  it('asks for the independent reviewing officer when the child is looked after', () => {
    const board = start('bromley');
    expect(logEscalation(desk, board, { childStatus: 'looked_after' }).notifications.map((n) => n.label)).toEqual([
      'Independent reviewing officer',
    ]);
  });
});

describe('immediate risk', () => {
  it('shows a breach when the referral or the same-day escalation is missing, until each is put right', () => {
    const board = start('birmingham');
    // Friday 20 November: immediate risk, no referral, still at stage 1 on Monday.
    const e = logEscalation(desk, board, { openedOn: '2026-11-20', immediateRisk: true });
    expect(e.breaches.map((b) => b.kind)).toEqual(['referral_missing', 'not_escalated_same_day']);
    expect(ok(desk.call('escalations:overdue', {})).breaches.map((b) => b.reference)).toEqual(['CS-1001']);
    const referred = ok(onLatest(desk, 'escalations:recordReferral', { escalationId: e.id, to: 'mash', madeOn: '2026-11-20' }));
    expect(referred.breaches.map((b) => b.kind)).toEqual(['not_escalated_same_day']);
    expect(escalate(e.id, 2, '2026-11-23').breaches[0]!.message).toMatch(
      /did not go up the same working day \(by 20 Nov 2026\): it moved on 23 Nov 2026/,
    );
  });

  it('is compliant when the case goes up the same working day (a Saturday counts from Monday)', () => {
    const board = start('birmingham');
    const e = logEscalation(desk, board, { openedOn: '2026-11-21', immediateRisk: true, referral: { to: 'police', madeOn: '2026-11-21' } });
    expect(e.currentStage!.dueOn).toBe('2026-11-23');
    expect(escalate(e.id, 2, '2026-11-23').breaches).toEqual([]);
    expect(ok(desk.call('escalations:overdue', {})).breaches).toEqual([]);
  });
});

describe('the calendar and timescales re-work open deadlines, keeping what was shown', () => {
  it('moves due dates when a closure day is added and records the old date in the history and timeline', () => {
    const board = start('bromley');
    const e = logEscalation(desk, board, { openedOn: '2026-11-20' }); // due Fri 27 Nov
    expect(e.currentStage!.dueOn).toBe('2026-11-27');
    expect(ok(onLatest(desk, 'calendar:addClosureDay', { date: '2026-11-25', reason: 'Board training day' }))).toEqual({
      dueDatesChanged: 1,
    });
    const after = ok(desk.call('escalations:get', { escalationId: e.id }));
    expect(after.currentStage!.dueOn).toBe('2026-11-30');
    expect(after.stages[0]!.dueDateHistory.map((h) => h.dueOn)).toEqual(['2026-11-27', '2026-11-30']);
    expect(after.timeline.at(-1)!.title).toBe('Due date re-worked');
    // The timeline reads dates as every other place on the case does.
    expect(after.timeline.at(-1)!.detail).toMatch(/Stage 1 now due 30 Nov 2026 \(was 27 Nov 2026\)\.$/);
    expect(ok(onLatest(desk, 'calendar:removeClosureDay', { date: '2026-11-25', reason: 'Training moved' })).dueDatesChanged).toBe(1);
  });

  it('re-works due dates when a timescale is corrected, and not when a new version is saved', () => {
    const board = start('bromley');
    const e = logEscalation(desk, board, { openedOn: '2026-11-20' });
    const profileId = e.profile.id;
    expect(
      ok(onLatest(desk, 'profiles:correctTimescale', { profileId, stageNumber: 1, timescaleWorkingDays: 3, reason: 'Typed 5 for 3' }))
        .dueDatesChanged,
    ).toBe(1);
    expect(ok(desk.call('escalations:get', { escalationId: e.id })).currentStage!.dueOn).toBe('2026-11-25');
    const profile = ok(desk.call('profiles:get', { profileId })).profile;
    const saved = ok(
      onLatest(desk, 'profiles:saveEdited', {
        baseProfileId: profileId,
        name: 'Our board policy 2027',
        stages: profile.stages.map((s) => ({ number: s.number, name: s.name, timescaleWorkingDays: 10 })),
        panelRule: profile.panelRule,
      }),
    );
    expect(saved.profiles.find((p) => p.id === saved.activeProfileId)).toMatchObject({ name: 'Our board policy 2027', basedOn: 'bromley' });
    expect(ok(desk.call('escalations:get', { escalationId: e.id })).currentStage!.dueOn).toBe('2026-11-25');
    expect(logEscalation(desk, board, { reference: 'CS-NEW', openedOn: '2026-11-20' }).currentStage!.dueOn).toBe('2026-12-04');
  });
});

describe('outcome, sign-off and corrections', () => {
  it('resolves with a statement, actions, themes and a policy gap for the chair, then closes with sign-off', () => {
    const board = start('bromley');
    const themes = ok(onLatest(desk, 'themes:add', { name: 'Threshold understanding' })).themes;
    const e = logEscalation(desk, board);
    expect(
      refuse(onLatest(desk, 'escalations:close', { escalationId: e.id, on: '2026-11-23', chairName: 'Chair', how: 'meeting' })),
    ).toMatch(/once it is resolved or withdrawn/);
    const resolved = ok(
      onLatest(desk, 'escalations:resolve', {
        escalationId: e.id,
        resolvedOn: '2026-11-20',
        statement: 'Children’s social care will reassess within 10 working days.',
        effect: 'changed',
        agreedBy: 'Hollyfield Primary School and Bristol City Council',
        actions: [{ description: 'Reassessment', owner: 'Team manager, Bristol City Council', dueOn: '2026-12-04' }],
        themeIds: [themes[0]!.id],
        policyGap: true,
        policyGapNote: 'Threshold guidance does not cover schools’ referrals.',
      }),
    );
    expect(resolved).toMatchObject({
      status: 'resolved',
      currentStage: null,
      outcome: { effect: 'changed', policyGap: true, themes: [{ name: 'Threshold understanding' }] },
    });
    expect(ok(desk.call('chair:policyGaps', {})).map((r) => r.reference)).toEqual(['CS-1001']);
    const letter = ok(desk.call('escalations:outcomeLetter', { escalationId: e.id }));
    expect(letter.to).toBe('dsl@hollyfield.example.uk');
    expect(letter.body).toContain('Children’s social care will reassess within 10 working days.');
    expect(letter.body).toContain('Reassessment (owner: Team manager, Bristol City Council; due 4 Dec 2026)');
    expect(letter.mailto).toMatch(/^mailto:dsl@hollyfield\.example\.uk\?subject=/);
    // Things that have happened are dated today at the latest (issue 16, item 2).
    const withAction = ok(onLatest(desk, 'escalations:actionDone', { actionId: resolved.actions[0]!.id, doneOn: '2026-11-23' }));
    expect(withAction.actions[0]!.doneOn).toBe('2026-11-23');
    const closed = ok(
      onLatest(desk, 'escalations:close', { escalationId: e.id, on: '2026-11-23', chairName: 'Independent chair', how: 'meeting' }),
    );
    expect(closed.status).toBe('closed');
    expect(closed.timeline.map((t) => t.title)).toEqual([
      'Logged at stage 1 (Discuss with the other worker)',
      'Resolved: Original decision changed',
      'Action done',
      'Closed with the chair’s sign-off',
    ]);
  });

  it('records a correction as a new entry that says what it corrects, and drafts the chair referral', () => {
    const board = start('bexley');
    const e = logEscalation(desk, board);
    ok(
      onLatest(desk, 'escalations:recordStage', {
        escalationId: e.id,
        discussion: 'Agencies met by phone.',
        decision: 'No agreement.',
        participants: 'DSL; team manager',
      }),
    );
    const corrected = ok(
      onLatest(desk, 'escalations:correct', { escalationId: e.id, field: 'reference', value: 'CS-1010', reason: 'Digits transposed' }),
    );
    expect(corrected.reference).toBe('CS-1010');
    const correction = corrected.timeline.at(-1)!;
    expect(correction).toMatchObject({
      title: 'Correction: Case reference',
      detail: 'From “CS-1001” to “CS-1010”. Reason: Digits transposed',
      correctsEntryId: corrected.timeline[0]!.id,
    });
    const referral = ok(desk.call('escalations:chairReferral', { escalationId: e.id }));
    expect(referral.subject).toBe('For the attention of the independent chair: escalation CS-1010');
    expect(referral.body).toContain('Reasons for the disagreement:\nThe school believes the threshold decision');
    expect(referral.body).toContain(
      'Stage 1, Agency’s own escalation policy: from 16 Nov 2026 (open)\n  Discussion: Agencies met by phone.\n  Decision: No agreement.',
    );
    expect(referral.body).toContain('bscb@bexley.gov.uk');
  });
});
