import { useState, type FormEvent } from 'react';
import type { PolicyProfile } from '../../../../shared/domain/policyProfiles';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Feedback } from '../../components/Feedback';
import { StageOptions } from '../../components/Options';
import { plural } from '../../components/formatting';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import { parseTimescale } from './timescale';

/** Put right a timescale typed wrongly in the policy in use: open due dates are worked out again, their history kept. */
export function TimescaleCorrectionForm({
  profileId,
  profile,
  settingsVersion,
  onSaved,
}: {
  profileId: number;
  profile: PolicyProfile;
  settingsVersion: number;
  onSaved: () => void;
}) {
  const action = useVersionedAction(settingsVersion);
  const [stageNumber, setStageNumber] = useState(profile.stages[0]?.number ?? 0);
  const [days, setDays] = useState('');
  const [reason, setReason] = useState('');
  const [badDays, setBadDays] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const timescale = parseTimescale(days);
    setBadDays(timescale === undefined);
    if (timescale === undefined) return;
    void action.run(
      (basedOnVersion) =>
        call('profiles:correctTimescale', { basedOnVersion, profileId, stageNumber, timescaleWorkingDays: timescale, reason }),
      (r) => {
        onSaved();
        return `Corrected stage ${stageNumber}. ${r.dueDatesChanged === 0 ? 'No open due date changed.' : `${plural(r.dueDatesChanged, 'open due date was', 'open due dates were')} worked out again.`}`;
      },
    );
  };
  return (
    <section aria-labelledby="correct-timescale">
      <h2 id="correct-timescale">Correct a timescale</h2>
      <p className="hint">For a timescale entered wrongly in the policy in use. To change the policy itself, edit a copy above.</p>
      <form noValidate className="form-row" onSubmit={submit} onChange={action.start} aria-label="Correct a timescale">
        <ErrorSummary state={action} />
        <div className="field">
          <label htmlFor="correct-stage">Stage</label>
          <select id="correct-stage" value={stageNumber} onChange={(e) => setStageNumber(Number(e.target.value))}>
            <StageOptions stages={profile.stages} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="correct-days">Working days</label>
          <span id="correct-days-hint" className="hint">
            Blank for not set
          </span>
          <input
            id="correct-days"
            className="input--short"
            inputMode="numeric"
            aria-describedby="correct-days-hint"
            value={days}
            onChange={(e) => setDays(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="correct-why">Why it is being corrected</label>
          <input id="correct-why" className="input--long" value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <button type="submit" disabled={action.busy}>
          Correct timescale
        </button>
      </form>
      {badDays ? (
        <p role="alert" className="feedback feedback--error">
          Give the timescale as a whole number of working days, or leave it blank for not set.
        </p>
      ) : (
        <Feedback state={action} summarised />
      )}
    </section>
  );
}
