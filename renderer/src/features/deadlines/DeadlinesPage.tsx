import { formatUkDate } from '../../../../shared/domain/dates';
import { href } from '../../lib/route';
import { plural } from '../../components/formatting';
import { useChannel } from '../../lib/useChannel';
import { DueThisWeek, DueToday, NoTimescale } from './AttentionLists';
import { usePageTitle } from '../../lib/pageTitle';

/**
 * What needs chasing today: overdue stages (latest first), stages due today and later this week,
 * cases at a stage with no timescale, immediate-risk breaches, notifications not yet made.
 */
export function DeadlinesPage() {
  usePageTitle('Deadlines');
  const answer = useChannel('escalations:overdue', {});
  const data = answer.data;
  const overdue = data ? [...data.overdue].sort((a, b) => b.workingDaysLate - a.workingDaysLate) : [];

  return (
    <>
      <h1>Deadlines</h1>
      <p className="lede">
        What needs chasing today. Working days leave out weekends, bank holidays in England and Wales, and the board’s closure days.
      </p>
      {answer.error && <p role="alert">{answer.error.message}</p>}
      {!data && !answer.error && <p role="status">Reading the register…</p>}
      {data && (
        <>
          <section aria-labelledby="overdue">
            <h2 id="overdue">Overdue stages ({overdue.length.toLocaleString('en-GB')})</h2>
            {overdue.length === 0 ? (
              <p>No open stage is overdue.</p>
            ) : (
              <table tabIndex={0}>
                <caption className="visually-hidden">Overdue stages, most working days late first</caption>
                <thead>
                  <tr>
                    <th scope="col">Case reference</th>
                    <th scope="col">Raised by</th>
                    <th scope="col">Challenged</th>
                    <th scope="col">Stage</th>
                    <th scope="col">Due</th>
                    <th scope="col">Late by</th>
                  </tr>
                </thead>
                <tbody>
                  {overdue.map((r) => (
                    <tr key={r.id}>
                      <th scope="row">
                        <a href={href('escalations', r.id)}>{r.reference}</a>
                        {r.immediateRisk && <span className="tag"> immediate risk</span>}
                      </th>
                      <td>{r.raisingAgency}</td>
                      <td>{r.challengedAgencies}</td>
                      <td>{r.stageNumber === null ? '—' : `${r.stageNumber}${r.stageName ? `: ${r.stageName}` : ''}`}</td>
                      <td>{r.dueOn ? formatUkDate(r.dueOn) : '—'}</td>
                      <td>
                        <span className="badge badge--overdue">{plural(r.workingDaysLate, 'working day', 'working days')}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <DueToday rows={data.dueToday} />
          <DueThisWeek rows={data.dueThisWeek} />
          <NoTimescale rows={data.noTimescale} />

          <section aria-labelledby="immediate-risk">
            <h2 id="immediate-risk">Immediate-risk breaches ({data.breaches.length.toLocaleString('en-GB')})</h2>
            {data.breaches.length === 0 ? (
              <p>
                Every child at immediate risk has a referral dated the same working day the case was raised, and went up the same working
                day.
              </p>
            ) : (
              <table tabIndex={0}>
                <caption className="visually-hidden">
                  Escalations about a child at immediate risk whose referral is missing, late or undated, or that did not go up the same
                  working day
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Case reference</th>
                    <th scope="col">Raised by</th>
                    <th scope="col">Opened</th>
                    <th scope="col">What is missing</th>
                  </tr>
                </thead>
                <tbody>
                  {data.breaches.map((b) => (
                    <tr key={b.id}>
                      <th scope="row">
                        <a href={href('escalations', b.id)}>{b.reference}</a>
                      </th>
                      <td>{b.raisingAgency}</td>
                      <td>{formatUkDate(b.openedOn)}</td>
                      <td>
                        <ul className="plain">
                          {b.breaches.map((x) => (
                            <li key={x.kind}>{x.message}</li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section aria-labelledby="outstanding-notifications">
            <h2 id="outstanding-notifications">Notifications not yet made ({data.notifications.length.toLocaleString('en-GB')})</h2>
            {data.notifications.length === 0 ? (
              <p>Every required notification has been made.</p>
            ) : (
              <table tabIndex={0}>
                <caption className="visually-hidden">Required notifications not yet made</caption>
                <thead>
                  <tr>
                    <th scope="col">Case reference</th>
                    <th scope="col">Who must be told</th>
                    <th scope="col">Required since</th>
                  </tr>
                </thead>
                <tbody>
                  {data.notifications.map((n) => (
                    <tr key={n.id}>
                      <th scope="row">
                        <a href={href('escalations', n.escalationId)}>{n.reference}</a>
                      </th>
                      <td>{n.label}</td>
                      <td>{formatUkDate(n.requiredSince)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </>
  );
}
