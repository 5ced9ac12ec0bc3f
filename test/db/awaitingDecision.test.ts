// The chair's list of cases waiting for a decision (the Panels screen), against a real SQLite file:
// only open cases at the last stage of their own policy version, and only until the chair decides.
import { afterEach, expect, it } from 'vitest';
import { escalateToTop, logEscalation, seedBoard } from '../support/boardFixture';
import { onLatest } from '../support/latest';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';

let desk: TestDesk | undefined;
afterEach(() => {
  desk?.cleanup();
  desk = undefined;
});

it('lists open cases at the board’s stage with no decision, longest waiting first, and drops each once decided or ended', () => {
  desk = openTestDesk({ now: () => new Date('2026-11-23T10:00:00Z') });
  const d = desk;
  const b = seedBoard(d, 'torbay');
  const below = logEscalation(d, b, { reference: 'AW-1', openedOn: '2026-11-02' });
  const later = escalateToTop(d, logEscalation(d, b, { reference: 'AW-2', openedOn: '2026-11-02' }), '2026-11-20');
  const earlier = escalateToTop(d, logEscalation(d, b, { reference: 'AW-3', openedOn: '2026-11-02' }), '2026-11-10');
  const ended = escalateToTop(d, logEscalation(d, b, { reference: 'AW-4', openedOn: '2026-11-02' }), '2026-11-10');
  ok(onLatest(d, 'escalations:withdraw', { escalationId: ended.id, on: '2026-11-11', reason: 'The school withdrew its concern.' }));

  const waiting = ok(d.call('chair:awaitingDecision', {}));
  expect(waiting.map((w) => w.reference)).toEqual(['AW-3', 'AW-2']);
  expect(waiting[0]).toEqual({
    escalationId: earlier.id,
    reference: 'AW-3',
    stageNumber: earlier.currentStage!.number,
    stageName: earlier.currentStage!.name,
    referredOn: '2026-11-10',
    policy: earlier.profile.name,
  });
  expect(waiting.map((w) => w.escalationId)).not.toContain(below.id);

  ok(
    onLatest(d, 'chair:decide', {
      escalationId: later.id,
      route: 'resolve_directly',
      decidedOn: '2026-11-23',
      reasons: 'The senior managers can settle it.',
      decidedBy: 'Independent chair',
    }),
  );
  expect(ok(d.call('chair:awaitingDecision', {})).map((w) => w.reference)).toEqual(['AW-3']);
});
