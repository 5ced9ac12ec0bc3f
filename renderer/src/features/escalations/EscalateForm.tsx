import { useState, type FormEvent } from 'react';
import { formatUkDate, todayIso } from '../../../../shared/domain/dates';
import { ChildNameCheck } from '../../components/ChildNameCheck';
import { ErrorSummary } from '../../components/ErrorSummary';
import { StageOptions } from '../../components/Options';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import { useKnownNames } from '../../lib/useKnownNames';
import type { CaseFormProps } from './caseTypes';
import { DateInput } from '../../components/DateInput';

/** Move the case up: usually to the next stage; where the child is at immediate risk, the policy may allow a jump. */
export function EscalateForm({ detail, onSaved }: CaseFormProps) {
  const action = useVersionedAction(detail.version);
  // The stages offered when the form was opened: kept if the case moves on under it, so a half-typed
  // reason stays on screen while the save is refused in words.
  const [offered] = useState(detail.nextStages);
  const [toStage, setToStage] = useState<number | ''>(offered[0]?.number ?? '');
  const [on, setOn] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const knownNames = useKnownNames();
  if (offered.length === 0) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      (basedOnVersion) =>
        call('escalations:escalate', {
          basedOnVersion,
          escalationId: detail.id,
          toStage: toStage as number,
          on,
          reason,
          confirmedNoChildName: confirmed,
        }),
      (d) => {
        onSaved(
          `Moved up to stage ${d.currentStage?.number ?? toStage}${d.currentStage ? `: ${d.currentStage.name}` : ''} on ${formatUkDate(on)}.`,
        );
        setReason('');
        return '';
      },
    );
  };
  return (
    <>
      <form noValidate className="stack" onSubmit={submit} onChange={action.start} aria-label="Move up a stage">
        <ErrorSummary state={action} />
        <div className="form-row">
          <div className="field">
            <label htmlFor="escalate-to">Move to</label>
            <select id="escalate-to" value={toStage} onChange={(e) => setToStage(e.target.value === '' ? '' : Number(e.target.value))}>
              <StageOptions stages={offered} />
            </select>
          </div>
          <DateInput id="escalate-on" legend="Date moved" value={on} onChange={setOn} />
        </div>
        <div className="field field--wide">
          <label htmlFor="escalate-reason">Why it is moving up</label>
          <textarea id="escalate-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <ChildNameCheck text={reason} knownNames={knownNames} confirmed={confirmed} onConfirmedChange={setConfirmed} />
        <div>
          <button type="submit" disabled={action.busy}>
            Move up
          </button>
        </div>
      </form>
    </>
  );
}
