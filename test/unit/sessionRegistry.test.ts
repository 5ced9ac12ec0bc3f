// The session registry on its own: what the web mode, the desktop window and the command line
// (and, next, the board server) rely on to tell people apart.
import { describe, expect, it } from 'vitest';
import { SessionRegistry, type Caller } from '../../electron/services/accounts/sessionRegistry';
import type { SignedInUser } from '../../shared/domain/accounts';

const jo: SignedInUser = { id: 1, userName: 'jcoord', displayName: 'Jo Coordinator', role: 'coordinator' };
const pat: SignedInUser = { id: 2, userName: 'chair', displayName: 'Pat Chair', role: 'chair' };
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 23, 9, minutes));
const web = (address = '127.0.0.1'): Caller => ({ session: null, from: { via: 'web', address } });

describe('the session registry', () => {
  it('makes a new session with new 256-bit secrets at every sign-in, ending the one the caller held', () => {
    const sessions = new SessionRegistry(15);
    const caller = web();
    const first = sessions.signIn(caller, jo, at(0));
    expect(caller.session).toBe(first);
    expect(first.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.csrfToken).not.toBe(first.id);
    const second = sessions.signIn(caller, jo, at(1));
    expect(second.id).not.toBe(first.id);
    expect(first.ended).toBe(true);
    expect(sessions.resolve(first.id, first.csrfToken, at(1))).toBeNull();
    expect(sessions.resolve(second.id, second.csrfToken, at(1))).toBe(second);
  });

  it('resolves a session only with its own token', () => {
    const sessions = new SessionRegistry(15);
    const s = sessions.signIn(web(), jo, at(0));
    for (const token of [null, undefined, '', 'none', s.id, `${s.csrfToken}x`]) expect(sessions.resolve(s.id, token, at(0))).toBeNull();
    expect(sessions.resolve(undefined, s.csrfToken, at(0))).toBeNull();
  });

  it('signs out only the caller’s own session; a seat holds one session at a time', () => {
    const sessions = new SessionRegistry(15);
    const a = web();
    const b = web('127.0.0.2');
    const seat = sessions.seat({ via: 'desktop', address: null });
    sessions.signIn(a, jo, at(0));
    sessions.signIn(b, pat, at(0));
    sessions.signIn(seat, jo, at(0));
    sessions.signOut(a, at(1));
    expect(a.session).toBeNull();
    expect(sessions.list(at(1)).map((s) => [s.user.userName, s.via, s.address])).toEqual([
      ['chair', 'web', '127.0.0.2'],
      ['jcoord', 'desktop', null],
    ]);
    // The list never gives ids or tokens away.
    expect(JSON.stringify(sessions.list(at(1)))).not.toContain(b.session!.id);
  });

  it('locks each session after the board’s idle period on its own, and forgets one unused for 12 hours', () => {
    const sessions = new SessionRegistry(15);
    const a = sessions.signIn(web(), jo, at(0));
    const b = sessions.signIn(web(), pat, at(0));
    b.touch(at(10));
    expect(a.isActive(at(16))).toBe(false);
    expect(b.isActive(at(16))).toBe(true);
    sessions.setIdleLockMinutes(5);
    expect(b.isActive(at(16))).toBe(false);
    expect(sessions.resolve(a.id, a.csrfToken, new Date(at(0).getTime() + 12 * 3600_000))).toBeNull();
    expect(a.ended).toBe(true);
  });

  it('keeps at most its limit of sessions, letting the longest unused go', () => {
    const sessions = new SessionRegistry(15, { limit: 2 });
    const a = sessions.signIn(web(), jo, at(0));
    const b = sessions.signIn(web(), pat, at(1));
    sessions.signIn(web(), pat, at(2));
    expect(a.ended).toBe(true);
    expect(b.ended).toBe(false);
    expect(sessions.list(at(2))).toHaveLength(2);
  });

  it('ends one account’s sessions, follows its renames, ends by ref, and ends all when the desk closes', () => {
    const sessions = new SessionRegistry(15);
    const keep = sessions.signIn(web(), pat, at(0));
    const other = sessions.signIn(web(), pat, at(0));
    const joS = sessions.signIn(web(), jo, at(0));
    sessions.updateUser({ ...pat, role: 'read_only' });
    expect(other.user.role).toBe('read_only');
    expect(sessions.endFor(pat.id, at(1), keep)).toBe(1);
    expect([keep.ended, other.ended]).toEqual([false, true]);
    expect(sessions.endByRef(joS.ref, at(1))).toBe(true);
    expect(sessions.endByRef(joS.ref, at(1))).toBe(false);
    sessions.endAll(at(2));
    expect(keep.ended).toBe(true);
    expect(sessions.list(at(2))).toEqual([]);
  });
});
