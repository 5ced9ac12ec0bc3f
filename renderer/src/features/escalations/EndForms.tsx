import { useState, type FormEvent } from 'react';
import { formatUkDate, todayIso } from '../../../../shared/domain/dates';
import { ChildNameCheck } from '../../components/ChildNameCheck';
import { ErrorSummary } from '../../components/ErrorSummary';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import { useKnownNames } from '../../lib/useKnownNames';
import type { CaseFormProps } from './caseTypes';
import { DateInput } from '../../components/DateInput';

/** Withdraw an open case: the worker or agency no longer pursues it. */
export function WithdrawForm({ detail, onSaved }: CaseFormProps) {
  const action = useVersionedAction(detail.version);
  const [on, setOn] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const knownNames = useKnownNames();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      (basedOnVersion) =>
        call('escalations:withdraw', { basedOnVersion, escalationId: detail.id, on, reason, confirmedNoChildName: confirmed }),
      () => {
        onSaved(`Withdrawn on ${formatUkDate(on)}.`);
        return '';
      },
    );
  };
  return (
    <>
      <form noValidate className="stack" onSubmit={submit} onChange={action.start} aria-label="Withdraw the escalation">
        <ErrorSummary state={action} />
        <DateInput id="withdraw-on" legend="Withdrawn on" value={on} onChange={setOn} />
        <div className="field field--wide">
          <label htmlFor="withdraw-reason">Why it was withdrawn</label>
          <textarea id="withdraw-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <ChildNameCheck text={reason} knownNames={knownNames} confirmed={confirmed} onConfirmedChange={setConfirmed} />
        <div>
          <button type="submit" className="button--warning" disabled={action.busy}>
            Withdraw escalation
          </button>
        </div>
      </form>
    </>
  );
}
