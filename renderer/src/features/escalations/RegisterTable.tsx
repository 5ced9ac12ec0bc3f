import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { ESCALATION_STATUSES, type RegisterRow } from '../../../../shared/domain/escalation';
import { formatUkDate } from '../../../../shared/domain/dates';
import { href } from '../../lib/route';
import { DeadlineBadge } from '../../components/DeadlineBadge';
import type { Filters, SortKey } from './registerQuery';

// A row is one line until a name or badge needs more: rows not yet drawn count as one line, so a
// million rows stay inside the height a browser can draw (about 33.5 million px); drawn rows are measured.
const ROW_HEIGHT = 32;
const VISIBLE_ROWS = 18;

const COLUMNS: { label: string; sort?: SortKey; firstDirection?: 'asc' | 'desc' }[] = [
  { label: 'Case reference', sort: 'reference', firstDirection: 'asc' },
  { label: 'Opened', sort: 'openedOn', firstDirection: 'desc' },
  { label: 'Raised by', sort: undefined },
  { label: 'Challenged', sort: undefined },
  { label: 'Stage', sort: 'stage', firstDirection: 'asc' },
  { label: 'Status', sort: 'status', firstDirection: 'asc' },
  { label: 'Due', sort: 'dueOn', firstDirection: 'asc' },
  { label: 'Deadline', sort: undefined },
];

interface Props {
  total: number;
  rowAt: (index: number) => RegisterRow | undefined;
  ensureRange: (first: number, last: number) => void;
  filters: Filters;
  onSort: (sort: SortKey, direction: 'asc' | 'desc') => void;
}

function Cells({ row }: { row: RegisterRow }) {
  return (
    <>
      <div role="cell" className="register__cell">
        <a href={href('escalations', row.id)}>{row.reference}</a>
        {row.childInitials && <span className="muted"> ({row.childInitials})</span>}
        {row.immediateRisk && (
          <span className="tag" title="Child at immediate risk of significant harm">
            risk<span className="visually-hidden"> (child at immediate risk)</span>
          </span>
        )}
      </div>
      <div role="cell" className="register__cell">
        {formatUkDate(row.openedOn)}
      </div>
      <div
        role="cell"
        className="register__cell"
        title={row.origin === 'agency_return' ? `${row.raisingAgency} (from its quarterly return)` : row.raisingAgency}
      >
        {row.origin === 'agency_return' && <span className="tag tag--quiet">return</span>}
        {row.raisingAgency}
      </div>
      <div role="cell" className="register__cell" title={row.challengedAgencies}>
        {row.challengedAgencies}
      </div>
      <div role="cell" className="register__cell" title={row.stageName ?? undefined}>
        {row.stageNumber === null ? '—' : `${row.stageNumber}${row.stageName ? ` ${row.stageName}` : ''}`}
      </div>
      <div role="cell" className="register__cell">
        {ESCALATION_STATUSES[row.status]}
      </div>
      <div role="cell" className="register__cell">
        {row.dueOn ? formatUkDate(row.dueOn) : '—'}
      </div>
      <div role="cell" className="register__cell">
        {row.status === 'open' ? <DeadlineBadge state={row.state} compact /> : '—'}
      </div>
    </>
  );
}

/**
 * The register as an ARIA table that draws only the rows in view and reads the pages it needs as
 * the list scrolls, so it stays quick with a million escalations.
 */
export function RegisterTable({ total, rowAt, ensureRange, filters, onSort }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser returns fresh functions by design
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (total === 0) return;
    const timer = window.setTimeout(() => ensureRange(first, last), 60);
    return () => window.clearTimeout(timer);
  }, [first, last, total, ensureRange]);

  // A short list is as tall as its rows as drawn (a long agency name wraps a row onto two lines),
  // so a handful of matches never hides one below the fold; a long one scrolls inside its region.
  const rowsHeight = total <= VISIBLE_ROWS ? Math.max(virtualizer.getTotalSize(), ROW_HEIGHT) : VISIBLE_ROWS * ROW_HEIGHT;
  const height = rowsHeight + ROW_HEIGHT + 4;
  return (
    <div
      ref={scrollRef}
      className="register__scroll"
      style={{ height }}
      tabIndex={0}
      role="region"
      aria-label="Escalations register (scrolls)"
    >
      <div role="table" aria-label="Escalations" aria-rowcount={total + 1} className="register">
        <div role="rowgroup" className="register__head">
          <div role="row" aria-rowindex={1} className="register__row">
            {COLUMNS.map((c) => {
              const sorted = c.sort !== undefined && filters.sort === c.sort;
              return (
                <div
                  key={c.label}
                  role="columnheader"
                  className="register__cell"
                  aria-sort={sorted ? (filters.direction === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {c.sort ? (
                    <button
                      type="button"
                      className="sort"
                      onClick={() => onSort(c.sort!, sorted ? (filters.direction === 'asc' ? 'desc' : 'asc') : (c.firstDirection ?? 'asc'))}
                    >
                      {c.label}
                      <span aria-hidden="true">{sorted ? (filters.direction === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
                    </button>
                  ) : (
                    c.label
                  )}
                </div>
              );
            })}
          </div>
        </div>
        <div role="rowgroup" className="register__body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className="register__row register__row--body"
                data-index={item.index}
                ref={virtualizer.measureElement}
                style={{ transform: `translateY(${item.start}px)`, minHeight: ROW_HEIGHT }}
              >
                {row ? (
                  <Cells row={row} />
                ) : (
                  COLUMNS.map((c, i) => (
                    <div key={c.label} role="cell" className="register__cell muted">
                      {i === 0 ? 'Loading…' : ''}
                    </div>
                  ))
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
