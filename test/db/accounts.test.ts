// User accounts through the real dispatcher and a real SQLite file: the first account, slow
// salted hashes, slowed failed sign-ins, roles limiting channels, the idle lock, and every change
// attributed to the person signed in.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { channels, contract } from '../../shared/contract';
import { channelAccess } from '../../shared/domain/access';
import type { Role, SessionStatus } from '../../shared/domain/accounts';
import { waitAfter } from '../../electron/services/accounts/signIn';
import { verifyPassword } from '../../electron/services/accounts/passwords';
import { dbFingerprint } from '../support/dbFingerprint';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';

const PASSWORD = 'correct horse battery staple';
let desk: TestDesk | undefined;
let clock = new Date('2026-11-23T09:00:00Z');
const advance = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));

function openAccountsDesk(): TestDesk {
  clock = new Date('2026-11-23T09:00:00Z');
  desk = openTestDesk({ signIn: true, now: () => clock });
  return desk;
}
afterEach(() => {
  desk?.cleanup();
  desk = undefined;
});
const d = () => desk!;

const setUp = () =>
  ok(d().call('session:setUp', { userName: 'jcoord', displayName: 'Jo Coordinator', password: PASSWORD, repeatPassword: PASSWORD }));
const signIn = (userName: string, password = PASSWORD) => ok(d().call('session:signIn', { userName, password }));
const addUser = (userName: string, role: Role) =>
  ok(d().call('users:create', { userName, displayName: `${userName} person`, role, password: PASSWORD }));
const agency = (name: string) => d().call('agencies:create', { name, sector: 'police', statutoryPartner: true });
const lastAudit = () =>
  d().store.reader.prepare('SELECT actor, action FROM audit_entry ORDER BY id DESC LIMIT 1').get() as { actor: string; action: string };

describe('the first account', () => {
  it('is offered only while the board has none, is a coordinator, and signs its maker in', () => {
    openAccountsDesk();
    expect(ok(d().call('session:status', {}))).toEqual({ state: 'no_accounts' });
    const status = setUp();
    expect(status).toMatchObject({ state: 'signed_in', user: { userName: 'jcoord', role: 'coordinator' }, idleLockMinutes: 15 });
    const again = d().call('session:setUp', {
      userName: 'other',
      displayName: 'Someone Else',
      password: PASSWORD,
      repeatPassword: PASSWORD,
    });
    expect(again).toMatchObject({ ok: false, error: { message: expect.stringContaining('already has accounts') } });
  });

  it('keeps only a salted scrypt hash: the password is nowhere in the file', () => {
    openAccountsDesk();
    setUp();
    const row = d().store.reader.prepare('SELECT password_hash FROM app_user').get() as { password_hash: string };
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(verifyPassword(PASSWORD, row.password_hash)).toBe(true);
    expect(verifyPassword(`${PASSWORD}!`, row.password_hash)).toBe(false);
    d().store.writer.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(d().store.file).includes(Buffer.from(PASSWORD))).toBe(false);
  });

  it('refuses a short password or two that differ, saying which field', () => {
    openAccountsDesk();
    const result = d().call('session:setUp', { userName: 'jcoord', displayName: 'Jo', password: 'short', repeatPassword: 'other' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.problems.map((p) => p.message).join(' ')).toMatch(/at least 12 characters/);
  });
});

