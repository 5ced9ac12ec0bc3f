import { useState, type FormEvent } from 'react';
import type { AgencyDetail } from '../../../../shared/domain/agency';
import { formatUkDate, todayIso } from '../../../../shared/domain/dates';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Feedback } from '../../components/Feedback';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import { useCan } from '../accounts/sessionContext';
import { DateInput } from '../../components/DateInput';

export function MembershipSection({ agency, onChanged }: { agency: AgencyDetail; onChanged: () => void }) {
  const action = useVersionedAction(agency.version);
  const [from, setFrom] = useState(todayIso());
  const [to, setTo] = useState('');
  const [endOn, setEndOn] = useState(todayIso());
  const adds = useCan('memberships:add');
  const ends = useCan('memberships:end');

  const add = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      (basedOnVersion) => call('memberships:add', { basedOnVersion, agencyId: agency.id, from, to: to === '' ? null : to }),
      () => {
        onChanged();
        return `Recorded board membership from ${formatUkDate(from)}${to ? ` to ${formatUkDate(to)}` : ''}.`;
      },
    );
  };
  const end = (membershipId: number) =>
    void action.run(
      (basedOnVersion) => call('memberships:end', { basedOnVersion, membershipId, to: endOn }),
      () => {
        onChanged();
        return `Board membership ends on ${formatUkDate(endOn)}.`;
      },
    );

  const open = agency.memberships.filter((m) => m.to === null);
  return (
    <section aria-labelledby="membership">
      <h2 id="membership">Membership of the full board</h2>
      {agency.memberships.length === 0 ? (
        <p>Not recorded as a member of the full board at any time.</p>
      ) : (
        <table tabIndex={0}>
          <caption className="visually-hidden">Board membership periods of {agency.name}</caption>
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">To</th>
            </tr>
          </thead>
          <tbody>
            {agency.memberships.map((m) => (
              <tr key={m.id}>
                <td>{formatUkDate(m.from)}</td>
                <td>{m.to ? formatUkDate(m.to) : 'continuing'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Feedback state={action} summarised />
      {!agency.retiredOn && open.length > 0 && ends && (
        <div className="form-row">
          <DateInput id="membership-end" legend="End the current membership on" value={endOn} onChange={setEndOn} />
          <button type="button" disabled={action.busy} onClick={() => end(open[0]!.id)}>
            End membership
          </button>
        </div>
      )}
      {!agency.retiredOn && adds && (
        <form noValidate className="form-row" onSubmit={add} onChange={action.start} aria-label="Add a board membership period">
          <ErrorSummary state={action} />
          <DateInput id="membership-from" legend="Member from" value={from} onChange={setFrom} />
          <DateInput
            id="membership-to"
            legend="Member to"
            hint="Leave blank if continuing. For example, 31 3 2027"
            value={to}
            onChange={setTo}
          />
          <button type="submit" disabled={action.busy}>
            Add membership
          </button>
        </form>
      )}
    </section>
  );
}
