import { useState, type FormEvent } from 'react';
import { PASSWORD_MIN } from '../../../../shared/domain/accounts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Feedback } from '../../components/Feedback';
import { call } from '../../lib/api';
import { useAction } from '../../lib/useAction';

export function ChangePasswordForm() {
  const action = useAction();
  const empty = { currentPassword: '', newPassword: '', repeatPassword: '' };
  const [form, setForm] = useState(empty);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      () => call('session:changePassword', form),
      () => {
        setForm(empty);
        return 'Your password has been changed. Use the new one next time you sign in.';
      },
    );
  };
  return (
    <section aria-labelledby="own-password">
      <h2 id="own-password">Your password</h2>
      <form noValidate className="form-row" onSubmit={submit} aria-label="Change your password">
        <ErrorSummary state={action} />
        <div className="field">
          <label htmlFor="own-current">Current password</label>
          <input
            id="own-current"
            type="password"
            autoComplete="current-password"
            value={form.currentPassword}
            onChange={set('currentPassword')}
          />
        </div>
        <div className="field">
          <label htmlFor="own-new">New password</label>
          <span className="hint" id="own-new-hint">
            At least {PASSWORD_MIN} characters
          </span>
          <input
            id="own-new"
            type="password"
            aria-describedby="own-new-hint"
            autoComplete="new-password"
            value={form.newPassword}
            onChange={set('newPassword')}
          />
        </div>
        <div className="field">
          <label htmlFor="own-repeat">New password again</label>
          <input id="own-repeat" type="password" autoComplete="new-password" value={form.repeatPassword} onChange={set('repeatPassword')} />
        </div>
        <button type="submit" disabled={action.busy}>
          Change my password
        </button>
      </form>
      <Feedback state={action} summarised />
    </section>
  );
}
