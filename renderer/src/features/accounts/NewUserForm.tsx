import { useState, type FormEvent } from 'react';
import { PASSWORD_MIN, type Role } from '../../../../shared/domain/accounts';
import { RoleField } from './RoleField';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Feedback } from '../../components/Feedback';
import { call } from '../../lib/api';
import { useAction } from '../../lib/useAction';

export function NewUserForm({ onCreated }: { onCreated: () => void }) {
  const action = useAction();
  const empty = { userName: '', displayName: '', role: 'read_only' as Role, password: '' };
  const [form, setForm] = useState(empty);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      () => call('users:create', form),
      (user) => {
        setForm(empty);
        onCreated();
        return `Account created for ${user.displayName} (${user.userName}). Give them the password in person; they can change it under Accounts.`;
      },
    );
  };
  return (
    <section aria-labelledby="new-user">
      <h2 id="new-user">Add an account</h2>
      <form noValidate onSubmit={submit} aria-label="Add an account">
        <ErrorSummary state={action} />
        <div className="form-row">
          <div className="field">
            <label htmlFor="new-user-display">Name</label>
            <input id="new-user-display" value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="new-user-name">User name</label>
            <input
              id="new-user-name"
              autoComplete="off"
              value={form.userName}
              onChange={(e) => setForm({ ...form, userName: e.target.value })}
            />
          </div>
          <RoleField id="new-user-role" role={form.role} onChange={(role) => setForm({ ...form, role })} />
          <div className="field">
            <label htmlFor="new-user-password">First password</label>
            <span className="hint" id="new-user-password-hint">
              At least {PASSWORD_MIN} characters
            </span>
            <input
              id="new-user-password"
              type="password"
              autoComplete="new-password"
              aria-describedby="new-user-password-hint"
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.target.value })}
            />
          </div>
        </div>
        <button type="submit" disabled={action.busy}>
          Add the account
        </button>
      </form>
      <Feedback state={action} summarised />
    </section>
  );
}
