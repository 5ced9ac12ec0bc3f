import { useState, type FormEvent } from 'react';
import { PASSWORD_MIN } from '../../../../shared/domain/accounts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Feedback } from '../../components/Feedback';
import { usePageTitle } from '../../lib/pageTitle';
import { call } from '../../lib/api';
import { useAction } from '../../lib/useAction';

/** A new board's first screen: the person installing the app becomes its first coordinator. */
export function FirstAccountPage({ onCreated }: { onCreated: () => void }) {
  const action = useAction();
  usePageTitle('Set up Escalation Desk');
  const [form, setForm] = useState({ userName: '', displayName: '', password: '', repeatPassword: '' });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      () => call('session:setUp', form),
      () => {
        onCreated();
        return 'Account created.';
      },
    );
  };
  return (
    <main id="main" className="sign-in">
      <h1>Set up Escalation Desk</h1>
      <p>
        Every change in the app is recorded under the name of the person who made it. Create the first account: it is a coordinator&rsquo;s,
        and can then add accounts for the chair, the learning hub and colleagues.
      </p>
      <form noValidate onSubmit={submit} aria-label="First account">
        <ErrorSummary state={action} />
        <div className="field">
          <label htmlFor="first-display">Your name</label>
          <span className="hint" id="first-display-hint">
            As colleagues know you: it appears on every change you make.
          </span>
          <input
            id="first-display"
            name="displayName"
            aria-describedby="first-display-hint"
            autoComplete="name"
            value={form.displayName}
            onChange={set('displayName')}
          />
        </div>
        <div className="field">
          <label htmlFor="first-user">User name</label>
          <span className="hint" id="first-user-hint">
            What you type to sign in: letters, digits, dots or dashes.
          </span>
          <input
            id="first-user"
            name="userName"
            aria-describedby="first-user-hint"
            autoComplete="username"
            value={form.userName}
            onChange={set('userName')}
          />
        </div>
        <div className="field">
          <label htmlFor="first-password">Password</label>
          <span className="hint" id="first-password-hint">
            At least {PASSWORD_MIN} characters; three random words work well.
          </span>
          <input
            id="first-password"
            name="password"
            type="password"
            aria-describedby="first-password-hint"
            autoComplete="new-password"
            value={form.password}
            onChange={set('password')}
          />
        </div>
        <div className="field">
          <label htmlFor="first-repeat">Password again</label>
          <input
            id="first-repeat"
            name="repeatPassword"
            type="password"
            autoComplete="new-password"
            value={form.repeatPassword}
            onChange={set('repeatPassword')}
          />
        </div>
        <button type="submit" disabled={action.busy}>
          Create the coordinator account
        </button>
      </form>
      <Feedback state={action} summarised />
    </main>
  );
}
