import { ROLE_DUTIES, ROLE_LABELS } from '../../../../shared/domain/accounts';
import { useChannel } from '../../lib/useChannel';
import { ChangePasswordForm } from './ChangePasswordForm';
import { IdleLockForm } from './IdleLockForm';
import { NewUserForm } from './NewUserForm';
import { useCan, useSession } from './sessionContext';
import { UserRow } from './UserRow';
import { usePageTitle } from '../../lib/pageTitle';

export function AccountsPage() {
  usePageTitle('Accounts');
  const { user } = useSession();
  const manages = useCan('users:list');
  return (
    <>
      <h1>Accounts</h1>
      <p>
        You are signed in as {user.displayName} ({user.userName}). Your role is {ROLE_LABELS[user.role].toLowerCase()}: it{' '}
        {ROLE_DUTIES[user.role]}.
      </p>
      <ChangePasswordForm />
      {manages && <BoardAccounts />}
    </>
  );
}

function BoardAccounts() {
  const users = useChannel('users:list', {});
  if (!users.data) return <p role={users.error ? 'alert' : 'status'}>{users.error ? users.error.message : 'Loading the accounts…'}</p>;
  return (
    <>
      <section aria-labelledby="board-accounts">
        <h2 id="board-accounts">People who can sign in</h2>
        <p className="hint">Accounts are never deleted, because the audit trail names who made each change: disable an account instead.</p>
        <ul className="accounts">
          {users.data.users.map((u) => (
            <UserRow key={`${u.id}-${u.role}-${u.disabledOn ?? ''}`} user={u} onChanged={users.reload} />
          ))}
        </ul>
      </section>
      <NewUserForm onCreated={users.reload} />
      <IdleLockForm minutes={users.data.idleLockMinutes} />
    </>
  );
}
