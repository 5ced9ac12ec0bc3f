// Closing a resolved or withdrawn case needs the chair (issue 16, item 4). Where the board has a
// chair account, the coordinator asks and the chair signs off, or declines saying why, here on the
// case page (and finds the request on their Panels screen); where it has none, the coordinator
// records who signed off and how. Consequent actions still open are listed before any of these,
// and must be acknowledged: the server refuses otherwise, with the same list.
import { useState, type FormEvent } from 'react';
import { formatUkDate, todayIso } from '../../../../shared/domain/dates';
import type { EscalationDetail } from '../../../../shared/domain/escalation';
import { SIGN_OFF_WAYS, type SignOffWay } from '../../../../shared/domain/signOff';
import { ChildNameCheck } from '../../components/ChildNameCheck';
import { DateInput } from '../../components/DateInput';
import { ErrorSummary } from '../../components/ErrorSummary';
import { formatUkDateTime } from '../../components/formatting';
import { LabelOptions } from '../../components/Options';
import { call } from '../../lib/api';
import { useKnownNames } from '../../lib/useKnownNames';
import { useVersionedAction } from '../../lib/useVersionedAction';
import { useCan } from '../accounts/sessionContext';
import type { CaseFormProps } from './caseTypes';

/** The consequent actions not yet done, with the tick that says the case closes with them open. */
function OpenActionsWarning({
  detail,
  id,
  noted,
  onNotedChange,
}: {
  detail: EscalationDetail;
  id: string;
  noted: boolean;
  onNotedChange: (v: boolean) => void;
}) {
  const open = detail.actions.filter((a) => !a.doneOn);
  if (open.length === 0) return null;
  return (
    <div className="warning" role="group" aria-labelledby={`${id}-heading`}>
      <p id={`${id}-heading`}>
        <strong>{open.length === 1 ? 'One consequent action is' : `${open.length} consequent actions are`} still open:</strong>
      </p>
      <ul aria-label="Consequent actions still open">
        {open.map((a) => (
          <li key={a.id}>
            {a.description} ({a.owner}, due {formatUkDate(a.dueOn)})
          </li>
        ))}
      </ul>
      <div className="field field--check">
        <input id={`${id}-noted`} type="checkbox" checked={noted} onChange={(e) => onNotedChange(e.target.checked)} />
        <label htmlFor={`${id}-noted`}>Close with {open.length === 1 ? 'this action' : 'these actions'} still open</label>
      </div>
    </div>
  );
}

/** Where the board has no chair account: the coordinator records who signed off, when and how. */
function RecordedSignOffForm({ detail, onSaved }: CaseFormProps) {
  const action = useVersionedAction(detail.version);
  const [on, setOn] = useState(todayIso());
  const [chairName, setChairName] = useState('');
  const [how, setHow] = useState<SignOffWay | ''>('');
  const [noted, setNoted] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      (basedOnVersion) =>
        call('escalations:close', {
          basedOnVersion,
          escalationId: detail.id,
          on,
          chairName,
          how: how as SignOffWay,
          openActionsNoted: noted,
        }),
      () => {
        onSaved(`Closed on ${formatUkDate(on)}, signed off by ${chairName.trim()}.`);
        return '';
      },
    );
  };
  return (
    <>
      <p className="hint">The board has no chair account, so record who signed the case off and how.</p>
      <form noValidate className="stack" onSubmit={submit} onChange={action.start} aria-label="Record the chair’s sign-off">
        <ErrorSummary state={action} />
        <div className="form-row">
          <DateInput id="close-on" legend="Signed off on" value={on} onChange={setOn} />
          <div className="field">
            <label htmlFor="close-chair">Chair’s name</label>
            <input id="close-chair" value={chairName} autoComplete="off" onChange={(e) => setChairName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="close-how">How they signed it off</label>
            <select id="close-how" value={how} onChange={(e) => setHow(e.target.value as SignOffWay | '')}>
              <option value="">Choose how</option>
              <LabelOptions labels={SIGN_OFF_WAYS} />
            </select>
          </div>
        </div>
        <OpenActionsWarning detail={detail} id="close-actions" noted={noted} onNotedChange={setNoted} />
        <div>
          <button type="submit" disabled={action.busy}>
            Close escalation
          </button>
        </div>
      </form>
    </>
  );
}

