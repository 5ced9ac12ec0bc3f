// The notifications a case needs are recorded by one function (escalations/notifications.ts) when
// the case is logged, moves up a stage, or has the child's status corrected: the last path here.
import { afterEach, describe, expect, it } from 'vitest';
import { logEscalation, seedBoard } from '../support/boardFixture';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';
import { onLatest } from '../support/latest';

let desk: TestDesk;
afterEach(() => desk.cleanup());

describe('notifications required by a corrected child status', () => {
  it('asks for the chair to be told from the day of the correction, once however often it is corrected', () => {
    desk = openTestDesk({ now: () => new Date('2026-11-23T10:00:00Z') });
    const board = seedBoard(desk, 'torbay');
    const e = logEscalation(desk, board, { openedOn: '2026-11-16', childStatus: 'child_in_need' });
    expect(e.notifications).toEqual([]);
    const correct = (value: string) =>
      ok(onLatest(desk, 'escalations:correct', { escalationId: e.id, field: 'childStatus', value, reason: 'Status was wrong' }));
    expect(correct('child_protection_plan').notifications.map((n) => [n.kind, n.requiredSince])).toEqual([
      ['child_protection_chair', '2026-11-23'],
    ]);
    correct('child_in_need');
    expect(correct('child_protection_plan').notifications.map((n) => [n.kind, n.requiredSince])).toEqual([
      ['child_protection_chair', '2026-11-23'],
    ]);
  });
});
