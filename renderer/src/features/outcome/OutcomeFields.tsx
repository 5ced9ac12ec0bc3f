import { useRef, type Dispatch, type SetStateAction } from 'react';
import { OUTCOME_EFFECTS, type OutcomeEffect } from '../../../../shared/domain/escalation';
import type { BoardSettings } from '../../../../shared/domain/settings';
import { ChildNameCheck } from '../../components/ChildNameCheck';
import { ActionRows } from './ActionRows';
import type { OutcomeDraft, OutcomeParty } from './outcomeDraft';

interface Props {
  /** Starts every id, so the fields keep apart from the rest of the page ("resolve", "decision"). */
  idPrefix: string;
  value: OutcomeDraft;
  onChange: Dispatch<SetStateAction<OutcomeDraft>>;
  parties: readonly OutcomeParty[];
  themes: BoardSettings['themes'];
  knownNames: readonly string[];
  statementHint: string;
  statementRows: number;
  policyGapLabel: string;
  /** The form's other free text, checked for a child's name together with the outcome's own. */
  otherText?: readonly string[];
}

const toggle = <T,>(list: readonly T[], item: T, on: boolean) => (on ? [...list, item] : list.filter((x) => x !== item));

/**
 * The agreed outcome's fields: statement, effect, who agreed, actions, learning themes, policy gap
 * and the child's-name check. Shared by the case's Resolve form and the panel's decision, which
 * record the same outcome.
 */
export function OutcomeFields({
  idPrefix: p,
  value: v,
  onChange,
  parties,
  themes,
  knownNames,
  statementHint,
  statementRows,
  policyGapLabel,
  otherText = [],
}: Props) {
  const nextKey = useRef(1);
  const set = (patch: Partial<OutcomeDraft>) => onChange((d) => ({ ...d, ...patch }));
  return (
    <>
      <div className="field field--wide">
        <label htmlFor={`${p}-statement`}>Written statement of outcome</label>
        <span id={`${p}-statement-hint`} className="hint">
          {statementHint}
        </span>
        <textarea
          id={`${p}-statement`}
          rows={statementRows}
          aria-describedby={`${p}-statement-hint`}
          value={v.statement}
          onChange={(e) => set({ statement: e.target.value })}
        />
      </div>
      <fieldset>
        <legend>Effect on the original decision</legend>
        <div className="choices">
          {(Object.entries(OUTCOME_EFFECTS) as [OutcomeEffect, string][]).map(([k, label]) => (
            <div className="field field--check" key={k}>
              <input
                id={`${p}-effect-${k}`}
                type="radio"
                name={`${p}-effect`}
                checked={v.effect === k}
                onChange={() => set({ effect: k })}
              />
              <label htmlFor={`${p}-effect-${k}`}>{label}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Agencies that agreed the outcome</legend>
        <div className="choices">
          {parties.map((party, i) => (
            <div className="field field--check" key={party.key}>
              <input
                id={`${p}-agreed-${i}`}
                type="checkbox"
                checked={v.agreed.includes(party.key)}
                onChange={(e) => set({ agreed: toggle(v.agreed, party.key, e.target.checked) })}
              />
              <label htmlFor={`${p}-agreed-${i}`}>{party.name}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <ActionRows
        rows={v.actions}
        onChange={(actions) => set({ actions })}
        newRow={() => ({ key: nextKey.current++, description: '', owner: '', dueOn: '' })}
      />
      <fieldset>
        <legend>Learning themes</legend>
        {themes.length === 0 && <p className="hint">The board has no learning themes yet: add them in Settings.</p>}
        <div className="choices choices--columns">
          {themes.map((t) => (
            <div className="field field--check" key={t.id}>
              <input
                id={`${p}-theme-${t.id}`}
                type="checkbox"
                checked={v.themeIds.includes(t.id)}
                onChange={(e) => set({ themeIds: toggle(v.themeIds, t.id, e.target.checked) })}
              />
              <label htmlFor={`${p}-theme-${t.id}`}>{t.name}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Policy gap</legend>
        <div className="field field--check">
          <input id={`${p}-policy-gap`} type="checkbox" checked={v.policyGap} onChange={(e) => set({ policyGap: e.target.checked })} />
          <label htmlFor={`${p}-policy-gap`}>{policyGapLabel}</label>
        </div>
        {v.policyGap && (
          <div className="field field--wide">
            <label htmlFor={`${p}-policy-gap-note`}>What the gap or weakness is</label>
            <textarea
              id={`${p}-policy-gap-note`}
              rows={2}
              value={v.policyGapNote}
              onChange={(e) => set({ policyGapNote: e.target.value })}
            />
          </div>
        )}
      </fieldset>
      <ChildNameCheck
        text={[...otherText, v.statement, v.policyGapNote, ...v.actions.map((a) => a.description)].join('\n')}
        knownNames={knownNames}
        confirmed={v.confirmedNoChildName}
        onConfirmedChange={(confirmedNoChildName) => set({ confirmedNoChildName })}
      />
    </>
  );
}
