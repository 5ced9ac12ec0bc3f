import { useCallback, useEffect, useMemo, type ReactNode } from 'react';
import { SESSION_ENDED_EVENT } from '../../lib/api';
import { useChannel } from '../../lib/useChannel';
import { FirstAccountPage } from './FirstAccountPage';
import { SessionContext } from './sessionContext';
import { SignInPage } from './SignInPage';
import { useIdleLock } from './useIdleLock';

/**
 * Shows the app only to a signed-in user; otherwise the first-account, sign-in or unlock screen.
 * When the desk cannot say who is signed in (its records file is not open), `unavailable` is
 * shown instead of the bare message: the window then asks why (App.tsx).
 */
export function SessionGate({
  children,
  unavailable,
}: {
  children: ReactNode;
  unavailable?: (error: Error, retry: () => void) => ReactNode;
}) {
  const status = useChannel('session:status', {});
  const { reload } = status;
  useEffect(() => {
    window.addEventListener(SESSION_ENDED_EVENT, reload);
    return () => window.removeEventListener(SESSION_ENDED_EVENT, reload);
  }, [reload]);

  const current = status.data;
  const signedIn = current?.state === 'signed_in' ? current : null;
  const view = useMemo(
    () => (signedIn ? { user: signedIn.user, idleLockMinutes: signedIn.idleLockMinutes, refresh: reload } : null),
    [signedIn, reload],
  );

  if (!current) {
    if (status.error && unavailable) return unavailable(status.error, reload);
    return (
      <main id="main" className="sign-in">
        {status.error ? (
          <p role="alert">
            {status.error.message}{' '}
            <button type="button" onClick={reload}>
              Try again
            </button>
          </p>
        ) : (
          <p role="status">Opening Escalation Desk…</p>
        )}
      </main>
    );
  }
  if (current.state === 'no_accounts') return <FirstAccountPage onCreated={reload} />;
  if (current.state === 'signed_out') return <SignInPage key="sign-in" lockedUser={null} onSignedIn={reload} />;
  if (current.state === 'locked') return <SignInPage key={`locked-${current.user.id}`} lockedUser={current.user} onSignedIn={reload} />;
  return (
    <SessionContext.Provider value={view}>
      <IdleLock minutes={current.idleLockMinutes} onLocked={reload} />
      {children}
    </SessionContext.Provider>
  );
}

function IdleLock({ minutes, onLocked }: { minutes: number; onLocked: () => void }) {
  const locked = useCallback(() => onLocked(), [onLocked]);
  useIdleLock(minutes, locked);
  return null;
}
