import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Feedback } from '../../components/Feedback';
import { call } from '../../lib/api';
import { useAction } from '../../lib/useAction';
import { useSession } from './sessionContext';

export function IdleLockForm({ minutes }: { minutes: number }) {
  const action = useAction();
  const { refresh } = useSession();
  const [value, setValue] = useState(String(minutes));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      () => call('users:setIdleLock', { minutes: Number(value) }),
      (r) => {
        refresh();
        return `The app now locks after ${r.idleLockMinutes} minutes without use.`;
      },
    );
  };
  return (
    <section aria-labelledby="idle-lock">
      <h2 id="idle-lock">Locking when idle</h2>
      <form noValidate className="form-row" onSubmit={submit} aria-label="Idle lock">
        <ErrorSummary state={action} />
        <div className="field">
          <label htmlFor="idle-minutes">Lock after this many minutes without use</label>
          <span className="hint" id="idle-minutes-hint">
            1 to 120. Shared offices and laptops taken to meetings need a short time.
          </span>
          <input
            id="idle-minutes"
            inputMode="numeric"
            className="input--short"
            aria-describedby="idle-minutes-hint"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
        <button type="submit" disabled={action.busy}>
          Save idle lock
        </button>
      </form>
      <Feedback state={action} summarised />
    </section>
  );
}
