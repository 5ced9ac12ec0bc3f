import { createContext, useContext } from 'react';
import type { Channel } from '../../../../shared/contract';
import { channelAccess, roleMayCall } from '../../../../shared/domain/access';
import { ROLE_LABELS, type Role, type SignedInUser } from '../../../../shared/domain/accounts';

export interface SessionView {
  user: SignedInUser;
  idleLockMinutes: number;
  /** Ask the main process again who is signed in (after a lock, a sign-out or a role change). */
  refresh: () => void;
}

export const SessionContext = createContext<SessionView | null>(null);

export function useSession(): SessionView {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the signed-in app');
  return session;
}

/**
 * Whether the screen offers a channel to this person (null: nobody is signed in). It is the
 * server's own map (shared/domain/access.ts), so the screen never offers what the server refuses
 * nor hides what it would accept: signed out, only what comes before signing in.
 */
export function offers(user: Pick<SignedInUser, 'role'> | null, channel: Channel): boolean {
  return user === null ? channelAccess[channel] === 'open' : roleMayCall(user.role, channel);
}

/** Whether the signed-in user's role may use a channel: screens offer only what will be accepted. */
export function useCan(channel: Channel): boolean {
  const session = useContext(SessionContext);
  return offers(session?.user ?? null, channel);
}

/** Who a channel is for, in words ("the business coordinator"), from the same map: said where a form is not offered. */
export function whoMayCall(channel: Channel): string {
  const access = channelAccess[channel];
  if (typeof access === 'string') return 'anyone signed in';
  return access.map((role: Role) => `the ${ROLE_LABELS[role].toLowerCase()}`).join(' or ');
}
