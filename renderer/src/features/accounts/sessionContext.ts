import { createContext, useContext } from 'react';
import type { Channel } from '../../../../shared/contract';
import { roleMayCall } from '../../../../shared/domain/access';
import type { SignedInUser } from '../../../../shared/domain/accounts';

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

/** Whether the signed-in user's role may use a channel: screens offer only what will be accepted. */
export function useCan(channel: Channel): boolean {
  const session = useContext(SessionContext);
  return session !== null && roleMayCall(session.user.role, channel);
}
