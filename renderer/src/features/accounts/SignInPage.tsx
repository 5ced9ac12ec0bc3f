import { useState, type FormEvent } from 'react';
import type { SignedInUser } from '../../../../shared/domain/accounts';
import { ROLE_LABELS } from '../../../../shared/domain/accounts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Feedback } from '../../components/Feedback';
import { call } from '../../lib/api';
import { useAction } from '../../lib/useAction';
import { usePageTitle } from '../../lib/pageTitle';

/** Signing in, or unlocking a locked window (the same user name, already filled in). */
export function SignInPage({ lockedUser, onSignedIn }: { lockedUser: SignedInUser | null; onSignedIn: () => void }) {
  usePageTitle(lockedUser ? 'Escalation Desk is locked' : 'Sign in');
  const action = useAction();
  const [userName, setUserName] = useState(lockedUser?.userName ?? '');
  const [password, setPassword] = useState('');
  const [wait, setWait] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setWait(null);
    void action.run(
      () => call('session:signIn', { userName, password }),
      (result) => {
        setPassword('');
        if (result.signedIn) {
          onSignedIn();
          return 'Signed in.';
        }
        setWait(result.message);
        return '';
      },
    );
  };
  const signOut = () => void call('session:signOut', {}).finally(onSignedIn);

  return (
    <main id="main" className="sign-in">
      <h1>{lockedUser ? 'Escalation Desk is locked' : 'Sign in to Escalation Desk'}</h1>
      {lockedUser && (
        <p>
          Locked after a period without use. {lockedUser.displayName} ({ROLE_LABELS[lockedUser.role].toLowerCase()}): enter your password to
          carry on where you left off.
        </p>
      )}
      <form noValidate onSubmit={submit} aria-label={lockedUser ? 'Unlock' : 'Sign in'}>
        <ErrorSummary state={action} />
        <div className="field">
          <label htmlFor="sign-in-user">User name</label>
          <input
            id="sign-in-user"
            autoComplete="username"
            value={userName}
            onChange={(e) => setUserName(e.target.value)}
            readOnly={lockedUser !== null}
          />
        </div>
        <div className="field">
          <label htmlFor="sign-in-password">Password</label>
          <input
            id="sign-in-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoFocus
          />
        </div>
        <button type="submit" disabled={action.busy}>
          {lockedUser ? 'Unlock' : 'Sign in'}
        </button>
        {lockedUser && (
          <button type="button" className="button--secondary" onClick={signOut}>
            Sign out (someone else will sign in)
          </button>
        )}
      </form>
      {wait ? (
        <div role="alert" className="feedback feedback--error">
          <p>{wait}</p>
        </div>
      ) : (
        <Feedback state={action} summarised />
      )}
      <p className="hint">Forgotten your password? A coordinator can set a new one for you under Accounts.</p>
    </main>
  );
}
