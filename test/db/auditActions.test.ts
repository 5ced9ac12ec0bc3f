// The audit actions are a closed set (shared/domain/auditActions.ts): every action the app writes
// while a board is worked through the dispatcher is one of them, and a stored name the set does
// not know is read as unknown, not trusted.
import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, parseAuditAction } from '../../shared/domain/auditActions';
import { logEscalation, seatBoard, seedBoard } from '../support/boardFixture';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';
import { onLatest } from '../support/latest';

let opened: TestDesk | undefined;
afterEach(() => {
  opened?.cleanup();
  opened = undefined;
});

describe('audit actions', () => {
  it('covers every action written while a board is worked: lifecycle, panels, accounts, retention, redaction', () => {
    const desk = (opened = openTestDesk({ now: () => new Date('2026-11-23T10:00:00Z') }));
    const board = seedBoard(desk, 'bromley');
    const officers = seatBoard(desk, board);
    ok(onLatest(desk, 'themes:add', { name: 'Thresholds and the front door' }));
    ok(onLatest(desk, 'retention:setPeriod', { years: 7 }));
    ok(desk.call('users:create', { userName: 'pat', displayName: 'Pat Chair', role: 'chair', password: 'a long enough pass phrase' }));

    const e = logEscalation(desk, board, { summary: 'Concern about Jayden Okafor at home.', confirmedNoChildName: true });
    ok(onLatest(desk, 'escalations:escalate', { escalationId: e.id, toStage: 2, on: '2026-11-17', reason: 'Not resolved' }));
    ok(onLatest(desk, 'escalations:escalate', { escalationId: e.id, toStage: 3, on: '2026-11-18', reason: 'Not resolved' }));
    ok(onLatest(desk, 'escalations:escalate', { escalationId: e.id, toStage: 4, on: '2026-11-19', reason: 'Not resolved' }));
    ok(
      onLatest(desk, 'chair:decide', {
        escalationId: e.id,
        route: 'resolution_panel',
        decidedOn: '2026-11-19',
        reasons: 'Deadlock',
        decidedBy: 'Independent chair',
      }),
    );
    ok(
      onLatest(desk, 'panels:save', {
        escalationId: e.id,
        sitsOn: '2026-11-20',
        chairName: 'Independent chair',
        seats: [{ agencyId: board.police, officerId: officers.police }],
      }),
    );
    ok(
      onLatest(desk, 'escalations:redact', {
        escalationId: e.id,
        text: 'Jayden Okafor',
        reason: 'A child’s full name was typed into the summary',
      }),
    );
    const other = logEscalation(desk, board, { reference: 'CS-1002' });
    ok(onLatest(desk, 'escalations:withdraw', { escalationId: other.id, on: '2026-11-20', reason: 'Raised in error' }));

    const written = (
      desk.store.reader.prepare('SELECT DISTINCT action FROM audit_entry ORDER BY action').all() as { action: string }[]
    ).map((r) => r.action);
    expect(written.filter((a) => parseAuditAction(a) === null)).toEqual([]);
    for (const expected of [
      'agency.create',
      'membership.add',
      'officer.add',
      'board.chooseProfile',
      'board.add.learning_theme',
      'retention.reviewPeriod',
      'accounts.create',
      'escalation.create',
      'escalation.escalate',
      'escalation.chairDecision',
      'panel.plan',
      'escalation.redact',
      'escalation.withdraw',
    ]) {
      expect(written).toContain(expected);
    }
  });

  it('reads a stored name outside the set as unknown, and each name in the set as itself', () => {
    expect(parseAuditAction('escalation.somethingNew')).toBeNull();
    expect(parseAuditAction('')).toBeNull();
    for (const action of AUDIT_ACTIONS) expect(parseAuditAction(action)).toBe(action);
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
  });
});
