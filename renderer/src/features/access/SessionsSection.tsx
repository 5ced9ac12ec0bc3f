// Who is signed in, from which address, since when and last active; the coordinator can end
// anyone else's session (they are asked to sign in again at their next step). Their own is ended
// by signing out, which the list says instead of offering the button.
import { useState } from 'react';
import type { SessionSummaryView } from '../../../../shared/domain/accessRecord';
import { ROLE_LABELS, type Role } from '../../../../shared/domain/accounts';
import { Feedback } from '../../components/Feedback';
import { call } from '../../lib/api';
import { useAction } from '../../lib/useAction';
import { useChannel } from '../../lib/useChannel';

const WHEN = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' });

export function SessionsSection() {
  const sessions = useChannel('sessions:list', {});
  const action = useAction();
  const [confirming, setConfirming] = useState<number | null>(null);

  const end = async (s: SessionSummaryView) => {
    const ended = await action.run(
      () => call('sessions:end', { sessionRef: s.ref }),
      (e) => `${e.displayName}’s session has ended: they will be asked to sign in again.`,
    );
    setConfirming(null);
    if (ended) sessions.reload();
  };

  return (
    <section aria-labelledby="signed-in">
      <h2 id="signed-in">Who is signed in</h2>
      <Feedback state={action} />
      {sessions.error && <p role="alert">{sessions.error.message}</p>}
      {sessions.data && (
        <table tabIndex={0}>
          <caption className="visually-hidden">Sessions open now</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Role</th>
              <th scope="col">Address</th>
              <th scope="col">Via</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last active</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.data.map((s) => (
              <tr key={s.ref}>
                <th scope="row">
                  {s.displayName} <span className="muted">({s.userName})</span>
                </th>
                <td>{ROLE_LABELS[s.role as Role] ?? s.role}</td>
                <td>{s.address ?? <span className="muted">this computer</span>}</td>
                <td>{s.via}</td>
                <td>{WHEN.format(new Date(s.signedInAt))}</td>
                <td>{WHEN.format(new Date(s.lastActivityAt))}</td>
                <td>{s.state === 'locked' ? 'Locked' : 'Signed in'}</td>
                <td>
                  {s.yours ? (
                    <span className="muted">Your session: use Sign out</span>
                  ) : confirming === s.ref ? (
                    <span role="group" aria-label={`End ${s.displayName}’s session?`}>
                      <button type="button" className="button--warning" disabled={action.busy} onClick={() => void end(s)}>
                        Yes, end {s.displayName}’s session
                      </button>{' '}
                      <button type="button" className="button--secondary" onClick={() => setConfirming(null)}>
                        Keep it
                      </button>
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="button--secondary"
                      aria-label={`End session of ${s.displayName} (${s.address ?? 'this computer'})`}
                      onClick={() => setConfirming(s.ref)}
                    >
                      End session
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" className="button--secondary" onClick={sessions.reload}>
        Refresh the list
      </button>
    </section>
  );
}
