import { useState } from 'react';
import { formatUkDate, isRealIsoDate, todayIso } from '../../../../shared/domain/dates';
import { useChannel } from '../../lib/useChannel';
import { DateInput } from '../../components/DateInput';

/** "Who sat on the full board on this date?": the question panels and returns ask of the directory. */
export function BoardOnDate() {
  const [date, setDate] = useState(todayIso());
  const valid = isRealIsoDate(date);
  const members = useChannel('board:membersOn', { date: valid ? date : todayIso() });
  return (
    <section aria-labelledby="board-on-date">
      <h2 id="board-on-date">The full board on a date</h2>
      <DateInput id="board-date" legend="Show the board as it stood on" value={date} onChange={setDate} />
      {!valid && <p role="alert">Enter a real date to see who was on the board.</p>}
      {valid && members.data && (
        <>
          <p role="status">
            {members.data.length === 0
              ? `No agency was a board member on ${formatUkDate(date)}.`
              : `${members.data.length} ${members.data.length === 1 ? 'agency was a board member' : 'agencies were board members'} on ${formatUkDate(date)}.`}
          </p>
          <ul aria-label={`Board members on ${formatUkDate(date)}`}>
            {members.data.map((m) => (
              <li key={m.agency.id}>
                {m.agency.name}
                {m.seniorOfficers.length > 0
                  ? ` — senior officers: ${m.seniorOfficers.map((o) => o.name).join(', ')}`
                  : ' — no senior officer named'}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