describe('signing in', () => {
  it('counts failures and slows the next try after three, for known and unknown names alike', () => {
    openAccountsDesk();
    setUp();
    ok(d().call('session:signOut', {}));
    for (const name of ['jcoord', 'nobody-here']) {
      const answers = [1, 2, 3].map(() => signIn(name, 'wrong password!!'));
      expect(answers.map((a) => a.signedIn)).toEqual([false, false, false]);
      expect(answers[0]).toMatchObject({ message: expect.stringContaining('do not match an account') });
      expect(answers[2]).toMatchObject({ waitSeconds: 5 });
      // Inside the wait even the right password is not checked.
      expect(signIn(name)).toMatchObject({ signedIn: false, message: expect.stringContaining('Wait 5 seconds') });
    }
    advance(5);
    expect(signIn('jcoord', 'still wrong!!!')).toMatchObject({ signedIn: false, waitSeconds: 10 });
    advance(10);
    expect(signIn('jcoord')).toMatchObject({ signedIn: true });
    // Success clears the count.
    expect(d().store.reader.prepare("SELECT count(*) AS n FROM sign_in_throttle WHERE user_name_key = 'jcoord'").get()).toEqual({ n: 0 });
    expect([0, 1, 2, 3, 4, 5, 30].map(waitAfter)).toEqual([0, 0, 0, 5, 10, 20, 900]);
  });

  it('records sign-ins and failures in the audit trail without the password', () => {
    openAccountsDesk();
    setUp();
    ok(d().call('session:signOut', {}));
    signIn('jcoord', 'wrong password!!');
    expect(lastAudit()).toEqual({ actor: 'sign-in attempt', action: 'session.signInFailed' });
    signIn('jcoord');
    expect(lastAudit()).toEqual({ actor: 'Jo Coordinator (jcoord)', action: 'session.signIn' });
    const trail = d().store.reader.prepare('SELECT before_json, after_json FROM audit_entry').all() as {
      before_json: string | null;
      after_json: string | null;
    }[];
    expect(JSON.stringify(trail)).not.toContain('wrong password');
    expect(JSON.stringify(trail)).not.toContain(PASSWORD);
  });

  it('turns a disabled account away once its password is right', () => {
    openAccountsDesk();
    setUp();
    const hub = addUser('hub', 'learning_hub');
    ok(d().call('users:update', { userId: hub.id, displayName: hub.displayName, role: 'learning_hub', disabled: true }));
    expect(signIn('hub')).toMatchObject({ signedIn: false, message: expect.stringContaining('disabled') });
  });
});

describe('roles limit what each person can change', () => {
  it('refuses a channel outside the role before reading its input, and changes nothing', () => {
    openAccountsDesk();
    setUp();
    addUser('hub', 'learning_hub');
    addUser('chair', 'chair');
    addUser('reader', 'read_only');
    for (const name of ['hub', 'chair', 'reader']) {
      signIn(name);
      const before = dbFingerprint(d().store.file);
      const refused = agency('Avon and Somerset Police');
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'not_allowed', message: expect.stringContaining('it is for the business coordinator'), problems: [] },
      });
      // Not even told what is wrong with a bad payload: the door is closed first.
      expect(d().dispatch('agencies:create', { bogus: true })).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
      expect(dbFingerprint(d().store.file)).toBe(before);
      // Everyone reads.
      expect(d().call('agencies:list', {}).ok).toBe(true);
    }
  });

  it('lets the chair decide panels and the learning hub export, as the map says', () => {
    openAccountsDesk();
    setUp();
    addUser('hub', 'learning_hub');
    signIn('hub');
    expect(d().call('exports:status', { jobId: 'nope' })).toMatchObject({ ok: false });
    const unknownJob = d().call('exports:status', { jobId: 'nope' });
    if (unknownJob.ok) throw new Error('expected a refusal for an unknown job');
    expect(unknownJob.error.code).toBeUndefined();
    expect(d().dispatch('chair:decide', {})).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    expect(channelAccess['chair:decide']).toEqual(['chair']);
    expect(channelAccess['escalations:create']).toEqual(['coordinator']);
  });

  it('lists every channel in the access map, and leaves only session, app, connection and unlocking channels open', () => {
    expect(Object.keys(channelAccess).sort()).toEqual([...channels].sort());
    const open = channels.filter((c) => channelAccess[c] === 'open');
    expect(open.sort()).toEqual([
      'app:info',
      'connection:choose',
      'connection:get',
      // Answered only while the records are locked, before any account can be read: the passphrase is the check.
      'records:setUp',
      'records:unlock',
      'session:setUp',
      'session:signIn',
      'session:signOut',
      'session:status',
    ]);
    // Every read is for anyone signed in, except the account list, the backups (which hold every record),
    // the access record and who is signed in (the coordinator's), and a legacy import's progress and
    // cancel (the coordinator's who started it).
    const restrictedReads = channels.filter((c) => contract[c].kind === 'read' && typeof channelAccess[c] !== 'string');
    expect(restrictedReads.sort()).toEqual([
      'access:search',
      'backups:check',
      'backups:list',
      'exports:status',
      'legacy:cancel',
      'legacy:status',
      'sessions:list',
      'users:list',
    ]);
  });

  it('refuses everything but signing in while nobody is signed in', () => {
    openAccountsDesk();
    setUp();
    ok(d().call('session:signOut', {}));
    for (const channel of channels.filter((c) => channelAccess[c] !== 'open' && contract[c].kind !== 'task')) {
      expect(d().call(channel, {})).toMatchObject({
        ok: false,
        error: { code: 'signed_out', message: 'Not signed in: sign in to continue.' },
      });
    }
  });
});

