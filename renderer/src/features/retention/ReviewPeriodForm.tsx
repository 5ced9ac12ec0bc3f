import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Feedback } from '../../components/Feedback';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';

export function ReviewPeriodForm({ years, settingsVersion, onSaved }: { years: number; settingsVersion: number; onSaved: () => void }) {
  const action = useVersionedAction(settingsVersion);
  const [value, setValue] = useState(String(years));
  // Another person's new period shows at once in an untouched form; once this person has begun
  // typing, their text stays (a save on the old version is then refused in words).
  const [shownYears, setShownYears] = useState(years);
  if (years !== shownYears && !action.touched) {
    setShownYears(years);
    setValue(String(years));
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      (basedOnVersion) => call('retention:setPeriod', { basedOnVersion, years: Number(value) }),
      (saved) => {
        onSaved();
        return `Saved. Cases come up for review ${saved.reviewYears} year${saved.reviewYears === 1 ? '' : 's'} after they are closed.`;
      },
    );
  };
  return (
    <section aria-labelledby="review-period">
      <h2 id="review-period">Review period</h2>
      <form noValidate className="form-row" onSubmit={submit} onChange={action.start} aria-label="The board’s review period">
        <ErrorSummary state={action} />
        <div className="field">
          <label htmlFor="review-years">Years after a case is closed</label>
          <span id="review-years-hint" className="hint">
            The board’s retention schedule (6 years unless the board decides otherwise)
          </span>
          <input
            id="review-years"
            className="input--short"
            inputMode="numeric"
            aria-describedby="review-years-hint"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
        <button type="submit" disabled={action.busy}>
          Save review period
        </button>
      </form>
      <Feedback state={action} summarised />
    </section>
  );
}
