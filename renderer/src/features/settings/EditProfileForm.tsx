import { useState, type FormEvent } from 'react';
import type { PanelRule, PolicyProfile } from '../../../../shared/domain/policyProfiles';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Feedback } from '../../components/Feedback';
import { LabelOptions } from '../../components/Options';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import { parseTimescale } from './timescale';

const KINDS: Record<PanelRule['kind'], string> = {
  none: 'No panel',
  three_agency_panel: 'A panel of three agencies',
  uninvolved_chair_meeting: 'A meeting chaired by an uninvolved agency',
};
const DISPUTING: Record<PanelRule['disputingAgenciesOnPanel'], string> = {
  required: 'Must sit on it',
  where_possible: 'Sit on it where possible',
  not_applicable: 'Does not apply (no panel)',
};
const FLAGS: [
  keyof Pick<
    PanelRule,
    'chairAgencyMustBeUninvolved' | 'chairMayBeMember' | 'membersMustBeFullBoard' | 'seniorOfficersOnly' | 'boardRepresentativesOnly'
  >,
  string,
][] = [
  ['chairAgencyMustBeUninvolved', 'The chair’s agency must not be in dispute'],
  ['chairMayBeMember', 'One of the seated officers may chair'],
  ['membersMustBeFullBoard', 'Every agency must be a member of the full board'],
  ['seniorOfficersOnly', 'Only senior officers sit'],
  ['boardRepresentativesOnly', 'Only board representatives sit'],
];

interface StageDraft {
  number: number;
  name: string;
  days: string;
}

/** Save an edited copy of the policy in use: a new version, so escalations already opened keep theirs. */
interface Props {
  /** The board settings' version when the form was opened (a policy is one of the settings). */
  settingsVersion: number;
  baseProfileId: number;
  base: PolicyProfile;
  /** Saving makes the copy the policy in use, so this form fills afresh from it: the page keeps the message. */
  notice: string;
  onSaved: (message: string) => void;
}

const stageDrafts = (base: PolicyProfile): StageDraft[] =>
  base.stages.map((s) => ({
    number: s.number,
    name: s.name,
    days: s.timescaleWorkingDays === null ? '' : String(s.timescaleWorkingDays),
  }));

export function EditProfileForm({ baseProfileId, base, settingsVersion, notice, onSaved }: Props) {
  const action = useVersionedAction(settingsVersion);
  const [name, setName] = useState(`${base.name} (edited)`);
  const [stages, setStages] = useState<StageDraft[]>(() => stageDrafts(base));
  const [rule, setRule] = useState<PanelRule>(base.panelRule);
  const [badStage, setBadStage] = useState<number | null>(null);
  // Another person's change to the policy (or this form's own save) shows at once while the form is
  // untouched; once this person has begun editing, their draft stays, and a save on the old version
  // is refused in words rather than their half-made edit being wiped.
  const identity = `${baseProfileId}:${JSON.stringify(base)}`;
  const [shown, setShown] = useState(identity);
  if (identity !== shown && !action.touched) {
    setShown(identity);
    setName(`${base.name} (edited)`);
    setStages(stageDrafts(base));
    setRule(base.panelRule);
    setBadStage(null);
  }
  const updateStage = (n: number, patch: Partial<StageDraft>) => setStages(stages.map((s) => (s.number === n ? { ...s, ...patch } : s)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = stages.map((s) => ({ number: s.number, name: s.name, timescaleWorkingDays: parseTimescale(s.days) }));
    const bad = parsed.find((s) => s.timescaleWorkingDays === undefined);
    setBadStage(bad ? bad.number : null);
    if (bad) return;
    void action.run(
      (basedOnVersion) =>
        call('profiles:saveEdited', {
          basedOnVersion,
          baseProfileId,
          name,
          stages: parsed.map((s) => ({ ...s, timescaleWorkingDays: s.timescaleWorkingDays ?? null })),
          panelRule: rule,
        }),
      () => {
        onSaved(`Saved “${name.trim()}” as a new version; the board now works to it. Escalations already open keep their policy.`);
        return '';
      },
    );
  };

  return (
    <section aria-labelledby="edit-policy">
      <h2 id="edit-policy">Edit a copy of the policy in use</h2>
      <form noValidate className="stack" onSubmit={submit} onChange={action.start} aria-label="Edit a copy of the policy">
        <ErrorSummary state={action} />
        <div className="field">
          <label htmlFor="edit-name">Name of the edited policy</label>
          <input id="edit-name" className="input--long" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <fieldset>
          <legend>Stages</legend>
          <span className="hint">Timescales are in working days; leave blank where the policy sets none, 0 for the same working day.</span>
          {stages.map((s) => (
            <div className="form-row" key={s.number}>
              <div className="field field--grow">
                <label htmlFor={`edit-stage-${s.number}-name`}>Stage {s.number} name</label>
                <input
                  id={`edit-stage-${s.number}-name`}
                  value={s.name}
                  onChange={(e) => updateStage(s.number, { name: e.target.value })}
                />
              </div>
              <div className="field">
                <label htmlFor={`edit-stage-${s.number}-days`}>Stage {s.number} timescale</label>
                <input
                  id={`edit-stage-${s.number}-days`}
                  className="input--short"
                  inputMode="numeric"
                  aria-invalid={badStage === s.number || undefined}
                  value={s.days}
                  onChange={(e) => updateStage(s.number, { days: e.target.value })}
                />
              </div>
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>The last step: panel or meeting</legend>
          <div className="form-row">
            <div className="field">
              <label htmlFor="edit-kind">Kind</label>
              <select id="edit-kind" value={rule.kind} onChange={(e) => setRule({ ...rule, kind: e.target.value as PanelRule['kind'] })}>
                <LabelOptions labels={KINDS} />
              </select>
            </div>
            <div className="field">
              <label htmlFor="edit-disputing">Agencies in dispute</label>
              <select
                id="edit-disputing"
                value={rule.disputingAgenciesOnPanel}
                onChange={(e) => setRule({ ...rule, disputingAgenciesOnPanel: e.target.value as PanelRule['disputingAgenciesOnPanel'] })}
              >
                <LabelOptions labels={DISPUTING} />
              </select>
            </div>
          </div>
          <div className="choices">
            {FLAGS.map(([key, label]) => (
              <div className="field field--check" key={key}>
                <input
                  id={`edit-${key}`}
                  type="checkbox"
                  checked={rule[key]}
                  onChange={(e) => setRule({ ...rule, [key]: e.target.checked })}
                />
                <label htmlFor={`edit-${key}`}>{label}</label>
              </div>
            ))}
          </div>
        </fieldset>
        {badStage !== null && (
          <p role="alert" className="feedback feedback--error">
            Stage {badStage} timescale: give a whole number of working days, or leave it blank for not set.
          </p>
        )}
        <Feedback state={{ error: null, done: action.error ? null : notice }} />
        <div>
          <button type="submit" disabled={action.busy}>
            Save edited copy
          </button>
        </div>
      </form>
    </section>
  );
}
