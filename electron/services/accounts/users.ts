// The board's user accounts: created, renamed, given another role or disabled by a coordinator.
// Accounts are never deleted, because the audit trail names the people who made each change.
import { IDLE_LOCK_DEFAULT_MINUTES, type Role, type SignedInUser, type User } from '../../../shared/domain/accounts';
import type { ReadableDb, WritableDb } from '../../db/types';
import { appendAudit } from '../audit';
import type { WriteContext } from '../context';
import { DomainError, NotFoundError } from '../errors';
import { hashPassword } from './passwords';

type AnyDb = ReadableDb | WritableDb;

export interface UserRow {
  id: number;
  user_name: string;
  display_name: string;
  role: Role;
  password_hash: string;
  disabled_on: string | null;
  created_at: string;
  last_signed_in_at: string | null;
}

export const userNameKey = (userName: string) => userName.trim().toLowerCase();

/** How a person is named in the audit trail: the name colleagues know, and the unique user name. */
export const actorName = (user: Pick<SignedInUser, 'displayName' | 'userName'>) => `${user.displayName} (${user.userName})`;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    userName: row.user_name,
    displayName: row.display_name,
    role: row.role,
    disabledOn: row.disabled_on,
    createdAt: row.created_at,
    lastSignedInAt: row.last_signed_in_at,
  };
}

export function signedIn(row: UserRow): SignedInUser {
  return { id: row.id, userName: row.user_name, displayName: row.display_name, role: row.role };
}

export function accountCount(db: AnyDb): number {
  return (db.prepare('SELECT count(*) AS n FROM app_user').get() as { n: number }).n;
}

export function findByUserName(db: AnyDb, userName: string): UserRow | undefined {
  return db.prepare('SELECT * FROM app_user WHERE user_name_key = ?').get(userNameKey(userName)) as UserRow | undefined;
}

export function userRow(db: AnyDb, userId: number): UserRow {
  const row = db.prepare('SELECT * FROM app_user WHERE id = ?').get(userId) as UserRow | undefined;
  if (!row) throw new NotFoundError(`There is no user account with id ${userId}.`, [{ where: 'User', message: 'Not found' }]);
  return row;
}

export function listUsers(db: AnyDb): User[] {
  return (db.prepare('SELECT * FROM app_user ORDER BY disabled_on IS NOT NULL, display_name COLLATE NOCASE').all() as UserRow[]).map(
    toUser,
  );
}

export function idleLockMinutes(db: AnyDb): number {
  const row = db.prepare("SELECT value FROM board_setting WHERE key = 'idle_lock_minutes'").get() as { value: string } | undefined;
  return row ? Number(row.value) : IDLE_LOCK_DEFAULT_MINUTES;
}

export function setIdleLockMinutes(ctx: WriteContext, minutes: number): number {
  const before = idleLockMinutes(ctx.db);
  ctx.db
    .prepare("INSERT INTO board_setting (key, value) VALUES ('idle_lock_minutes', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
    .run(String(minutes));
  appendAudit(ctx, { action: 'accounts.idleLock', entity: 'board', entityId: null, before: { minutes: before }, after: { minutes } });
  return minutes;
}

export function createUser(ctx: WriteContext, input: { userName: string; displayName: string; role: Role; password: string }): User {
  const clash = findByUserName(ctx.db, input.userName);
  if (clash)
    throw new DomainError(`The user name “${clash.user_name}” is taken (by ${clash.display_name}).`, [
      { where: 'User name', message: 'Already taken' },
    ]);
  const info = ctx.db
    .prepare('INSERT INTO app_user (user_name, user_name_key, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(input.userName, userNameKey(input.userName), input.displayName, input.role, hashPassword(input.password), ctx.now.toISOString());
  const id = Number(info.lastInsertRowid);
  appendAudit(ctx, {
    action: 'accounts.create',
    entity: 'app_user',
    entityId: id,
    after: { userName: input.userName, displayName: input.displayName, role: input.role },
  });
  return toUser(userRow(ctx.db, id));
}

function activeCoordinators(db: AnyDb, except: number): number {
  return (
    db.prepare("SELECT count(*) AS n FROM app_user WHERE role = 'coordinator' AND disabled_on IS NULL AND id <> ?").get(except) as {
      n: number;
    }
  ).n;
}

/** Rename, change role, disable or enable. Refuses to leave the board without an active coordinator. */
export function updateUser(
  ctx: WriteContext,
  input: { userId: number; displayName: string; role: Role; disabled: boolean },
  actingUserId: number | null,
): User {
  const row = userRow(ctx.db, input.userId);
  const losesCoordinator = row.role === 'coordinator' && row.disabled_on === null && (input.role !== 'coordinator' || input.disabled);
  if (losesCoordinator && activeCoordinators(ctx.db, row.id) === 0) {
    throw new DomainError(
      `${row.display_name} is the only active coordinator: make someone else a coordinator first, or nobody could manage accounts.`,
      [{ where: 'Role', message: 'The last active coordinator must stay' }],
    );
  }
  if (input.disabled && actingUserId === row.id) {
    throw new DomainError('You cannot disable your own account while signed in with it.', [
      { where: 'Disabled', message: 'Your own account' },
    ]);
  }
  const disabledOn = input.disabled ? (row.disabled_on ?? ctx.now.toISOString()) : null;
  ctx.db
    .prepare('UPDATE app_user SET display_name = ?, role = ?, disabled_on = ? WHERE id = ?')
    .run(input.displayName, input.role, disabledOn, row.id);
  appendAudit(ctx, {
    action: 'accounts.update',
    entity: 'app_user',
    entityId: row.id,
    before: { displayName: row.display_name, role: row.role, disabledOn: row.disabled_on },
    after: { displayName: input.displayName, role: input.role, disabledOn },
  });
  return toUser(userRow(ctx.db, row.id));
}

/** A coordinator sets a new password for someone who has forgotten theirs (tell them in person). */
export function resetPassword(ctx: WriteContext, input: { userId: number; password: string }): User {
  const row = userRow(ctx.db, input.userId);
  ctx.db.prepare('UPDATE app_user SET password_hash = ? WHERE id = ?').run(hashPassword(input.password), row.id);
  ctx.db.prepare('DELETE FROM sign_in_throttle WHERE user_name_key = ?').run(userNameKey(row.user_name));
  // The audit entry says that it changed, never what to.
  appendAudit(ctx, { action: 'accounts.resetPassword', entity: 'app_user', entityId: row.id, after: { userName: row.user_name } });
  return toUser(row);
}

export function setOwnPassword(ctx: WriteContext, userId: number, password: string): void {
  ctx.db.prepare('UPDATE app_user SET password_hash = ? WHERE id = ?').run(hashPassword(password), userId);
  appendAudit(ctx, { action: 'accounts.changeOwnPassword', entity: 'app_user', entityId: userId });
}
