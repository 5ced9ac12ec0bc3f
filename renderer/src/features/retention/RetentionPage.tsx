import { useState } from 'react';
import { formatUkDate } from '../../../../shared/domain/dates';
import type { RetentionCase } from '../../../../shared/domain/retention';
import { href } from '../../lib/route';
import { formatUkDateTime, plural } from '../../components/formatting';
import { useChannel } from '../../lib/useChannel';
import { useNotice } from '../../lib/useNotice';
import { useCan } from '../accounts/sessionContext';
import { DeleteCaseForm } from './DeleteCaseForm';
import { ReviewPeriodForm } from './ReviewPeriodForm';
import { usePageTitle } from '../../lib/pageTitle';

const PAGE = 100;
const STATUS: Record<RetentionCase['status'], string> = { open: 'Open', resolved: 'Resolved', withdrawn: 'Withdrawn', closed: 'Closed' };

export function RetentionPage() {
  usePageTitle('Retention review');
  const [offset, setOffset] = useState(0);
  const review = useChannel('retention:review', { offset, limit: PAGE });
  const { notice, onSaved } = useNotice(review.reload);
  const [chosen, setChosen] = useState<RetentionCase | null>(null);
  const mayDelete = useCan('retention:deleteCase');
  const maySetPeriod = useCan('retention:setPeriod');
  const data = review.data;
  return (
    <>
      <h1>Retention review</h1>
      <p className="lede">
        Cases closed or withdrawn longer ago than the board’s review period come up here. Nothing is ever deleted automatically: a case is
        deleted only when someone chooses to, with a written reason, and the deletion is recorded in the audit trail (case reference and
        initials only).
      </p>
      {review.error && <p role="alert">{review.error.message}</p>}
      {!data && !review.error && <p role="status">Reading the register…</p>}
      <p role="status" className="feedback feedback--done">
        {notice}
      </p>
      {data && (
        <>
          {maySetPeriod ? (
            <ReviewPeriodForm years={data.reviewYears} settingsVersion={data.settingsVersion} onSaved={review.reload} />
          ) : (
            <p>
              The board’s review period: {data.reviewYears} year{data.reviewYears === 1 ? '' : 's'} after a case is closed. The business
              coordinator sets it and deletes cases after review.
            </p>
          )}
          <section aria-labelledby="due-review">
            <h2 id="due-review">Due for review ({data.total.toLocaleString('en-GB')})</h2>
            <p>
              Closed on or before {formatUkDate(data.cutoff)}, in the order they ended.
              {data.total > PAGE &&
                ` Showing ${(offset + 1).toLocaleString('en-GB')} to ${Math.min(offset + PAGE, data.total).toLocaleString('en-GB')}.`}
            </p>
            {data.rows.length === 0 ? (
              <p>No case is due for review.</p>
            ) : (
              <table tabIndex={0}>
                <caption className="visually-hidden">Cases due for review, oldest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Case reference</th>
                    <th scope="col">Initials</th>
                    <th scope="col">Raised by</th>
                    <th scope="col">Status</th>
                    <th scope="col">Closed</th>
                    <th scope="col">Review due</th>
                    <th scope="col">Deletion</th>
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((r) => (
                    <tr key={r.escalationId}>
                      <th scope="row">
                        <a href={href('escalations', r.escalationId)}>{r.reference}</a>
                      </th>
                      <td>{r.childInitials}</td>
                      <td>{r.raisingAgency}</td>
                      <td>{STATUS[r.status]}</td>
                      <td>{formatUkDate(r.closedOn)}</td>
                      <td>{formatUkDate(r.reviewDueOn)}</td>
                      <td>
                        {r.blockedBecause ? (
                          <span className="muted">Not yet: {r.blockedBecause}.</span>
                        ) : !mayDelete ? (
                          <span className="muted">Due for review by the business coordinator</span>
                        ) : (
                          <button
                            type="button"
                            className="button--small button--secondary"
                            disabled={chosen?.escalationId === r.escalationId}
                            onClick={() => setChosen(r)}
                            aria-label={`Review and delete ${r.reference}`}
                          >
                            Review and delete
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {data.total > PAGE && (
              <div className="actions">
                <button
                  type="button"
                  className="button--secondary"
                  disabled={offset === 0}
                  onClick={() => setOffset(Math.max(0, offset - PAGE))}
                >
                  Previous {PAGE}
                </button>
                <button
                  type="button"
                  className="button--secondary"
                  disabled={offset + PAGE >= data.total}
                  onClick={() => setOffset(offset + PAGE)}
                >
                  Next {PAGE}
                </button>
              </div>
            )}
          </section>
          {chosen && (
            <DeleteCaseForm
              key={chosen.escalationId}
              item={chosen}
              onCancel={() => setChosen(null)}
              onDeleted={(message) => {
                setChosen(null);
                onSaved(message);
              }}
            />
          )}
          <section aria-labelledby="deleted">
            <h2 id="deleted">Deleted after review ({data.deletionsTotal.toLocaleString('en-GB')})</h2>
            {data.deletions.length === 0 ? (
              <p>No case has been deleted.</p>
            ) : (
              <table tabIndex={0}>
                <caption className="visually-hidden">
                  Cases deleted after review, newest first
                  {data.deletionsTotal > data.deletions.length
                    ? ` (the latest ${plural(data.deletions.length, 'deletion', 'deletions')})`
                    : ''}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Case reference</th>
                    <th scope="col">Initials</th>
                    <th scope="col">Closed</th>
                    <th scope="col">Deleted</th>
                    <th scope="col">By</th>
                    <th scope="col">Why</th>
                  </tr>
                </thead>
                <tbody>
                  {data.deletions.map((d) => (
                    <tr key={`${d.reference}-${d.deletedAt}`}>
                      <th scope="row">{d.reference}</th>
                      <td>{d.childInitials}</td>
                      <td>{formatUkDate(d.closedOn)}</td>
                      <td>{formatUkDateTime(d.deletedAt)}</td>
                      <td>{d.deletedBy}</td>
                      <td>{d.reason}</td>
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
