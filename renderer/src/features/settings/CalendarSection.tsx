import { useState, type FormEvent } from 'react';
import { formatUkDate, todayIso } from '../../../../shared/domain/dates';
import type { BoardSettings } from '../../../../shared/domain/settings';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Feedback } from '../../components/Feedback';
import { plural } from '../../components/formatting';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import { useCan } from '../accounts/sessionContext';
import { useChannel } from '../../lib/useChannel';
import { DateInput } from '../../components/DateInput';

const changedText = (n: number) =>
  n === 0 ? 'No open due date changed.' : `${plural(n, 'open due date was', 'open due dates were')} worked out again.`;

function BankHolidays() {
  const thisYear = Number(todayIso().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const holidays = useChannel('calendar:bankHolidays', { year });
  return (
    <>
      <h3>Bank holidays in England and Wales</h3>
      <div className="field">
        <label htmlFor="holiday-year">Year</label>
        <select id="holiday-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {Array.from({ length: 12 }, (_, i) => thisYear - 6 + i).map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      {holidays.error && <p role="alert">{holidays.error.message}</p>}
      {holidays.data && (
        <ul className="plain columns" aria-label={`Bank holidays in ${year}`}>
          {holidays.data.map((h) => (
            <li key={h.date}>
              {formatUkDate(h.date)}: {h.name}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The working-day calendar: bank holidays from the maintained source, plus the board's own closure days. */
export function CalendarSection({ settings, onSaved }: { settings: BoardSettings; onSaved: () => void }) {
  const action = useVersionedAction(settings.version);
  const adds = useCan('calendar:addClosureDay');
  const removes = useCan('calendar:removeClosureDay');
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [removeReason, setRemoveReason] = useState('');
  const add = (event: FormEvent) => {
    event.preventDefault();
    void action
      .run(
        (basedOnVersion) => call('calendar:addClosureDay', { basedOnVersion, date, reason }),
        (r) => {
          onSaved();
          return `Added ${formatUkDate(date)} as a closure day. ${changedText(r.dueDatesChanged)}`;
        },
      )
      .then((saved) => {
        if (!saved) return;
        setDate('');
        setReason('');
      });
  };
  const remove = (day: string) =>
    void action.run(
      (basedOnVersion) => call('calendar:removeClosureDay', { basedOnVersion, date: day, reason: removeReason }),
      (r) => {
        onSaved();
        setRemoveReason('');
        return `Removed the closure day ${formatUkDate(day)}. ${changedText(r.dueDatesChanged)}`;
      },
    );
  const days = [...settings.closureDays].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <section aria-labelledby="calendar">
      <h2 id="calendar">Working-day calendar</h2>
      <p className="hint">Due dates count working days: Monday to Friday, less bank holidays and the board’s closure days.</p>
      <BankHolidays />
      <h3>The board’s closure days</h3>
      {days.length === 0 ? (
        <p>No closure days.</p>
      ) : (
        <>
          {removes && (
            <div className="field">
              <label htmlFor="closure-remove-reason">Why a closure day is being removed</label>
              <span id="closure-remove-reason-hint" className="hint">
                Fill this in, then choose “Remove” beside the day
              </span>
              <input
                id="closure-remove-reason"
                className="input--long"
                aria-describedby="closure-remove-reason-hint"
                value={removeReason}
                onChange={(e) => setRemoveReason(e.target.value)}
              />
            </div>
          )}
          <table tabIndex={0}>
            <caption className="visually-hidden">The board’s closure days</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Reason</th>
                {removes && <th scope="col">Remove</th>}
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.date}>
                  <th scope="row">{formatUkDate(d.date)}</th>
                  <td>{d.reason}</td>
                  {removes && (
                    <td>
                      <button
                        type="button"
                        className="button--small"
                        disabled={action.busy}
                        onClick={() => remove(d.date)}
                        aria-label={`Remove ${formatUkDate(d.date)}`}
                      >
                        Remove
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {adds && (
        <form noValidate className="form-row" onSubmit={add} onChange={action.start} aria-label="Add a closure day">
          <ErrorSummary state={action} />
          <DateInput id="closure-date" legend="Closure day" value={date} onChange={setDate} />
          <div className="field">
            <label htmlFor="closure-reason">Reason</label>
            <input id="closure-reason" className="input--long" value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="submit" disabled={action.busy}>
            Add closure day
          </button>
        </form>
      )}
      <Feedback state={action} summarised />
    </section>
  );
}