/** Where the board has a chair account: the coordinator asks, then sees the request waiting or declined. */
function AskChairForm({ detail, onSaved }: CaseFormProps) {
  const action = useVersionedAction(detail.version);
  const [note, setNote] = useState('');
  const [noted, setNoted] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const knownNames = useKnownNames();
  const waiting = detail.signOff.requests.find((r) => r.answer === null);
  if (waiting) {
    return (
      <p role="status">
        Asked the chair to sign off on {formatUkDateTime(waiting.requestedAt)} ({waiting.requestedBy}). The case closes when the chair signs
        it off.
      </p>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      (basedOnVersion) =>
        call('escalations:requestSignOff', {
          basedOnVersion,
          escalationId: detail.id,
          note,
          openActionsNoted: noted,
          confirmedNoChildName: confirmed,
        }),
      () => {
        onSaved('Asked the chair to sign off. The request is in the chair’s list.');
        setNote('');
        setNoted(false);
        return '';
      },
    );
  };
  return (
    <>
      <form noValidate className="stack" onSubmit={submit} onChange={action.start} aria-label="Ask the chair to sign off">
        <ErrorSummary state={action} />
        <div className="field field--wide">
          <label htmlFor="sign-off-note">Note to the chair (optional)</label>
          <textarea id="sign-off-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <ChildNameCheck text={note} knownNames={knownNames} confirmed={confirmed} onConfirmedChange={setConfirmed} />
        <OpenActionsWarning detail={detail} id="ask-actions" noted={noted} onNotedChange={setNoted} />
        <div>
          <button type="submit" disabled={action.busy}>
            Ask the chair to sign off
          </button>
        </div>
      </form>
    </>
  );
}

/** The chair answers a waiting request: sign off (the case closes today, under the chair's account) or decline, saying why. */
function ChairAnswerForms({ detail, onSaved }: CaseFormProps) {
  const signAction = useVersionedAction(detail.version);
  const declineAction = useVersionedAction(detail.version);
  const [noted, setNoted] = useState(false);
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const knownNames = useKnownNames();
  const waiting = detail.signOff.requests.find((r) => r.answer === null);
  if (!waiting) return <p>The coordinator has not asked you to sign off this case yet.</p>;
  const signOff = (event: FormEvent) => {
    event.preventDefault();
    void signAction.run(
      (basedOnVersion) => call('escalations:signOff', { basedOnVersion, escalationId: detail.id, openActionsNoted: noted }),
      () => {
        onSaved(`You signed off ${detail.reference}: it is closed.`);
        return '';
      },
    );
  };
  const decline = (event: FormEvent) => {
    event.preventDefault();
    void declineAction.run(
      (basedOnVersion) =>
        call('escalations:declineSignOff', { basedOnVersion, escalationId: detail.id, reason, confirmedNoChildName: confirmed }),
      () => {
        onSaved('You declined to sign off. The coordinator sees your reason on the case.');
        setReason('');
        return '';
      },
    );
  };
  return (
    <>
      <p>
        {waiting.requestedBy} asked you to sign off on {formatUkDateTime(waiting.requestedAt)}.
        {waiting.note && ` Their note: ${waiting.note}`}
      </p>
      <form noValidate className="stack" onSubmit={signOff} onChange={signAction.start} aria-label="Sign off the case">
        <ErrorSummary state={signAction} />
        <OpenActionsWarning detail={detail} id="sign-actions" noted={noted} onNotedChange={setNoted} />
        <div>
          <button type="submit" disabled={signAction.busy}>
            Sign off and close
          </button>
        </div>
      </form>
      <form noValidate className="stack" onSubmit={decline} onChange={declineAction.start} aria-label="Decline to sign off">
        <ErrorSummary state={declineAction} />
        <div className="field field--wide">
          <label htmlFor="decline-reason">Why you do not sign it off</label>
          <textarea id="decline-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <ChildNameCheck text={reason} knownNames={knownNames} confirmed={confirmed} onConfirmedChange={setConfirmed} />
        <div>
          <button type="submit" className="button--secondary" disabled={declineAction.busy}>
            Decline to sign off
          </button>
        </div>
      </form>
    </>
  );
}

/** The last answer the chair gave, where it was a decline: what the coordinator needs before asking again. */
function LastDecline({ detail }: { detail: EscalationDetail }) {
  const last = detail.signOff.requests.at(-1);
  if (!last || last.answer !== 'declined') return null;
  return (
    <p className="flag">
      <strong>
        {last.answeredBy} declined to sign off on {formatUkDateTime(last.answeredAt ?? '')}:
      </strong>{' '}
      {last.declineReason}
    </p>
  );
}

/** Whether anyone signed in is offered something in the sign-off section of this case. */
export function useOffersSignOff(detail: EscalationDetail | null | undefined): boolean {
  const records = useCan('escalations:close');
  const asks = useCan('escalations:requestSignOff');
  const signs = useCan('escalations:signOff');
  if (!detail) return false;
  const ended = detail.status === 'resolved' || detail.status === 'withdrawn';
  return ended && (detail.signOff.chairHasAccount ? asks || signs : records);
}

/** The case page's sign-off section: what this role may do, given whether the board's chair has an account. */
export function SignOffSection(props: CaseFormProps) {
  const { detail } = props;
  const records = useCan('escalations:close');
  const asks = useCan('escalations:requestSignOff');
  const signs = useCan('escalations:signOff');
  if (!useOffersSignOff(detail)) return null;
  return (
    <section aria-labelledby="close">
      <h2 id="close">Chair’s sign-off</h2>
      <LastDecline detail={detail} />
      {!detail.signOff.chairHasAccount && records && <RecordedSignOffForm {...props} />}
      {detail.signOff.chairHasAccount && asks && <AskChairForm {...props} />}
      {detail.signOff.chairHasAccount && signs && <ChairAnswerForms {...props} />}
    </section>
  );
}