describe('the idle lock', () => {
  it('locks after the idle period; reads do not keep it open; the password unlocks it', () => {
    openAccountsDesk();
    setUp();
    advance(10 * 60);
    ok(d().call('agencies:list', {})); // a read: not counted as use
    advance(5 * 60);
    expect(agency('Avon and Somerset Police')).toMatchObject({
      ok: false,
      error: { code: 'locked', message: expect.stringContaining('after 15 minutes') },
    });
    expect(ok(d().call('session:status', {}))).toMatchObject({ state: 'locked', user: { userName: 'jcoord' } });
    expect(signIn('jcoord')).toMatchObject({ signedIn: true });
    expect(agency('Avon and Somerset Police').ok).toBe(true);
  });

  it('counts a reported touch and every change as use, and follows the board’s setting', () => {
    openAccountsDesk();
    setUp();
    ok(d().call('users:setIdleLock', { minutes: 2 }));
    advance(100);
    ok(d().call('session:touch', {}));
    advance(100);
    expect(agency('Avon and Somerset Police').ok).toBe(true);
    advance(119);
    expect(d().call('agencies:list', {}).ok).toBe(true);
    advance(1);
    expect(d().call('agencies:list', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(d().call('users:setIdleLock', { minutes: 0 })).toMatchObject({ ok: false });
  });

  it('locks at once when asked', () => {
    openAccountsDesk();
    setUp();
    expect(ok(d().call('session:lock', {}))).toMatchObject({ state: 'locked' });
    expect(d().call('settings:get', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
  });
});

describe('who did it', () => {
  it('puts the signed-in person’s name on every change in the audit trail', () => {
    openAccountsDesk();
    setUp();
    expect(agency('Avon and Somerset Police').ok).toBe(true);
    expect(lastAudit()).toEqual({ actor: 'Jo Coordinator (jcoord)', action: 'agency.create' });
    addUser('second', 'coordinator');
    signIn('second');
    expect(agency('Sirona Care and Health').ok).toBe(true);
    expect(lastAudit()).toMatchObject({ actor: 'second person (second)' });
  });
});

describe('managing accounts', () => {
  it('never leaves the board without an active coordinator, and nobody disables themselves', () => {
    openAccountsDesk();
    const me = (setUp() as Extract<SessionStatus, { state: 'signed_in' }>).user;
    const demote = d().call('users:update', { userId: me.id, displayName: me.displayName, role: 'chair', disabled: false });
    expect(demote).toMatchObject({ ok: false, error: { message: expect.stringContaining('only active coordinator') } });
    const other = addUser('other', 'coordinator');
    expect(d().call('users:update', { userId: me.id, displayName: me.displayName, role: 'coordinator', disabled: true })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('your own account') },
    });
    // Another coordinator exists now, so stepping down to chair is allowed and takes effect at once.
    expect(ok(d().call('users:update', { userId: me.id, displayName: me.displayName, role: 'chair', disabled: false }))).toMatchObject({
      role: 'chair',
    });
    expect(ok(d().call('session:status', {}))).toMatchObject({ user: { role: 'chair' } });
    expect(d().call('users:list', {})).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    expect(other.role).toBe('coordinator');
  });

  it('refuses a taken user name whatever its case, and a reset password works at once', () => {
    openAccountsDesk();
    setUp();
    expect(d().call('users:create', { userName: 'JCOORD', displayName: 'Copy', role: 'chair', password: PASSWORD })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('is taken') },
    });
    const chair = addUser('chair', 'chair');
    ok(d().call('users:resetPassword', { userId: chair.id, password: 'a brand new pass phrase' }));
    expect(signIn('chair', 'a brand new pass phrase')).toMatchObject({ signedIn: true });
  });

  it('changes your own password only with the current one', () => {
    openAccountsDesk();
    setUp();
    const wrong = d().call('session:changePassword', {
      currentPassword: 'not it at all',
      newPassword: 'another long phrase',
      repeatPassword: 'another long phrase',
    });
    expect(wrong).toMatchObject({ ok: false, error: { message: expect.stringContaining('current password is not right') } });
    ok(
      d().call('session:changePassword', {
        currentPassword: PASSWORD,
        newPassword: 'another long phrase',
        repeatPassword: 'another long phrase',
      }),
    );
    ok(d().call('session:signOut', {}));
    expect(signIn('jcoord')).toMatchObject({ signedIn: false });
    expect(signIn('jcoord', 'another long phrase')).toMatchObject({ signedIn: true });
  });
});
