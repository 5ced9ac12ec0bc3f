import { useRef, useState, type FormEvent } from 'react';
import { formatUkDate } from '../../../../shared/domain/dates';
import { OUTCOME_EFFECTS, type OutcomeEffect } from '../../../../shared/domain/escalation';
import type { PanelDetail } from '../../../../shared/domain/panel';
import { ChildNameCheck } from '../../components/ChildNameCheck';
import { Feedback } from '../../components/Feedback';
import { call } from '../../lib/api';
import { useAction } from '../../lib/useAction';
import { useChannel } from '../../lib/useChannel';
import { ActionRows, type ActionDraft } from '../escalations/ActionRows';

interface Props {
  panel: PanelDetail;
  onSaved: (message: string) => void;
}

/** The panel decides: its decision, the agreed written statement of outcome, and what follows. The case is resolved with it. */
export function PanelDecisionForm({ panel, onSaved }: Props) {
  const settings = useChannel('settings:get', {});
  const escalation = useChannel('escalations:get', { escalationId: panel.escalationId });
  const action = useAction();
  const nextKey = useRef(1);
  const [decidedOn, setDecidedOn] = useState(panel.sitsOn);
  const [decision, setDecision] = useState('');
  const [statement, setStatement] = useState('');
  const [effect, setEffect] = useState<OutcomeEffect | ''>('');
  const [agreed, setAgreed] = useState<string[]>([]);
  const [actions, setActions] = useState<ActionDraft[]>([]);
  const [themeIds, setThemeIds] = useState<number[]>([]);
  const [policyGap, setPolicyGap] = useState(false);
  const [policyGapNote, setPolicyGapNote] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const e = escalation.data;
  const agencyNames = [...new Set([...(e ? [e.raisingAgency.name, ...e.challengedAgencies.map((a) => a.name)] : []), ...panel.seats.flatMap((s) => (s.agencyName ? [s.agencyName] : []))])];
  const knownNames = [...agencyNames, panel.chairName, ...panel.seats.flatMap((s) => (s.officerName ? [s.officerName] : []))];
  const themes = settings.data?.themes ?? [];
  const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? [...list, item] : list.filter((x) => x !== item));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      () =>
        call('panels:recordDecision', {
          panelId: panel.id,
          decidedOn,
          decision,
          statement,
          effect: effect as OutcomeEffect,
          agreedBy: agencyNames.filter((n) => agreed.includes(n)).join(', '),
          actions: actions.map(({ description, owner, dueOn }) => ({ description, owner, dueOn })),
          themeIds,
          policyGap,
          policyGapNote: policyGap ? policyGapNote : '',
          confirmedNoChildName: confirmed,
        }),
      (resolved) => {
        onSaved(`The panel’s decision is recorded for ${formatUkDate(decidedOn)}, and case ${resolved.reference} is ${resolved.status}.`);
        return '';
      },
    );
  };

  return (
    <section aria-labelledby="panel-decision">
      <h2 id="panel-decision">Record the panel’s decision</h2>
      <p className="hint">Recording the decision resolves the case with the written statement of outcome. The saved panel must pass its checks first.</p>
      <form noValidate className="stack" onSubmit={submit} aria-label="Record the panel’s decision">
        <div className="field">
          <label htmlFor="decision-on">Date decided</label>
          <input id="decision-on" type="date" value={decidedOn} onChange={(ev) => setDecidedOn(ev.target.value)} />
        </div>
        <div className="field field--wide">
          <label htmlFor="decision-text">The panel’s decision</label>
          <textarea id="decision-text" rows={3} value={decision} onChange={(ev) => setDecision(ev.target.value)} />
        </div>
        <div className="field field--wide">
          <label htmlFor="decision-statement">Written statement of outcome</label>
          <span id="decision-statement-hint" className="hint">
            As agreed by the agencies. It goes into the outcome letter to the worker who raised the concern.
          </span>
          <textarea id="decision-statement" rows={4} aria-describedby="decision-statement-hint" value={statement} onChange={(ev) => setStatement(ev.target.value)} />
        </div>
        <fieldset>
          <legend>Effect on the original decision</legend>
          <div className="choices">
            {(Object.entries(OUTCOME_EFFECTS) as [OutcomeEffect, string][]).map(([k, label]) => (
              <div className="field field--check" key={k}>
                <input id={`decision-effect-${k}`} type="radio" name="decision-effect" checked={effect === k} onChange={() => setEffect(k)} />
                <label htmlFor={`decision-effect-${k}`}>{label}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Agencies that agreed the outcome</legend>
          <div className="choices">
            {agencyNames.map((n, i) => (
              <div className="field field--check" key={n}>
                <input id={`decision-agreed-${i}`} type="checkbox" checked={agreed.includes(n)} onChange={(ev) => setAgreed(toggle(agreed, n, ev.target.checked))} />
                <label htmlFor={`decision-agreed-${i}`}>{n}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <ActionRows rows={actions} onChange={setActions} newRow={() => ({ key: nextKey.current++, description: '', owner: '', dueOn: '' })} />
        <fieldset>
          <legend>Learning themes</legend>
          {themes.length === 0 && <p className="hint">The board has no learning themes yet: add them in Settings.</p>}
          <div className="choices choices--columns">
            {themes.map((t) => (
              <div className="field field--check" key={t.id}>
                <input id={`decision-theme-${t.id}`} type="checkbox" checked={themeIds.includes(t.id)} onChange={(ev) => setThemeIds(toggle(themeIds, t.id, ev.target.checked))} />
                <label htmlFor={`decision-theme-${t.id}`}>{t.name}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Policy gap</legend>
          <div className="field field--check">
            <input id="decision-policy-gap" type="checkbox" checked={policyGap} onChange={(ev) => setPolicyGap(ev.target.checked)} />
            <label htmlFor="decision-policy-gap">The case showed a gap or weakness in the board’s policies or procedures</label>
          </div>
          {policyGap && (
            <div className="field field--wide">
              <label htmlFor="decision-policy-gap-note">What the gap or weakness is</label>
              <textarea id="decision-policy-gap-note" rows={2} value={policyGapNote} onChange={(ev) => setPolicyGapNote(ev.target.value)} />
            </div>
          )}
        </fieldset>
        <ChildNameCheck text={[decision, statement, policyGapNote, ...actions.map((a) => a.description)].join('\n')} knownNames={knownNames} confirmed={confirmed} onConfirmedChange={setConfirmed} />
        <Feedback state={{ error: action.error, done: null }} />
        <div>
          <button type="submit" disabled={action.busy}>
            Record the decision and resolve the case
          </button>
        </div>
      </form>
    </section>
  );
}
