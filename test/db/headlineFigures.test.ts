// A figure counts only what was recorded (issue 16, item 1): a case with no timescale at all was
// never "within the policy's timescales", so it is neither counted within nor in the share's base.
import { afterEach, describe, expect, it } from 'vitest';
import { chooseProfile, logEscalation, seedBoard } from '../support/boardFixture';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';
import { onLatest } from '../support/latest';

let desk: TestDesk;
afterEach(() => desk.cleanup());

const resolve = (id: number, resolvedOn: string) =>
  ok(
    onLatest(desk, 'escalations:resolve', {
      escalationId: id,
      resolvedOn,
      statement: 'Agreed.',
      effect: 'upheld',
      agreedBy: 'Both agencies',
    }),
  );

describe('resolved within the policy’s timescales', () => {
  it('counts only cases that had a timescale to meet, on the learning hub and in its drill-down', () => {
    desk = openTestDesk({ now: () => new Date('2026-11-23T10:00:00Z') });
    const board = seedBoard(desk, 'bromley');
    // Bromley: five working days a stage, met.
    resolve(logEscalation(desk, board, { reference: 'BRO-1', openedOn: '2026-10-05' }).id, '2026-10-07');
    // Bexley sets no timescale: resolved, but never within (or outside) one.
    chooseProfile(desk, 'bexley');
    resolve(logEscalation(desk, board, { reference: 'BEX-1', openedOn: '2026-10-05' }).id, '2026-11-20');

    const d = ok(desk.call('dashboard:quarter', { quarter: '2026-Q3' }));
    expect(d.timeToResolution).toMatchObject({ count: 2, withinTimescale: 1, withTimescale: 1, withinTimescaleShare: 1 });
    const listed = (figure: 'resolved_within_timescale' | 'resolved_with_timescale') =>
      ok(desk.call('escalations:list', { drill: { figure, quarter: '2026-Q3' } })).rows.map((r) => r.reference);
    expect(listed('resolved_within_timescale')).toEqual(['BRO-1']);
    expect(listed('resolved_with_timescale')).toEqual(['BRO-1']);
  });
});
