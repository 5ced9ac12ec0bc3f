import { REFERRAL_ROUTES, type ReferralRoute } from '../../../../shared/domain/escalation';
import type { PolicyStage } from '../../../../shared/domain/policyProfiles';
import { LabelOptions, StageOptions } from '../../components/Options';
import type { NewEscalationDraft } from './newEscalationDraft';
import { DateInput } from '../../components/DateInput';

interface Props {
  draft: NewEscalationDraft;
  stages: readonly PolicyStage[];
  onChange: (patch: Partial<NewEscalationDraft>) => void;
}

/** A child at immediate risk is referred straight away, and the case may start at a higher stage. */
export function ImmediateRiskFieldset({ draft, stages, onChange }: Props) {
  return (
    <fieldset>
      <legend>Immediate risk</legend>
      <div className="field field--check">
        <input
          id="immediate-risk"
          type="checkbox"
          checked={draft.immediateRisk}
          onChange={(e) => onChange({ immediateRisk: e.target.checked })}
        />
        <label htmlFor="immediate-risk">The child is at immediate risk of significant harm</label>
      </div>
      {draft.immediateRisk && (
        <div className="form-row">
          <div className="field">
            <label htmlFor="referral-to">Referral made to</label>
            <span id="referral-to-hint" className="hint">
              The child must be referred straight away
            </span>
            <select
              id="referral-to"
              aria-describedby="referral-to-hint"
              value={draft.referralTo}
              onChange={(e) => onChange({ referralTo: e.target.value as ReferralRoute | '' })}
            >
              <option value="">Not made yet</option>
              <LabelOptions labels={REFERRAL_ROUTES} />
            </select>
          </div>
          {draft.referralTo !== '' && (
            <div className="field">
              <DateInput
                id="referral-on"
                legend="Referral made on"
                hint="The date it was made, on or after the date raised. If nobody knows it, say so below: it is then counted as not known. For example, 27 3 2026"
                value={draft.referralDateUnknown ? '' : draft.referralOn}
                disabled={draft.referralDateUnknown}
                onChange={(iso) => onChange({ referralOn: iso })}
              />
              <div className="field field--check">
                <input
                  id="referral-on-unknown"
                  type="checkbox"
                  checked={draft.referralDateUnknown}
                  onChange={(e) => onChange({ referralDateUnknown: e.target.checked })}
                />
                <label htmlFor="referral-on-unknown">The date the referral was made is not known</label>
              </div>
            </div>
          )}
          <div className="field">
            <label htmlFor="start-stage">Start at stage</label>
            <select
              id="start-stage"
              value={draft.startStage ?? ''}
              onChange={(e) => onChange({ startStage: e.target.value === '' ? null : Number(e.target.value) })}
            >
              <option value="">The policy’s first stage</option>
              <StageOptions stages={stages} />
            </select>
          </div>
        </div>
      )}
    </fieldset>
  );
}
