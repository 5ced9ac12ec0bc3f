import { useState, type FormEvent } from 'react';
import type { BoardSettings } from '../../../../shared/domain/settings';
import { quarterFromKey } from '../../../../shared/domain/quarter';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Feedback } from '../../components/Feedback';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import { useCan } from '../accounts/sessionContext';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function BoardDetailsForm({ settings, onSaved }: { settings: BoardSettings; onSaved: () => void }) {
  const action = useVersionedAction(settings.version);
  const [boardName, setBoardName] = useState(settings.boardName);
  const [startMonth, setStartMonth] = useState(settings.quarterStartMonth);
  const [chairEmail, setChairEmail] = useState(settings.chairEmail);
  const example = quarterFromKey('2026-Q1', startMonth);
  const changes = useCan('settings:update');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      (basedOnVersion) => call('settings:update', { basedOnVersion, boardName, quarterStartMonth: startMonth, chairEmail }),
      (s) => {
        onSaved();
        return `Saved. Quarters now start in ${MONTHS[s.quarterStartMonth - 1]}.`;
      },
    );
  };
  return (
    <section aria-labelledby="board-details">
      <h2 id="board-details">The board</h2>
      {!changes && (
        <dl className="facts">
          <div>
            <dt>Board name</dt>
            <dd>{settings.boardName}</dd>
          </div>
          <div>
            <dt>Independent chair’s e-mail</dt>
            <dd>{settings.chairEmail || 'Not recorded'}</dd>
          </div>
          <div>
            <dt>Reporting year starts in</dt>
            <dd>{MONTHS[settings.quarterStartMonth - 1]}</dd>
          </div>
        </dl>
      )}
      {changes && (
        <form noValidate className="form-row" onSubmit={submit} onChange={action.start} aria-label="The board’s name and reporting year">
          <ErrorSummary state={action} />
          <div className="field">
            <label htmlFor="board-name">Board name</label>
            <input id="board-name" className="input--long" value={boardName} onChange={(e) => setBoardName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="chair-email">Independent chair’s e-mail</label>
            <span id="chair-email-hint" className="hint">
              The referral e-mail to the chair is addressed here
            </span>
            <input
              id="chair-email"
              type="email"
              autoComplete="off"
              className="input--long"
              aria-describedby="chair-email-hint"
              value={chairEmail}
              onChange={(e) => setChairEmail(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="quarter-start">Reporting year starts in</label>
            <span id="quarter-start-hint" className="hint">
              Quarter 1 then runs {example.label.replace(/^Q1 \S+ /, '').replace(/[()]/g, '')}
            </span>
            <select
              id="quarter-start"
              aria-describedby="quarter-start-hint"
              value={startMonth}
              onChange={(e) => setStartMonth(Number(e.target.value))}
            >
              {MONTHS.map((m, i) => (
                <option key={m} value={i + 1}>
                  {m}
                  {i === 3 ? ' (financial year)' : ''}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={action.busy}>
            Save board details
          </button>
        </form>
      )}
      <Feedback state={action} summarised />
    </section>
  );
}
