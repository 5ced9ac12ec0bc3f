import { useState, type FormEvent } from 'react';
import { Feedback } from '../../components/Feedback';
import { call } from '../../lib/api';
import { useAction } from '../../lib/useAction';

export function ReviewPeriodForm({ years, onSaved }: { years: number; onSaved: () => void }) {
  const action = useAction();
  const [value, setValue] = useState(String(years));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      () => call('retention:setPeriod', { years: Number(value) }),
      (saved) => {
        onSaved();
        return `Saved. Cases come up for review ${saved.reviewYears} year${saved.reviewYears === 1 ? '' : 's'} after they are closed.`;
      },
    );
  };
  return (
    <section aria-labelledby="review-period">
      <h2 id="review-period">Review period</h2>
      <form noValidate className="form-row" onSubmit={submit} aria-label="The board’s review period">
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
      <Feedback state={action} />
    </section>
  );
}
