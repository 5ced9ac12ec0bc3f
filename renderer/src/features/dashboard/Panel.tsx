// The frame every dashboard panel shares: a heading, its headline sentence, the chart (an image
// with a summary for screen readers) and the same figures as a plain table.
import type { ReactElement, ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';
import type { DrillInput, Figure, Split } from '../../../../shared/domain/dashboard';
import { drillHref } from './drillLink';
import { showName } from './format';

interface PanelProps {
  id: string;
  title: string;
  headline: string;
  wide?: boolean;
  children: ReactNode;
}

export function Panel({ id, title, headline, wide = false, children }: PanelProps) {
  return (
    <section className={`dash-panel${wide ? ' dash-panel--wide' : ''}`} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p className="dash-panel__headline">{headline}</p>
      {children}
    </section>
  );
}

interface ChartFrameProps {
  /** What the chart shows, in words: a screen reader hears this instead of the drawing. */
  label: string;
  height: number;
  minWidth?: number;
  children: ReactElement;
}

export function ChartFrame({ label, height, minWidth = 440, children }: ChartFrameProps) {
  return (
    <div className="dash-chart" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height={height} minWidth={minWidth} initialDimension={{ width: minWidth, height }}>
        {children}
      </ResponsiveContainer>
    </div>
  );
}

/** A count that opens the register on exactly those cases; zero is plain text (nothing to open). */
export function DrillCount({
  drill,
  count,
  qualifier = '',
}: {
  drill: DrillInput & { figure: Figure };
  count: number;
  qualifier?: string;
}) {
  if (count === 0) return <span className="muted">0</span>;
  return (
    <a href={drillHref(drill)} aria-label={showName(drill.figure, count, qualifier)}>
      {count.toLocaleString('en-GB')}
    </a>
  );
}

/** Board-level, agency-internal and total cells of one row, each opening its own cases. */
export function SplitCells({ drill, split, qualifier = '' }: { drill: DrillInput & { figure: Figure }; split: Split; qualifier?: string }) {
  return (
    <>
      <td className="num">
        <DrillCount drill={{ ...drill, origin: 'board' }} count={split.board} qualifier={`${qualifier} (board-level)`.trim()} />
      </td>
      <td className="num">
        <DrillCount
          drill={{ ...drill, origin: 'agency_return' }}
          count={split.agencyInternal}
          qualifier={`${qualifier} (agency-internal)`.trim()}
        />
      </td>
      <td className="num dash-total">
        <DrillCount drill={drill} count={split.total} qualifier={qualifier} />
      </td>
    </>
  );
}

export function SplitHead({ first }: { first: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col" className="num">
          Board-level
        </th>
        <th scope="col" className="num">
          Agency-internal
        </th>
        <th scope="col" className="num">
          Total
        </th>
      </tr>
    </thead>
  );
}

/** The key under a chart that splits board-level from agency-internal cases. */
export function SplitKey({ board, agencyInternal }: { board: string; agencyInternal: string }) {
  return (
    <p className="dash-key" aria-hidden="true">
      <span className="dash-key__swatch" style={{ background: board }} /> Darker: board-level
      <span className="dash-key__swatch" style={{ background: agencyInternal }} /> Paler: agency-internal (from the agencies’ returns)
    </p>
  );
}
