import { useState, type FormEvent } from 'react';
import { formatUkDate, todayIso } from '../../../../shared/domain/dates';
import { DateInput } from '../../components/DateInput';
import { ErrorSummary } from '../../components/ErrorSummary';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import type { CaseFormProps } from './caseTypes';

/**
 * A case from the board's previous register came in without a deadline (the day its stage started
 * there is not known). The coordinator says from which day the board counts, usually the day it
 * took the case on, and the stage's policy timescale runs from then.
 */
export function TrackDeadlineForm({ detail, onSaved }: CaseFormProps) {
  const action = useVersionedAction(detail.version);
  const [from, setFrom] = useState(todayIso());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      (basedOnVersion) => call('escalations:trackDeadline', { basedOnVersion, escalationId: detail.id, from }),
      (saved) => {
        const due = saved.currentStage?.dueOn;
        onSaved(`The deadline is tracked from ${formatUkDate(from)}${due ? `: due ${formatUkDate(due)}` : ''}.`);
        return '';
      },
    );
  };
  return (
    <form noValidate className="stack" onSubmit={submit} onChange={action.start} aria-label="Track this stage’s deadline">
      <ErrorSummary state={action} />
      {detail.importedFrom && (
        <p>
          Imported from row {detail.importedFrom.row} of “{detail.importedFrom.fileName}”, without a deadline. The stage’s timescale in{' '}
          {detail.profile.name} counts from the day you give, as if the case had reached this stage that day.
        </p>
      )}
      <DateInput id="track-from" legend="Count the deadline from" value={from} onChange={setFrom} />
      <div>
        <button type="submit" disabled={action.busy}>
          Track the deadline
        </button>
      </div>
    </form>
  );
}
