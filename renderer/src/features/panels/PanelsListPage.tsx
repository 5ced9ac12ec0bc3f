import { useState } from 'react';
import type { ChannelOutput } from '../../../../shared/contract';
import { formatUkDate } from '../../../../shared/domain/dates';
import { href } from '../../lib/route';
import { useChannel } from '../../lib/useChannel';
import { countWord } from './panelDraft';
import { PANEL_STATUSES } from '../../../../shared/domain/panel';
import { DecisionsWaiting } from './DecisionsWaiting';
import { SignOffsWaiting } from './SignOffsWaiting';
import { usePageTitle } from '../../lib/pageTitle';

type Row = ChannelOutput<'panels:list'>[number];
const FILTERS = { upcoming: 'Upcoming', past: 'Past', all: 'All' } as const;
type Filter = keyof typeof FILTERS;

function ChecksCell({ row }: { row: Row }) {
  if (row.valid) return <span className="badge panel-badge panel-badge--pass">Valid</span>;
  if (row.underDeparture) return <span className="badge panel-badge panel-badge--warning">Departure from the policy</span>;
  return (
    <>
      <span className="badge panel-badge panel-badge--fail">Not yet valid: {countWord(row.failing.length, 'problem', 'problems')}</span>
      {row.failing[0] && <span className="panel-list__first">{row.failing[0]}</span>}
    </>
  );
}

/** #/panels: every panel, upcoming first to hand, with whether it passes its checks at a glance. */
export function PanelsListPage() {
  usePageTitle('Resolution panels');
  const panels = useChannel('panels:list', {});
  const [filter, setFilter] = useState<Filter>('upcoming');
  const all = panels.data ?? [];
  const rows = all.filter((r) => filter === 'all' || (filter === 'upcoming') === r.upcoming);
  const shown = filter === 'upcoming' ? [...rows].sort((a, b) => (a.sitsOn < b.sitsOn ? -1 : a.sitsOn > b.sitsOn ? 1 : a.id - b.id)) : rows;
  return (
    <>
      <h1>Resolution panels</h1>
      <p className="lede">
        Panels the independent chair has planned, held or cancelled. To plan one, record the chair’s decision on a case at the board stage
        (those waiting are listed here for the chair), then choose “Plan the panel”.
      </p>
      <DecisionsWaiting />
      <SignOffsWaiting />
      <fieldset className="panel-filter">
        <legend>Show</legend>
        <div className="choices choices--inline">
          {(Object.keys(FILTERS) as Filter[]).map((f) => (
            <div className="field field--check" key={f}>
              <input id={`panel-filter-${f}`} type="radio" name="panel-filter" checked={filter === f} onChange={() => setFilter(f)} />
              <label htmlFor={`panel-filter-${f}`}>
                {FILTERS[f]} ({f === 'all' ? all.length : all.filter((r) => (f === 'upcoming') === r.upcoming).length})
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      {panels.error && <p role="alert">{panels.error.message}</p>}
      {!panels.data && !panels.error && <p role="status">Reading the panels…</p>}
      {panels.data && shown.length === 0 && (
        <p>{all.length === 0 ? 'No panels yet.' : `No ${filter === 'all' ? '' : `${FILTERS[filter].toLowerCase()} `}panels.`}</p>
      )}
      {shown.length > 0 && (
        <table className="panel-list" tabIndex={0}>
          <caption className="visually-hidden">{FILTERS[filter]} panels</caption>
          <thead>
            <tr>
              <th scope="col">Sits on</th>
              <th scope="col">Case</th>
              <th scope="col">Chair</th>
              <th scope="col">Agencies</th>
              <th scope="col">Status</th>
              <th scope="col">Checks</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.id}>
                <th scope="row" className="nowrap">
                  <a href={href('panels', r.id)}>
                    {formatUkDate(r.sitsOn)}
                    <span className="visually-hidden">: open the panel for {r.reference}</span>
                  </a>
                </th>
                <td>
                  <a href={href('escalations', r.escalationId)}>{r.reference}</a>
                </td>
                <td>{r.chairName}</td>
                <td>{r.agencies || <span className="muted">No seats filled</span>}</td>
                <td>
                  <span className={`status panel-status--${r.status}`}>{PANEL_STATUSES[r.status]}</span>
                </td>
                <td>
                  <ChecksCell row={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
