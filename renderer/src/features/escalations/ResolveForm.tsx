import { useState, type FormEvent } from 'react';
import { formatUkDate, todayIso } from '../../../../shared/domain/dates';
import type { BoardSettings } from '../../../../shared/domain/settings';
import { ErrorSummary } from '../../components/ErrorSummary';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import type { CaseFormProps } from './caseTypes';
import { emptyOutcome, toOutcomeInput } from '../outcome/outcomeDraft';
import { OutcomeFields } from '../outcome/OutcomeFields';
import { DateInput } from '../../components/DateInput';

interface Props extends CaseFormProps {
  themes: BoardSettings['themes'];
  knownNames: readonly string[];
}

/** The agreed written statement of outcome, with its actions, learning themes and any policy gap. */
export function ResolveForm({ detail, onSaved, themes, knownNames }: Props) {
  const action = useVersionedAction(detail.version);
  const parties = [detail.raisingAgency, ...detail.challengedAgencies].map((a) => ({ key: String(a.id), name: a.name }));
  const [resolvedOn, setResolvedOn] = useState(todayIso());
  const [outcome, setOutcome] = useState(emptyOutcome);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      (basedOnVersion) =>
        call('escalations:resolve', { basedOnVersion, escalationId: detail.id, resolvedOn, ...toOutcomeInput(outcome, parties) }),
      () => {
        onSaved(`Resolved on ${formatUkDate(resolvedOn)}. The outcome letter to the raising worker is ready below.`);
        return '';
      },
    );
  };

  return (
    <>
      <form noValidate className="stack" onSubmit={submit} onChange={action.start} aria-label="Resolve the escalation">
        <ErrorSummary state={action} />
        <DateInput id="resolve-on" legend="Resolved on" value={resolvedOn} onChange={setResolvedOn} />
        <OutcomeFields
          idPrefix="resolve"
          value={outcome}
          onChange={setOutcome}
          parties={parties}
          themes={themes}
          knownNames={knownNames}
          statementHint="As agreed by the agencies. It goes into the outcome letter to the raising worker."
          statementRows={5}
          policyGapLabel="The case showed a gap or weakness in the board’s policies or procedures (flag it to the chair)"
        />
        <div>
          <button type="submit" disabled={action.busy}>
            Resolve escalation
          </button>
        </div>
      </form>
    </>
  );
}
