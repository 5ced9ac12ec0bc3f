import type { EscalationDetail } from '../../../../shared/domain/escalation';
import { href } from '../../lib/route';
import { useSession, offers } from '../accounts/sessionContext';
import { CASE_ACTIONS, actionsFor } from './caseActions';
import { jumpTo } from './CaseContents';
import { caseStanding } from './caseStanding';

/**
 * The top of the case page: where the case stands, what it is waiting for, and the actions this
 * person may take now, each opening on its own page. The most likely next one is the button.
 */
export function NextSteps({ detail }: { detail: EscalationDetail }) {
  const { user } = useSession();
  const standing = caseStanding(detail);
  const available = actionsFor(detail, (channel) => offers(user, channel));
  const first = standing.suggested && available.includes(standing.suggested) ? standing.suggested : null;
  const rest = available.filter((k) => k !== first);
  return (
    <section aria-labelledby="next-steps" className="next-steps">
      <h2 id="next-steps">What to do next</h2>
      <p className="next-steps__where">{standing.where}</p>
      {standing.owed.length > 0 && (
        <ul aria-label="Still owed" className="next-steps__owed">
          {standing.owed.map((o, i) => (
            <li key={i}>
              {o.text}{' '}
              <button type="button" className="link-button" onClick={() => jumpTo(o.section)}>
                Go to it<span className="visually-hidden">: {o.text}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {first && (
        <p>
          <a className="button-link" href={href('escalations', detail.id, first)}>
            {CASE_ACTIONS[first].link}
          </a>
        </p>
      )}
      {rest.length > 0 && (
        <ul aria-label="Other things to do" className="next-steps__actions">
          {rest.map((k) => (
            <li key={k}>
              <a href={href('escalations', detail.id, k)}>{CASE_ACTIONS[k].link}</a>
            </li>
          ))}
        </ul>
      )}
      {available.length === 0 && standing.owed.length === 0 && <p className="muted">Nothing is waiting on this case.</p>}
    </section>
  );
}
