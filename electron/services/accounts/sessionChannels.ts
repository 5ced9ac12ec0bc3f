// Signing in and out, locking, and managing accounts: the service side of the session:* and
// users:* channels. The session registry is the desk's in-memory record of who is signed in; each
// call comes with its caller's seat (the session it presents), which signing in and out replace.
import type { Role, SessionStatus, SignInResult, User } from '../../../shared/domain/accounts';
import type { ReadContext, WriteContext } from '../context';
import { appendAudit } from '../audit';
import { DomainError } from '../errors';
import { verifyPassword } from './passwords';
import type { Caller, SessionRegistry } from './sessionRegistry';
import { checkSignIn } from './signIn';
import {
  accountCount,
  actorName,
  createUser,
  resetPassword as resetUserPassword,
  setIdleLockMinutes,
  setOwnPassword,
  signedIn,
  toUser,
  updateUser,
  userRow,
} from './users';

/** The caller of this one call, and the registry of the desk it reached. */
export interface SessionScope {
  caller: Caller;
  sessions: SessionRegistry;
}

export function sessionStatus(ctx: ReadContext | WriteContext, scope: SessionScope): SessionStatus {
  return scope.sessions.status(scope.caller, accountCount(ctx.db) > 0, ctx.now);
}

/** The very first account, made by whoever installs the app: always a coordinator. */
export function setUpFirstAccount(
  ctx: WriteContext,
  scope: SessionScope,
  input: { userName: string; displayName: string; password: string },
): SessionStatus {
  if (accountCount(ctx.db) > 0) throw new DomainError('This board already has accounts: sign in with yours, or ask a coordinator for one.');
  const user = createUser({ ...ctx, actor: actorName(input) }, { ...input, role: 'coordinator' });
  // Making the account signs its maker in.
  ctx.db.prepare('UPDATE app_user SET last_signed_in_at = ? WHERE id = ?').run(ctx.now.toISOString(), user.id);
  scope.sessions.signIn(scope.caller, { id: user.id, userName: user.userName, displayName: user.displayName, role: user.role }, ctx.now);
  return sessionStatus(ctx, scope);
}

export function signIn(ctx: WriteContext, scope: SessionScope, input: { userName: string; password: string }): SignInResult {
  const check = checkSignIn(ctx, input);
  if (!check.ok) return { signedIn: false, message: check.message, waitSeconds: check.waitSeconds };
  // Always a new session (a new id): whatever the caller held before, locked or someone else's, ends.
  scope.sessions.signIn(scope.caller, check.user, ctx.now);
  return { signedIn: true, status: sessionStatus(ctx, scope) };
}

/** Ends the caller's own session only: anyone else signed in stays signed in. */
export function signOut(ctx: WriteContext, scope: SessionScope): SessionStatus {
  const user = scope.caller.session?.user;
  if (user) appendAudit({ ...ctx, actor: actorName(user) }, { action: 'session.signOut', entity: 'app_user', entityId: user.id });
  scope.sessions.signOut(scope.caller, ctx.now);
  return sessionStatus(ctx, scope);
}

export function lock(ctx: WriteContext, scope: SessionScope): SessionStatus {
  scope.caller.session?.lock();
  return sessionStatus(ctx, scope);
}

export function changeOwnPassword(
  ctx: WriteContext,
  scope: SessionScope,
  input: { currentPassword: string; newPassword: string },
): SessionStatus {
  const session = scope.caller.session;
  if (!session) throw new DomainError('Sign in first.');
  if (!verifyPassword(input.currentPassword, userRow(ctx.db, session.user.id).password_hash)) {
    throw new DomainError('Your current password is not right, so it was not changed.', [
      { where: 'Current password', message: 'Not right' },
    ]);
  }
  setOwnPassword(ctx, session.user.id, input.newPassword);
  // Anyone who learnt the old password and signed in with it elsewhere is signed out.
  scope.sessions.endFor(session.user.id, ctx.now, session);
  return sessionStatus(ctx, scope);
}

export function updateAccount(
  ctx: WriteContext,
  scope: SessionScope,
  input: { userId: number; displayName: string; role: Role; disabled: boolean },
): User {
  const updated = updateUser(ctx, input, scope.caller.session?.user.id ?? null);
  // A disabled account is signed out everywhere; a renamed or re-roled one sees it at once, wherever it is signed in.
  if (updated.disabledOn !== null) scope.sessions.endFor(updated.id, ctx.now);
  else scope.sessions.updateUser(signedIn(userRow(ctx.db, updated.id)));
  return updated;
}

/** A coordinator sets a new password for someone: that person's sessions end (the old password may be why). */
export function resetPassword(ctx: WriteContext, scope: SessionScope, input: { userId: number; password: string }): User {
  const user = resetUserPassword(ctx, input);
  scope.sessions.endFor(user.id, ctx.now, scope.caller.session);
  return user;
}

export function setIdleLock(ctx: WriteContext, scope: SessionScope, minutes: number): { idleLockMinutes: number } {
  scope.sessions.setIdleLockMinutes(setIdleLockMinutes(ctx, minutes));
  return { idleLockMinutes: minutes };
}

export { createUser, toUser };
