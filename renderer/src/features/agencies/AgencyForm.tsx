import { useState, type FormEvent } from 'react';
import { SECTORS, type AgencyInput, type Sector } from '../../../../shared/domain/agency';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import type { ActionState } from '../../lib/useAction';
import { LabelOptions } from '../../components/Options';

interface Props {
  initial?: AgencyInput;
  submitLabel: string;
  busy: boolean;
  onSubmit: (input: AgencyInput) => Promise<unknown>;
  /** The last save's refusal, summarised at the top of the form. */
  refusal: Pick<ActionState, 'error'>;
}

const EMPTY: AgencyInput = { name: '', sector: 'childrens_social_care', statutoryPartner: false };

export function AgencyForm({ initial = EMPTY, submitLabel, busy, onSubmit, refusal }: Props) {
  const [draft, setDraft] = useState<AgencyInput>(initial);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await onSubmit(draft);
    if (saved && initial === EMPTY) setDraft(EMPTY);
  };
  return (
    <form noValidate className="form-row" onSubmit={submit}>
      <ErrorSummary state={refusal} />
      <Field label="Agency name">
        {(id) => <input id={id} value={draft.name} autoComplete="off" onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}
      </Field>
      <Field label="Sector">
        {(id) => (
          <select id={id} value={draft.sector} onChange={(e) => setDraft({ ...draft, sector: e.target.value as Sector })}>
            <LabelOptions labels={SECTORS} />
          </select>
        )}
      </Field>
      <div className="field field--check">
        <input
          id={`statutory-${submitLabel}`}
          type="checkbox"
          checked={draft.statutoryPartner}
          onChange={(e) => setDraft({ ...draft, statutoryPartner: e.target.checked })}
        />
        <label htmlFor={`statutory-${submitLabel}`}>Statutory safeguarding partner</label>
      </div>
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
