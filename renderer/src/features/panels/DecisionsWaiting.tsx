import { formatUkDate } from '../../../../shared/domain/dates';
import { href } from '../../lib/route';
import { useChannel } from '../../lib/useChannel';
import { useCan } from '../accounts/sessionContext';

/** The chair's list of cases referred to the board with no decision yet, each a link to the decision on its case. */
export function DecisionsWaiting() {
  const decides = useCan('chair:decide');
  const waiting = useChannel('chair:awaitingDecision', {});
  if (!decides) return null;
  const rows = waiting.data ?? [];
  return (
    <section aria-labelledby="decisions-waiting">
      <h2 id="decisions-waiting">Waiting for your decision ({rows.length})</h2>
      {waiting.error && <p role="alert">{waiting.error.message}</p>}
      {waiting.data && rows.length === 0 && <p>No case referred to the board is waiting for a decision.</p>}
      {rows.length > 0 && (
        <ul>
          {rows.map((r) => (
            <li key={r.escalationId}>
              <a href={href('escalations', r.escalationId, 'decide')}>Decide on {r.reference}</a>: stage {r.stageNumber}, {r.stageName}
              {r.referredOn && `, since ${formatUkDate(r.referredOn)}`} <span className="hint">({r.policy})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
