import { formatUkDateTime, plural } from '../../components/formatting';
import { href } from '../../lib/route';
import { useChannel } from '../../lib/useChannel';
import { useCan } from '../accounts/sessionContext';

/** The chair's list of cases the coordinator has asked them to sign off (issue 16, item 4): shown to whoever may sign off. */
export function SignOffsWaiting() {
  const signs = useCan('escalations:signOff');
  const waiting = useChannel('signOffs:pending', {});
  if (!signs) return null;
  const rows = waiting.data ?? [];
  return (
    <section aria-labelledby="sign-offs-waiting">
      <h2 id="sign-offs-waiting">Waiting for your sign-off ({rows.length})</h2>
      {waiting.error && <p role="alert">{waiting.error.message}</p>}
      {waiting.data && rows.length === 0 && <p>No case is waiting for your sign-off.</p>}
      {rows.length > 0 && (
        <ul>
          {rows.map((r) => (
            <li key={r.escalationId}>
              <a href={href('escalations', r.escalationId)}>Sign off {r.reference}</a>: {r.status}, asked by {r.requestedBy} on{' '}
              {formatUkDateTime(r.requestedAt)}
              {r.openActions > 0 && (
                <strong className="warn-text"> · {plural(r.openActions, 'action still open', 'actions still open')}</strong>
              )}
              {r.note && <span className="hint"> · {r.note}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
