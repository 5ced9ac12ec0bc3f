// Who is signed in, from where, since when (the coordinator's list), and ending someone's session.
import type { SessionSummaryView } from '../../../shared/domain/accessRecord';
import type { Caller, SessionRegistry } from '../accounts/sessionRegistry';
import { NotFoundError, DomainError } from '../errors';
import { viaOf } from './record';

export function listSessions(sessions: SessionRegistry, caller: Caller, now: Date): SessionSummaryView[] {
  return sessions
    .list(now)
    .map((s) => ({
      ref: s.ref,
      userName: s.user.userName,
      displayName: s.user.displayName,
      role: s.user.role,
      via: viaOf(s.via),
      address: s.address,
      state: s.state,
      signedInAt: s.signedInAt,
      lastActivityAt: s.lastActivityAt,
      yours: caller.session?.ref === s.ref,
    }))
    .sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt) || a.ref - b.ref);
}

/** Ends another person's session: their next call gets the sign-in screen. Your own is ended by signing out. */
export function endSession(
  sessions: SessionRegistry,
  caller: Caller,
  ref: number,
  now: Date,
): { ref: number; userName: string; displayName: string } {
  if (caller.session?.ref === ref) {
    throw new DomainError('That is your own session: to end it, sign out. Nothing was changed.', [
      { where: 'Session', message: 'Your own session' },
    ]);
  }
  const session = sessions.byRef(ref);
  if (!session) throw new NotFoundError(`There is no session numbered ${ref} now: it may have ended already. Nothing was changed.`);
  sessions.end(session, now);
  return { ref, userName: session.user.userName, displayName: session.user.displayName };
}
