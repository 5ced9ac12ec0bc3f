// Closing needs the chair, and open actions are seen (issue 16, item 4), against real SQLite files
// through the dispatcher with people signed in: where the board has a chair account the chair
// signs off (or declines) in the app under their own account; where it has none the coordinator
// records who signed off and how; either way, open consequent actions are listed and must be
// acknowledged, and every refusal leaves the database exactly as it was.
import { afterEach, describe, expect, it } from 'vitest';
import type { EscalationDetail } from '../../shared/domain/escalation';
import type { Result } from '../../shared/result';
import { logEscalation, seedBoard } from '../support/boardFixture';
import { dbFingerprint } from '../support/dbFingerprint';
import { onLatest } from '../support/latest';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';

const PASSWORD = 'a long enough pass phrase';
let desk: TestDesk | undefined;
afterEach(() => {
  desk?.cleanup();
  desk = undefined;
});

function coordinatorDesk(): TestDesk {
  desk = openTestDesk({ signIn: true, now: () => new Date('2026-11-23T10:00:00Z') });
  ok(desk.call('session:setUp', { userName: 'jcoord', displayName: 'Jo Coordinator', password: PASSWORD, repeatPassword: PASSWORD }));
  return desk;
}

const signInAs = (d: TestDesk, userName: string) => {
  ok(d.call('session:signOut', {}));
  expect(ok(d.call('session:signIn', { userName, password: PASSWORD }))).toMatchObject({ signedIn: true });
};

/** A case resolved with one consequent action still open. */
function resolvedWithOpenAction(d: TestDesk, reference: string): EscalationDetail {
  const board = seedBoard(d, 'bristol');
  const e = logEscalation(d, board, { reference });
  return ok(
    onLatest(d, 'escalations:resolve', {
      escalationId: e.id,
      resolvedOn: '2026-11-20',
      statement: 'Social care will reassess within 10 working days.',
      effect: 'changed',
      agreedBy: 'Hollyfield Primary School and Bristol City Council',
      actions: [{ description: 'Reassessment', owner: 'Team manager, Bristol City Council', dueOn: '2026-12-04' }],
      themeIds: [],
      policyGap: false,
      policyGapNote: '',
    }),
  );
}

const refused = (result: Result<unknown>): string => {
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.error.message;
};
const unchangedBy = (d: TestDesk, attempt: () => Result<unknown>): string => {
  const before = dbFingerprint(d.store.file);
  const message = refused(attempt());
  expect(dbFingerprint(d.store.file)).toBe(before);
  return message;
};

describe('a board with no chair account', () => {
  it('has the coordinator record who signed off and how, after seeing the open actions listed', () => {
    const d = coordinatorDesk();
    const e = resolvedWithOpenAction(d, 'SO-0001');
    expect(e.signOff).toEqual({ chairHasAccount: false, requests: [] });

    // Asking in the app makes no sense without a chair who can sign in.
    expect(unchangedBy(d, () => onLatest(d, 'escalations:requestSignOff', { escalationId: e.id }))).toMatch(/no chair account/);
    // The way is asked: a name alone is not enough.
    expect(
      unchangedBy(d, () =>
        d.dispatch('escalations:close', { escalationId: e.id, on: '2026-11-23', chairName: 'Pat Chair', basedOnVersion: e.version }),
      ),
    ).toMatch(/needs correcting/);
    // The open action is listed, and the case is not closed until it is acknowledged.
    const listed = unchangedBy(d, () =>
      onLatest(d, 'escalations:close', { escalationId: e.id, on: '2026-11-23', chairName: 'Pat Chair', how: 'email' }),
    );
    expect(listed).toContain(
      'One consequent action is still open on SO-0001: Reassessment (Team manager, Bristol City Council, due 4 Dec 2026)',
    );

    const closed = ok(
      onLatest(d, 'escalations:close', {
        escalationId: e.id,
        on: '2026-11-23',
        chairName: 'Pat Chair',
        how: 'email',
        openActionsNoted: true,
      }),
    );
    expect(closed.status).toBe('closed');
    expect(closed.closed).toEqual({ on: '2026-11-23', chairName: 'Pat Chair', how: 'email' });
    expect(closed.timeline.at(-1)!.detail).toBe('Signed off by Pat Chair on 23 Nov 2026 (by e-mail). Still open then: Reassessment.');
    const stored = d.store.reader.prepare('SELECT how, signed_by_user_id FROM escalation_closure WHERE escalation_id = ?').get(e.id);
    expect(stored).toEqual({ how: 'email', signed_by_user_id: null });
  });
});

