import { useState, type FormEvent } from 'react';
import { formatUkDate, todayIso } from '../../../../shared/domain/dates';
import { OUTCOME_EFFECTS, type EscalationDetail } from '../../../../shared/domain/escalation';
import { CLOSURE_WAYS } from '../../../../shared/domain/signOff';
import { ErrorSummary } from '../../components/ErrorSummary';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import type { CaseFormProps } from './caseTypes';
import { useCan } from '../accounts/sessionContext';
import { DateInput } from '../../components/DateInput';

/** Whether there is an outcome, an ending or a consequent action to show: the section and the page's contents agree. */
export const showsOutcome = (d: EscalationDetail) => !!(d.outcome || d.withdrawn || d.closed || d.actions.length > 0);

/** The agreed outcome (or the withdrawal and closure), and the consequent actions with "Mark done". */
export function OutcomeSection({ detail: d, onSaved }: CaseFormProps) {
  const action = useVersionedAction(d.version);
  const [doneOn, setDoneOn] = useState(todayIso());
  const marksDone = useCan('escalations:actionDone');
  if (!showsOutcome(d)) return null;
  // Each "Mark done" submits the form it sits in with the date above, so a date that is not real is
  // refused in the error summary before anything is sent, as in every other form.
  const markDone = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const button = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const actionId = Number(button?.value);
    const description = d.actions.find((a) => a.id === actionId)?.description ?? '';
    void action.run(
      (basedOnVersion) => call('escalations:actionDone', { basedOnVersion, actionId, doneOn }),
      () => {
        onSaved(`Marked “${description}” done on ${formatUkDate(doneOn)}.`);
        return '';
      },
    );
  };
  const outstanding = d.actions.some((a) => !a.doneOn);
  const marking = outstanding && marksDone;
  const actionsTable = (
    <table tabIndex={0}>
      <caption className="visually-hidden">Consequent actions of {d.reference}</caption>
      <thead>
        <tr>
          <th scope="col">Action</th>
          <th scope="col">Owner</th>
          <th scope="col">Due</th>
          <th scope="col">Done</th>
        </tr>
      </thead>
      <tbody>
        {d.actions.map((a) => (
          <tr key={a.id}>
            <th scope="row">{a.description}</th>
            <td>{a.owner}</td>
            <td>{formatUkDate(a.dueOn)}</td>
            <td>
              {a.doneOn ? (
                `Done ${formatUkDate(a.doneOn)}`
              ) : !marksDone ? (
                'Not yet done'
              ) : (
                <button
                  type="submit"
                  value={a.id}
                  className="button--small"
                  disabled={action.busy}
                  aria-label={`Mark done: ${a.description}`}
                >
                  Mark done
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <section aria-labelledby="outcome">
      <h2 id="outcome">Outcome</h2>
      {d.outcome && (
        <>
          <dl className="facts">
            <div>
              <dt>Resolved on</dt>
              <dd>{formatUkDate(d.outcome.resolvedOn)}</dd>
            </div>
            <div>
              <dt>Effect</dt>
              <dd>{OUTCOME_EFFECTS[d.outcome.effect]}</dd>
            </div>
            <div>
              <dt>Agreed by</dt>
              <dd>{d.outcome.agreedBy}</dd>
            </div>
            <div>
              <dt>Learning themes</dt>
              <dd>{d.outcome.themes.length > 0 ? d.outcome.themes.map((t) => t.name).join(', ') : 'None recorded'}</dd>
            </div>
          </dl>
          <h3>Written statement of outcome</h3>
          <p className="summary">{d.outcome.statement}</p>
          {d.outcome.policyGap && (
            <p className="flag">
              <strong>Policy gap flagged to the chair:</strong> {d.outcome.policyGapNote}
            </p>
          )}
        </>
      )}
      {d.withdrawn && (
        <p>
          <strong>Withdrawn on {formatUkDate(d.withdrawn.on)}:</strong> {d.withdrawn.reason}
        </p>
      )}
      {d.closed && (
        <p>
          <strong>Closed on {formatUkDate(d.closed.on)}</strong>, signed off by {d.closed.chairName}
          {d.closed.how && ` (${CLOSURE_WAYS[d.closed.how].toLowerCase()})`}.
        </p>
      )}
      {d.actions.length > 0 && (
        <>
          <h3>Consequent actions</h3>
          {marking ? (
            <form noValidate className="stack" onSubmit={markDone} onChange={action.start} aria-label="Mark consequent actions done">
              <ErrorSummary state={action} />
              <DateInput id="action-done-on" legend="Date used for “Mark done”" value={doneOn} onChange={setDoneOn} />
              {actionsTable}
            </form>
          ) : (
            actionsTable
          )}
        </>
      )}
    </section>
  );
}
