import { useState, type FormEvent } from 'react';
import { formatUkDate, todayIso } from '../../../../shared/domain/dates';
import type { EscalationDetail } from '../../../../shared/domain/escalation';
import { CHAIR_ROUTES, type ChairRoute } from '../../../../shared/domain/panel';
import { href } from '../../lib/route';
import { ChildNameCheck } from '../../components/ChildNameCheck';
import { ErrorSummary } from '../../components/ErrorSummary';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import { useKnownNames } from '../../lib/useKnownNames';
import { useChannel } from '../../lib/useChannel';
import { useCan } from '../accounts/sessionContext';
import { chairDecisions, isPanelRoute, routesFor } from './chairRoute';
import { DateInput } from '../../components/DateInput';

interface Props {
  detail: EscalationDetail;
  /** Called with a success line once the decision is saved; the case should be read again. */
  onSaved: (message: string) => void;
}

/**
 * What the chair last decided on a case at the board, with the way on to its panel: on the case
 * page, for everyone who reads the case (the timeline keeps every decision).
 */
export function ChairDecided({ detail }: { detail: EscalationDetail }) {
  const panels = useChannel('panels:list', {});
  const plans = useCan('panels:save');
  const latest = chairDecisions(detail).at(-1) ?? null;
  if (detail.status !== 'open' || !latest) return null;
  const planned = (panels.data ?? []).find((p) => p.escalationId === detail.id && p.status === 'planned') ?? null;
  const noun = detail.profile.panelRuleKind === 'uninvolved_chair_meeting' ? 'meeting' : 'panel';
  return (
    <section aria-labelledby="chair-decision" className="chair-decision">
      <h2 id="chair-decision">Chair’s decision</h2>
      <div className="card card--current">
        <h3>Decided: {latest.label}</h3>
        <p>{latest.detail}</p>
        {isPanelRoute(latest.route) && (
          <p className="actions">
            {planned ? (
              <a className="button-link" href={href('panels', planned.id)}>
                Open the planned {noun} (sits {formatUkDate(planned.sitsOn)})
              </a>
            ) : plans ? (
              <a className="button-link" href={href('panels', 'new', detail.id)}>
                Plan the {noun}
              </a>
            ) : (
              <span className="muted">No {noun} is planned yet.</span>
            )}
          </p>
        )}
      </div>
    </section>
  );
}

/**
 * The independent chair's decision on a case referred to the board: resolve directly, call a
 * meeting, or convene a panel. Offered only for an open case at its policy's last stage.
 */
export function ChairDecisionForm({ detail, onSaved }: Props) {
  const action = useVersionedAction(detail.version);
  const [route, setRoute] = useState<ChairRoute | ''>('');
  const [decidedOn, setDecidedOn] = useState(todayIso());
  const [reasons, setReasons] = useState('');
  const [decidedBy, setDecidedBy] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const knownNames = useKnownNames();
  if (detail.status !== 'open' || !detail.currentStage || detail.nextStages.length > 0) return null;

  const latest = chairDecisions(detail).at(-1) ?? null;
  const routes = routesFor(detail.profile.panelRuleKind);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      (basedOnVersion) =>
        call('chair:decide', {
          basedOnVersion,
          escalationId: detail.id,
          route: route as ChairRoute,
          decidedOn,
          reasons,
          decidedBy,
          confirmedNoChildName: confirmed,
        }),
      (decided) => {
        setReasons('');
        // A panel this policy cannot form is the chair's call to make, but never a silent one.
        onSaved(
          `Recorded the chair’s decision: ${CHAIR_ROUTES[route as ChairRoute]}.${decided.warnings.length ? ` Warning: ${decided.warnings.join(' ')}` : ''}`,
        );
        return '';
      },
    );
  };

  return (
    <>
      <p className="hint">{detail.profile.lastStep}</p>
      {latest && (
        <p>
          Last decided: <strong>{latest.label}</strong>. A new decision is added to the case’s timeline beside it.
        </p>
      )}
      <form noValidate className="stack" onSubmit={submit} onChange={action.start} aria-label="Record the chair’s decision">
        <ErrorSummary state={action} />
        <fieldset>
          <legend>{latest ? 'Record a new decision' : 'What the chair decided'}</legend>
          <div className="choices">
            {routes.map((r) => (
              <div className="field field--check" key={r}>
                <input id={`chair-route-${r}`} type="radio" name="chair-route" checked={route === r} onChange={() => setRoute(r)} />
                <label htmlFor={`chair-route-${r}`}>{CHAIR_ROUTES[r]}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <div className="form-row">
          <DateInput id="chair-decided-on" legend="Date decided" value={decidedOn} onChange={setDecidedOn} />
          <div className="field">
            <label htmlFor="chair-decided-by">Decided by</label>
            <span id="chair-decided-by-hint" className="hint">
              For example “Independent chair”
            </span>
            <input
              id="chair-decided-by"
              className="input--long"
              aria-describedby="chair-decided-by-hint"
              value={decidedBy}
              onChange={(e) => setDecidedBy(e.target.value)}
            />
          </div>
        </div>
        <div className="field field--wide">
          <label htmlFor="chair-reasons">Reasons</label>
          <textarea id="chair-reasons" rows={3} value={reasons} onChange={(e) => setReasons(e.target.value)} />
        </div>
        <ChildNameCheck text={reasons} knownNames={knownNames} confirmed={confirmed} onConfirmedChange={setConfirmed} />
        <div>
          <button type="submit" disabled={action.busy}>
            Record the chair’s decision
          </button>
        </div>
      </form>
    </>
  );
}