describe('a board with a chair account', () => {
  it('has the coordinator ask and the chair decline, then sign off under their own account; the case closes then', () => {
    const d = coordinatorDesk();
    const e = resolvedWithOpenAction(d, 'SO-0002');
    const chair = ok(d.call('users:create', { userName: 'pchair', displayName: 'Pat Chair', role: 'chair', password: PASSWORD }));
    expect(ok(d.call('escalations:get', { escalationId: e.id })).signOff.chairHasAccount).toBe(true);

    // The coordinator can no longer type a name in: the chair signs off in the app.
    expect(
      unchangedBy(d, () =>
        onLatest(d, 'escalations:close', {
          escalationId: e.id,
          on: '2026-11-23',
          chairName: 'Pat Chair',
          how: 'meeting',
          openActionsNoted: true,
        }),
      ),
    ).toMatch(/chair signs off SO-0002 in the app/);
    // Nor sign off for the chair: the access map says whose it is.
    expect(unchangedBy(d, () => onLatest(d, 'escalations:signOff', { escalationId: e.id, openActionsNoted: true }))).toMatch(
      /business coordinator\) cannot do this: it is for the independent chair/,
    );
    // A request made on an old version of the case is refused (someone changed it since).
    expect(
      unchangedBy(d, () =>
        d.call('escalations:requestSignOff', { escalationId: e.id, openActionsNoted: true, basedOnVersion: e.version - 1 }),
      ),
    ).toMatch(/changed|since/i);
    // The open action is listed before the chair is asked.
    expect(unchangedBy(d, () => onLatest(d, 'escalations:requestSignOff', { escalationId: e.id }))).toContain('Reassessment');

    const asked = ok(
      onLatest(d, 'escalations:requestSignOff', { escalationId: e.id, note: 'Agreed at the November meeting.', openActionsNoted: true }),
    );
    expect(asked.status).toBe('resolved');
    expect(asked.signOff.requests).toEqual([
      expect.objectContaining({ requestedBy: 'Jo Coordinator (jcoord)', note: 'Agreed at the November meeting.', answer: null }),
    ]);
    expect(unchangedBy(d, () => onLatest(d, 'escalations:requestSignOff', { escalationId: e.id, openActionsNoted: true }))).toMatch(
      /already been asked/,
    );

    // The chair sees it in their list, with the open action counted.
    signInAs(d, 'pchair');
    expect(ok(d.call('signOffs:pending', {}))).toEqual([
      {
        escalationId: e.id,
        reference: 'SO-0002',
        status: 'resolved',
        requestedAt: '2026-11-23T10:00:00.000Z',
        requestedBy: 'Jo Coordinator (jcoord)',
        note: 'Agreed at the November meeting.',
        openActions: 1,
      },
    ]);
    // Declining needs a reason; then the request is answered and the case stays resolved.
    expect(unchangedBy(d, () => onLatest(d, 'escalations:declineSignOff', { escalationId: e.id, reason: ' ' }))).toMatch(
      /needs correcting/,
    );
    const declined = ok(
      onLatest(d, 'escalations:declineSignOff', { escalationId: e.id, reason: 'The reassessment date is not yet agreed.' }),
    );
    expect(declined.status).toBe('resolved');
    expect(declined.signOff.requests[0]).toMatchObject({
      answer: 'declined',
      answeredBy: 'Pat Chair (pchair)',
      declineReason: 'The reassessment date is not yet agreed.',
    });
    expect(ok(d.call('signOffs:pending', {}))).toEqual([]);
    expect(unchangedBy(d, () => onLatest(d, 'escalations:signOff', { escalationId: e.id, openActionsNoted: true }))).toMatch(
      /Nobody has asked/,
    );
    // Asking is the coordinator's.
    expect(unchangedBy(d, () => onLatest(d, 'escalations:requestSignOff', { escalationId: e.id, openActionsNoted: true }))).toMatch(
      /it is for the business coordinator/,
    );

    // Asked again, the chair signs off once the open action is acknowledged.
    signInAs(d, 'jcoord');
    ok(onLatest(d, 'escalations:requestSignOff', { escalationId: e.id, openActionsNoted: true }));
    signInAs(d, 'pchair');
    expect(unchangedBy(d, () => onLatest(d, 'escalations:signOff', { escalationId: e.id }))).toContain('Reassessment');
    const closed = ok(onLatest(d, 'escalations:signOff', { escalationId: e.id, openActionsNoted: true }));
    expect(closed.status).toBe('closed');
    expect(closed.closed).toEqual({ on: '2026-11-23', chairName: 'Pat Chair', how: 'in_app' });
    expect(closed.signOff.requests.map((r) => r.answer)).toEqual(['declined', 'signed_off']);
    expect(d.store.reader.prepare('SELECT how, signed_by_user_id FROM escalation_closure WHERE escalation_id = ?').get(e.id)).toEqual({
      how: 'in_app',
      signed_by_user_id: chair.id,
    });
    // The audit trail names the chair's account, and the timeline tells the whole story.
    const audit = d.store.reader
      .prepare("SELECT actor, action FROM audit_entry WHERE entity = 'escalation' AND entity_id = ? ORDER BY id")
      .all(e.id) as { actor: string; action: string }[];
    expect(audit.slice(-4)).toEqual([
      { actor: 'Jo Coordinator (jcoord)', action: 'escalation.signOffRequested' },
      { actor: 'Pat Chair (pchair)', action: 'escalation.signOffDeclined' },
      { actor: 'Jo Coordinator (jcoord)', action: 'escalation.signOffRequested' },
      { actor: 'Pat Chair (pchair)', action: 'escalation.close' },
    ]);
    expect(closed.timeline.slice(-4).map((t) => t.title)).toEqual([
      'Chair asked to sign off',
      'Chair declined to sign off',
      'Chair asked to sign off',
      'Closed with the chair’s sign-off',
    ]);
    expect(closed.timeline.at(-1)!.detail).toContain('(in the app, by the chair’s account)');
    // Signed off once: nothing more to answer.
    expect(unchangedBy(d, () => onLatest(d, 'escalations:signOff', { escalationId: e.id, openActionsNoted: true }))).toMatch(/closed/);
  });

  it('refuses to ask for, or give, sign-off on a case still open', () => {
    const d = coordinatorDesk();
    const board = seedBoard(d, 'bristol');
    const e = logEscalation(d, board, { reference: 'SO-0003' });
    ok(d.call('users:create', { userName: 'pchair', displayName: 'Pat Chair', role: 'chair', password: PASSWORD }));
    expect(unchangedBy(d, () => onLatest(d, 'escalations:requestSignOff', { escalationId: e.id }))).toMatch(
      /once it is resolved or withdrawn/,
    );
    signInAs(d, 'pchair');
    expect(unchangedBy(d, () => onLatest(d, 'escalations:signOff', { escalationId: e.id }))).toMatch(/once it is resolved or withdrawn/);
  });
});
