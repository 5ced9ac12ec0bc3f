// Signing in and out, locking, and managing accounts: the service side of the session:* and
// users:* channels. The Session object is the desk's in-memory record of who is at the keyboard.
import type { Role, SessionStatus, SignInResult, User } from '../../../shared/domain/accounts';
import type { ReadContext, WriteContext } from '../context';
import { appendAudit } from '../audit';
import { DomainError } from '../errors';
import { verifyPassword } from './passwords';
import type { Session } from './session';
import { checkSignIn } from './signIn';
import { accountCount, actorName, createUser, resetPassword, setIdleLockMinutes, setOwnPassword, signedIn, toUser, updateUser, userRow } from './users';

export function sessionStatus(ctx: ReadContext | WriteContext, session: Session): SessionStatus {
  return session.status(accountCount(ctx.db) > 0, ctx.now);
}

/** The very first account, made by whoever installs the app: always a coordinator. */
export function setUpFirstAccount(ctx: WriteContext, session: Session, input: { userName: string; displayName: string; password: string }): SessionStatus {
  if (accountCount(ctx.db) > 0) throw new DomainError('This board already has accounts: sign in with yours, or ask a coordinator for one.');
  const user = createUser({ ...ctx, actor: actorName(input) }, { ...input, role: 'coordinator' });
  // Making the account signs its maker in.
  ctx.db.prepare('UPDATE app_user SET last_signed_in_at = ? WHERE id = ?').run(ctx.now.toISOString(), user.id);
  session.signIn({ id: user.id, userName: user.userName, displayName: user.displayName, role: user.role }, ctx.now);
  return sessionStatus(ctx, session);
}

export function signIn(ctx: WriteContext, session: Session, input: { userName: string; password: string }): SignInResult {
  const check = checkSignIn(ctx, input);
  if (!check.ok) return { signedIn: false, message: check.message, waitSeconds: check.waitSeconds };
  session.signIn(check.user, ctx.now);
  return { signedIn: true, status: sessionStatus(ctx, session) };
}

export function signOut(ctx: WriteContext, session: Session): SessionStatus {
  if (session.user) appendAudit({ ...ctx, actor: actorName(session.user) }, { action: 'session.signOut', entity: 'app_user', entityId: session.user.id });
  session.signOut();
  return sessionStatus(ctx, session);
}

export function lock(ctx: WriteContext, session: Session): SessionStatus {
  session.lock();
  return sessionStatus(ctx, session);
}

export function changeOwnPassword(ctx: WriteContext, session: Session, input: { currentPassword: string; newPassword: string }): SessionStatus {
  const user = session.user;
  if (!user) throw new DomainError('Sign in first.');
  if (!verifyPassword(input.currentPassword, userRow(ctx.db, user.id).password_hash)) {
    throw new DomainError('Your current password is not right, so it was not changed.', [{ where: 'Current password', message: 'Not right' }]);
  }
  setOwnPassword(ctx, user.id, input.newPassword);
  return sessionStatus(ctx, session);
}

export function updateAccount(ctx: WriteContext, session: Session, input: { userId: number; displayName: string; role: Role; disabled: boolean }): User {
  const updated = updateUser(ctx, input, session.user?.id ?? null);
  // Someone changing their own name or role sees it at once.
  if (session.user?.id === updated.id) session.signIn(signedIn(userRow(ctx.db, updated.id)), ctx.now);
  return updated;
}

export function setIdleLock(ctx: WriteContext, session: Session, minutes: number): { idleLockMinutes: number } {
  session.setIdleLockMinutes(setIdleLockMinutes(ctx, minutes));
  return { idleLockMinutes: minutes };
}

export { createUser, resetPassword, toUser };
