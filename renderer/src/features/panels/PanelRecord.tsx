import { formatUkDate } from '../../../../shared/domain/dates';
import { ESCALATION_STATUSES } from '../../../../shared/domain/escalation';
import type { PanelDetail } from '../../../../shared/domain/panel';
import { href } from '../../lib/route';
import { useChannel } from '../../lib/useChannel';
import { CannotBeFormed } from './CannotBeFormed';
import { ChecksList } from './ChecksList';

/** A held or cancelled panel as it stands, or a planned one to a role that does not plan panels: shown whole, never changed here. */
export function PanelRecord({ panel: p }: { panel: PanelDetail }) {
  const escalation = useChannel('escalations:get', { escalationId: p.escalationId });
  const e = escalation.data;
  return (
    <>
      <section aria-labelledby="panel-outcome">
        <h2 id="panel-outcome">{p.status === 'held' ? 'Decision' : p.status === 'planned' ? 'Planned' : 'Cancelled'}</h2>
        {p.status === 'planned' ? (
          <p>Not yet held: it sits on {formatUkDate(p.sitsOn)}. The chair records its representations and decision.</p>
        ) : p.status === 'held' ? (
          <dl className="facts facts--text">
            <div>
              <dt>Decided on</dt>
              <dd>{p.decidedOn ? formatUkDate(p.decidedOn) : 'Not recorded'}</dd>
            </div>
            <div>
              <dt>The panel’s decision</dt>
              <dd>{p.decision}</dd>
            </div>
          </dl>
        ) : (
          <p>Reason: {p.cancelReason}</p>
        )}
        {e && (
          <p className="panel-case-link">
            Case {e.reference} is now <span className={`status status--${e.status}`}>{ESCALATION_STATUSES[e.status]}</span>{' '}
            <a href={href('escalations', e.id)}>Open case {e.reference}</a>
          </p>
        )}
      </section>
      <section aria-labelledby="panel-composition">
        <h2 id="panel-composition">Composition</h2>
        <ul>
          <li>Chair: {p.chairName}</li>
          {p.seats.map((s, i) => (
            <li key={i}>
              Seat {i + 1}: {s.agencyName ?? '(empty)'}, {s.officerName ?? '(no officer named)'}
            </li>
          ))}
        </ul>
        {p.wherePossibleReason && <p>Reason for leaving an agency in dispute off: {p.wherePossibleReason}</p>}
      </section>
      {p.checks.cannotBeFormed && (
        <CannotBeFormed cannot={p.checks.cannotBeFormed} departureReason={p.checks.departureReason} status={p.status} />
      )}
      <section aria-labelledby="panel-reps-held">
        <h2 id="panel-reps-held">Representations</h2>
        {p.representations.length === 0 ? (
          <p>None were recorded.</p>
        ) : (
          <ul>
            {p.representations.map((r) => (
              <li key={r.id}>
                {formatUkDate(r.receivedOn)}, {r.fromPerson}
                {r.fromAgency ? ` (${r.fromAgency})` : ''}: {r.summary}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="panel-checks-held">
        <h2 id="panel-checks-held">Checks</h2>
        <ChecksList checks={p.checks} headingId="panel-checks-held" />
      </section>
    </>
  );
}
