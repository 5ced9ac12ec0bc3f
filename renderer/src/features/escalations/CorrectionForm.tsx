import { useState, type FormEvent } from 'react';
import { CHILD_STATUSES, CORRECTABLE_FIELDS, type CorrectableField, type EscalationDetail } from '../../../../shared/domain/escalation';
import type { BoardSettings } from '../../../../shared/domain/settings';
import { ChildNameCheck } from '../../components/ChildNameCheck';
import { ErrorSummary } from '../../components/ErrorSummary';
import { LabelOptions, NamedOptions } from '../../components/Options';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import { useKnownNames } from '../../lib/useKnownNames';
import type { CaseFormProps } from './caseTypes';

function currentValue(d: EscalationDetail, field: CorrectableField): string {
  switch (field) {
    case 'categoryId':
      return String(d.category.id);
    case 'childStatus':
      return d.childStatus;
    default:
      return d[field];
  }
}

/** A correction is a new record that says what it corrects and why: nothing is overwritten silently. */
export function CorrectionForm({ detail, onSaved, categories }: CaseFormProps & { categories: BoardSettings['categories'] }) {
  const action = useVersionedAction(detail.version);
  const [field, setField] = useState<CorrectableField>('reference');
  const [value, setValue] = useState(() => currentValue(detail, 'reference'));
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const knownNames = useKnownNames();
  const choose = (f: CorrectableField) => {
    setField(f);
    setValue(currentValue(detail, f));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      (basedOnVersion) =>
        call('escalations:correct', {
          basedOnVersion,
          escalationId: detail.id,
          field,
          value: field === 'categoryId' ? Number(value) : value,
          reason,
          confirmedNoChildName: confirmed,
        }),
      () => {
        onSaved(`Corrected the ${CORRECTABLE_FIELDS[field].toLowerCase()}. The timeline keeps what it said before.`);
        // The form stays (it is not remade when the case reloads): ready for another correction.
        setReason('');
        setConfirmed(false);
        return '';
      },
    );
  };
  const input =
    field === 'categoryId' ? (
      <select id="correct-value" value={value} onChange={(e) => setValue(e.target.value)}>
        <NamedOptions items={categories} />
      </select>
    ) : field === 'childStatus' ? (
      <select id="correct-value" value={value} onChange={(e) => setValue(e.target.value)}>
        <LabelOptions labels={CHILD_STATUSES} />
      </select>
    ) : field === 'summary' ? (
      <textarea id="correct-value" rows={4} value={value} onChange={(e) => setValue(e.target.value)} />
    ) : (
      <input id="correct-value" value={value} onChange={(e) => setValue(e.target.value)} />
    );
  return (
    <>
      <form noValidate className="stack" onSubmit={submit} onChange={action.start} aria-label="Correct a detail">
        <ErrorSummary state={action} />
        <div className="form-row">
          <div className="field">
            <label htmlFor="correct-field">Detail to correct</label>
            <select id="correct-field" value={field} onChange={(e) => choose(e.target.value as CorrectableField)}>
              <LabelOptions labels={CORRECTABLE_FIELDS} />
            </select>
          </div>
          <div className={`field ${field === 'summary' ? 'field--wide' : ''}`}>
            <label htmlFor="correct-value">Corrected value</label>
            {input}
          </div>
        </div>
        <div className="field field--wide">
          <label htmlFor="correct-reason">Why the correction is needed</label>
          <input id="correct-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <ChildNameCheck
          text={[field === 'summary' || field === 'raisingWorkerRole' ? value : '', reason].join('\n')}
          knownNames={knownNames}
          confirmed={confirmed}
          onConfirmedChange={setConfirmed}
        />
        <div>
          <button type="submit" disabled={action.busy}>
            Save correction
          </button>
        </div>
      </form>
    </>
  );
}
