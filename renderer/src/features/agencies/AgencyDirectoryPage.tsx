import { useCan } from '../accounts/sessionContext';
import { useState } from 'react';
import { SECTORS } from '../../../../shared/domain/agency';
import { formatUkDate, todayIso } from '../../../../shared/domain/dates';
import { href } from '../../lib/route';
import { Feedback } from '../../components/Feedback';
import { call } from '../../lib/api';
import { useAction } from '../../lib/useAction';
import { useChannel } from '../../lib/useChannel';
import { AgencyForm } from './AgencyForm';
import { BoardOnDate } from './BoardOnDate';
import { usePageTitle } from '../../lib/pageTitle';

export function AgencyDirectoryPage() {
  usePageTitle('Agency directory');
  const [includeRetired, setIncludeRetired] = useState(false);
  const agencies = useChannel('agencies:list', { includeRetired });
  const add = useAction();
  const keepsDirectory = useCan('agencies:create');

  return (
    <>
      <h1>Agency directory</h1>
      <p className="lede">
        The partner agencies that raise and receive escalations, when each sits on the full board, and who represents it.
      </p>

      {keepsDirectory && (
        <section aria-labelledby="add-agency">
          <h2 id="add-agency">Add an agency</h2>
          <AgencyForm
            submitLabel="Add agency"
            busy={add.busy}
            refusal={add}
            onSubmit={(input) =>
              add.run(
                () => call('agencies:create', input),
                (created) => {
                  agencies.reload();
                  return `Added ${created.name}.`;
                },
              )
            }
          />
          <Feedback state={add} summarised />
        </section>
      )}

      <section aria-labelledby="agency-list">
        <h2 id="agency-list">Agencies</h2>
        <div className="field field--check">
          <input id="include-retired" type="checkbox" checked={includeRetired} onChange={(e) => setIncludeRetired(e.target.checked)} />
          <label htmlFor="include-retired">Show retired agencies</label>
        </div>
        {agencies.error && <p role="alert">{agencies.error.message}</p>}
        {agencies.data && agencies.data.length === 0 && <p>No agencies yet. Add the board’s partner agencies above to begin.</p>}
        {agencies.data && agencies.data.length > 0 && (
          <table tabIndex={0}>
            <caption className="visually-hidden">Partner agencies as of {formatUkDate(todayIso())}</caption>
            <thead>
              <tr>
                <th scope="col">Agency</th>
                <th scope="col">Sector</th>
                <th scope="col">Statutory partner</th>
                <th scope="col">Board member today</th>
                <th scope="col">Board representative</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {agencies.data.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <a href={href('agencies', a.id)}>{a.name}</a>
                  </th>
                  <td>{SECTORS[a.sector]}</td>
                  <td>{a.statutoryPartner ? 'Yes' : 'No'}</td>
                  <td>{a.boardMemberToday ? 'Yes' : 'No'}</td>
                  <td>{a.boardRepresentative ?? <span className="muted">None named</span>}</td>
                  <td>{a.retiredOn ? `Retired ${formatUkDate(a.retiredOn)}` : 'Active'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <BoardOnDate />
    </>
  );
}
