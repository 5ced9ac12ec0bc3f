import { useState, type FormEvent } from 'react';
import { formatUkDate } from '../../../../shared/domain/dates';
import type { PanelDetail } from '../../../../shared/domain/panel';
import { ErrorSummary } from '../../components/ErrorSummary';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import { useChannel } from '../../lib/useChannel';
import { emptyOutcome, toOutcomeInput } from '../outcome/outcomeDraft';
import { OutcomeFields } from '../outcome/OutcomeFields';
import { DateInput } from '../../components/DateInput';

interface Props {
  panel: PanelDetail;
  onSaved: (message: string) => void;
}

/** The panel decides: its decision, the agreed written statement of outcome, and what follows. The case is resolved with it. */
export function PanelDecisionForm({ panel, onSaved }: Props) {
  const settings = useChannel('settings:get', {});
  const escalation = useChannel('escalations:get', { escalationId: panel.escalationId });
  const action = useVersionedAction(panel.version);
  const [decidedOn, setDecidedOn] = useState(panel.sitsOn);
  const [decision, setDecision] = useState('');
  const [outcome, setOutcome] = useState(emptyOutcome);
  const e = escalation.data;
  const agencyNames = [
    ...new Set([
      ...(e ? [e.raisingAgency.name, ...e.challengedAgencies.map((a) => a.name)] : []),
      ...panel.seats.flatMap((s) => (s.agencyName ? [s.agencyName] : [])),
    ]),
  ];
  // Keyed by name: the list grows once the case has loaded, and a tick must stay on its agency.
  const parties = agencyNames.map((name) => ({ key: name, name }));
  const knownNames = [...agencyNames, panel.chairName, ...panel.seats.flatMap((s) => (s.officerName ? [s.officerName] : []))];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      (basedOnVersion) =>
        call('panels:recordDecision', { basedOnVersion, panelId: panel.id, decidedOn, decision, ...toOutcomeInput(outcome, parties) }),
      (resolved) => {
        onSaved(`The panel’s decision is recorded for ${formatUkDate(decidedOn)}, and case ${resolved.reference} is ${resolved.status}.`);
        return '';
      },
    );
  };

  return (
    <section aria-labelledby="panel-decision">
      <h2 id="panel-decision">Record the panel’s decision</h2>
      <p className="hint">
        Recording the decision resolves the case with the written statement of outcome. The saved panel must pass its checks first.
      </p>
      <form noValidate className="stack" onSubmit={submit} onChange={action.start} aria-label="Record the panel’s decision">
        <ErrorSummary state={action} />
        <DateInput id="decision-on" legend="Date decided" value={decidedOn} onChange={setDecidedOn} />
        <div className="field field--wide">
          <label htmlFor="decision-text">The panel’s decision</label>
          <textarea id="decision-text" rows={3} value={decision} onChange={(ev) => setDecision(ev.target.value)} />
        </div>
        <OutcomeFields
          idPrefix="decision"
          value={outcome}
          onChange={setOutcome}
          parties={parties}
          themes={settings.data?.themes ?? []}
          knownNames={knownNames}
          statementHint="As agreed by the agencies. It goes into the outcome letter to the worker who raised the concern."
          statementRows={4}
          policyGapLabel="The case showed a gap or weakness in the board’s policies or procedures"
          otherText={[decision]}
        />
        <div>
          <button type="submit" disabled={action.busy}>
            Record the decision and resolve the case
          </button>
        </div>
      </form>
    </section>
  );
}
