import { useState, type FormEvent } from 'react';
import { ROLE_LABELS, type Role, type User } from '../../../../shared/domain/accounts';
import { RoleField } from './RoleField';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Feedback } from '../../components/Feedback';
import { formatUkDateTime } from '../../components/formatting';
import { call } from '../../lib/api';
import { useAction } from '../../lib/useAction';

/** One account: its role and whether it may sign in, and a new password when one is forgotten. */
export function UserRow({ user, onChanged }: { user: User; onChanged: () => void }) {
  const action = useAction();
  const [role, setRole] = useState<Role>(user.role);
  const [displayName, setDisplayName] = useState(user.displayName);
  const [password, setPassword] = useState('');
  const save = (disabled: boolean) =>
    void action.run(
      () => call('users:update', { userId: user.id, displayName, role, disabled }),
      (u) => {
        onChanged();
        return u.disabledOn ? `${u.displayName} can no longer sign in.` : `Saved ${u.displayName}: ${ROLE_LABELS[u.role].toLowerCase()}.`;
      },
    );
  const reset = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      () => call('users:resetPassword', { userId: user.id, password }),
      (u) => {
        setPassword('');
        return `New password set for ${u.displayName}. Tell them in person.`;
      },
    );
  };
  const label = `${user.displayName} (${user.userName})`;
  return (
    <li className="account">
      <h3>
        {label}
        {user.disabledOn ? ' · disabled' : ''}
      </h3>
      <p className="hint">Last signed in: {user.lastSignedInAt ? formatUkDateTime(user.lastSignedInAt) : 'never'}</p>
      <div className="form-row">
        <div className="field">
          <label htmlFor={`user-${user.id}-display`}>Name</label>
          <input id={`user-${user.id}-display`} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </div>
        <RoleField id={`user-${user.id}-role`} role={role} onChange={setRole} />
        <button type="button" disabled={action.busy} onClick={() => save(user.disabledOn !== null)} aria-label={`Save ${label}`}>
          Save
        </button>
        <button
          type="button"
          className="button--secondary"
          disabled={action.busy}
          onClick={() => save(user.disabledOn === null)}
          aria-label={`${user.disabledOn ? 'Enable' : 'Disable'} ${label}`}
        >
          {user.disabledOn ? 'Enable' : 'Disable'}
        </button>
      </div>
      <form noValidate className="form-row" onSubmit={reset} aria-label={`New password for ${label}`}>
        <ErrorSummary state={action} />
        <div className="field">
          <label htmlFor={`user-${user.id}-password`}>New password</label>
          <input
            id={`user-${user.id}-password`}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button type="submit" className="button--secondary" disabled={action.busy}>
          Set new password
        </button>
      </form>
      <Feedback state={action} summarised />
    </li>
  );
}
