import { useRef, useState, type FormEvent } from 'react';
import { formatUkDate, todayIso } from '../../../../shared/domain/dates';
import { OUTCOME_EFFECTS, type OutcomeEffect } from '../../../../shared/domain/escalation';
import type { BoardSettings } from '../../../../shared/domain/settings';
import { ChildNameCheck } from '../../components/ChildNameCheck';
import { Feedback } from '../../components/Feedback';
import { call } from '../../lib/api';
import { useAction } from '../../lib/useAction';
import { ActionRows, type ActionDraft } from './ActionRows';
import { errorsOnly, type CaseFormProps } from './caseTypes';

interface Props extends CaseFormProps {
  themes: BoardSettings['themes'];
  knownNames: readonly string[];
}

/** The agreed written statement of outcome, with its actions, learning themes and any policy gap. */
export function ResolveForm({ detail, onSaved, themes, knownNames }: Props) {
  const action = useAction();
  const nextKey = useRef(1);
  const parties = [detail.raisingAgency, ...detail.challengedAgencies];
  const [resolvedOn, setResolvedOn] = useState(todayIso());
  const [statement, setStatement] = useState('');
  const [effect, setEffect] = useState<OutcomeEffect | ''>('');
  const [agreed, setAgreed] = useState<number[]>([]);
  const [actions, setActions] = useState<ActionDraft[]>([]);
  const [themeIds, setThemeIds] = useState<number[]>([]);
  const [policyGap, setPolicyGap] = useState(false);
  const [policyGapNote, setPolicyGapNote] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const toggle = (list: number[], id: number, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const agreedBy = parties.filter((p) => agreed.includes(p.id)).map((p) => p.name).join(', ');
    void action.run(
      () =>
        call('escalations:resolve', {
          escalationId: detail.id,
          resolvedOn,
          statement,
          effect: effect as OutcomeEffect,
          agreedBy,
          actions: actions.map(({ description, owner, dueOn }) => ({ description, owner, dueOn })),
          themeIds,
          policyGap,
          policyGapNote: policyGap ? policyGapNote : '',
          confirmedNoChildName: confirmed,
        }),
      () => {
        onSaved(`Resolved on ${formatUkDate(resolvedOn)}. The outcome letter to the raising worker is ready below.`);
        return '';
      },
    );
  };

  return (
    <section aria-labelledby="resolve">
      <h2 id="resolve">Resolve</h2>
      <form noValidate className="stack" onSubmit={submit} aria-label="Resolve the escalation">
        <div className="field">
          <label htmlFor="resolve-on">Resolved on</label>
          <input id="resolve-on" type="date" value={resolvedOn} onChange={(e) => setResolvedOn(e.target.value)} />
        </div>
        <div className="field field--wide">
          <label htmlFor="resolve-statement">Written statement of outcome</label>
          <span id="resolve-statement-hint" className="hint">
            As agreed by the agencies. It goes into the outcome letter to the raising worker.
          </span>
          <textarea id="resolve-statement" rows={5} aria-describedby="resolve-statement-hint" value={statement} onChange={(e) => setStatement(e.target.value)} />
        </div>
        <fieldset>
          <legend>Effect on the original decision</legend>
          <div className="choices">
            {(Object.entries(OUTCOME_EFFECTS) as [OutcomeEffect, string][]).map(([k, label]) => (
              <div className="field field--check" key={k}>
                <input id={`effect-${k}`} type="radio" name="effect" checked={effect === k} onChange={() => setEffect(k)} />
                <label htmlFor={`effect-${k}`}>{label}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Agencies that agreed the outcome</legend>
          <div className="choices">
            {parties.map((p) => (
              <div className="field field--check" key={p.id}>
                <input id={`agreed-${p.id}`} type="checkbox" checked={agreed.includes(p.id)} onChange={(e) => setAgreed(toggle(agreed, p.id, e.target.checked))} />
                <label htmlFor={`agreed-${p.id}`}>{p.name}</label>
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
                <input id={`theme-${t.id}`} type="checkbox" checked={themeIds.includes(t.id)} onChange={(e) => setThemeIds(toggle(themeIds, t.id, e.target.checked))} />
                <label htmlFor={`theme-${t.id}`}>{t.name}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Policy gap</legend>
          <div className="field field--check">
            <input id="policy-gap" type="checkbox" checked={policyGap} onChange={(e) => setPolicyGap(e.target.checked)} />
            <label htmlFor="policy-gap">The case showed a gap or weakness in the board’s policies or procedures (flag it to the chair)</label>
          </div>
          {policyGap && (
            <div className="field field--wide">
              <label htmlFor="policy-gap-note">What the gap or weakness is</label>
              <textarea id="policy-gap-note" rows={2} value={policyGapNote} onChange={(e) => setPolicyGapNote(e.target.value)} />
            </div>
          )}
        </fieldset>
        <ChildNameCheck
          text={[statement, policyGapNote, ...actions.map((a) => a.description)].join('\n')}
          knownNames={knownNames}
          confirmed={confirmed}
          onConfirmedChange={setConfirmed}
        />
        <Feedback state={errorsOnly(action)} />
        <div>
          <button type="submit" disabled={action.busy}>
            Resolve escalation
          </button>
        </div>
      </form>
    </section>
  );
}
