// What is coming due and what has no due date at all, beside the overdue list: nothing open is
// out of sight because its stage has no timescale (Torbay's pre-escalation stage, say).
import type { ReactNode } from 'react';
import type { RegisterRow } from '../../../../shared/domain/escalation';
import { formatUkDate } from '../../../../shared/domain/dates';
import { href } from '../../lib/route';
import { plural } from '../../components/formatting';

interface Column<R> {
  header: string;
  cell: (row: R) => ReactNode;
}

const stageOf = (r: RegisterRow) => (r.stageNumber === null ? '—' : `${r.stageNumber}${r.stageName ? `: ${r.stageName}` : ''}`);

function AttentionTable<R extends RegisterRow>(props: {
  id: string;
  title: string;
  caption: string;
  empty: string;
  rows: readonly R[];
  columns: Column<R>[];
}) {
  const { id, title, caption, empty, rows, columns } = props;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>
        {title} ({rows.length.toLocaleString('en-GB')})
      </h2>
      {rows.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <table tabIndex={0}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Case reference</th>
              <th scope="col">Raised by</th>
              <th scope="col">Stage</th>
              {columns.map((c) => (
                <th scope="col" key={c.header}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <a href={href('escalations', r.id)}>{r.reference}</a>
                  {r.immediateRisk && <span className="tag"> immediate risk</span>}
                </th>
                <td>{r.raisingAgency}</td>
                <td>{stageOf(r)}</td>
                {columns.map((c) => (
                  <td key={c.header}>{c.cell(r)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function DueToday({ rows }: { rows: readonly RegisterRow[] }) {
  return (
    <AttentionTable
      id="due-today"
      title="Due today"
      caption="Open stages due today"
      empty="No open stage is due today."
      rows={rows}
      columns={[{ header: 'Due', cell: (r) => <span className="badge badge--due_soon">Today, {formatUkDate(r.dueOn!)}</span> }]}
    />
  );
}

export function DueThisWeek({ rows }: { rows: readonly (RegisterRow & { workingDaysLeft: number })[] }) {
  return (
    <AttentionTable
      id="due-this-week"
      title="Due later this week"
      caption="Open stages due after today and by Sunday, soonest first"
      empty="No other open stage is due this week."
      rows={rows}
      columns={[
        { header: 'Due', cell: (r) => formatUkDate(r.dueOn!) },
        { header: 'Time left', cell: (r) => plural(r.workingDaysLeft, 'working day', 'working days') },
      ]}
    />
  );
}

export function NoTimescale({ rows }: { rows: readonly (RegisterRow & { stageStartedOn: string; workingDaysAtStage: number })[] }) {
  return (
    <AttentionTable
      id="no-timescale"
      title="At a stage with no timescale"
      caption="Open cases at a stage the policy sets no timescale for, longest waiting first"
      empty="No open case is at a stage without a timescale."
      rows={rows}
      columns={[
        { header: 'At this stage since', cell: (r) => formatUkDate(r.stageStartedOn) },
        { header: 'Waiting', cell: (r) => plural(r.workingDaysAtStage, 'working day', 'working days') },
      ]}
    />
  );
}
