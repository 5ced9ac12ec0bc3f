// Bars stacked board-level (dark) on agency-internal (pale), used wherever a count is split by
// where the escalation was handled. A click on a bar opens that bar's cases.
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS, SERIES, truncate, withTotalLabels } from './format';
import { ChartFrame, SplitKey } from './Panel';

export interface SplitRow {
  name: string;
  board: number;
  agencyInternal: number;
  total: number;
}

interface Props {
  rows: SplitRow[];
  label: string;
  /** Horizontal bars (long names down the side) or columns (short names along the bottom). */
  horizontal?: boolean;
  onBar: (index: number) => void;
}

export function SplitBarChart({ rows, label, horizontal = false, onBar }: Props) {
  const height = horizontal ? Math.max(140, 44 * rows.length + 40) : 240;
  const axes = horizontal ? (
    <>
      <XAxis type="number" allowDecimals={false} tick={AXIS.tick} stroke={AXIS.stroke} />
      <YAxis
        type="category"
        dataKey="name"
        width={210}
        tick={AXIS.tick}
        stroke={AXIS.stroke}
        tickFormatter={(n: string) => truncate(n, 60)}
      />
    </>
  ) : (
    <>
      <XAxis dataKey="name" tick={AXIS.tick} stroke={AXIS.stroke} interval={0} />
      <YAxis allowDecimals={false} tick={AXIS.tick} stroke={AXIS.stroke} width={36} />
    </>
  );
  return (
    <>
      <ChartFrame label={label} height={height}>
        <BarChart
          data={withTotalLabels(rows)}
          layout={horizontal ? 'vertical' : 'horizontal'}
          margin={{ top: 18, right: 36, bottom: 4, left: 4 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke="#e5e6e7" horizontal={!horizontal} vertical={horizontal} />
          {axes}
          <Tooltip isAnimationActive={false} cursor={{ fill: '#f3f2f1' }} />
          <Bar
            dataKey="board"
            name="Board-level"
            stackId="split"
            fill={SERIES.board}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(_, i) => onBar(i)}
            maxBarSize={56}
          >
            <LabelList dataKey="boardLabel" position={horizontal ? 'right' : 'top'} fill="#0b0c0c" fontWeight={700} />
          </Bar>
          <Bar
            dataKey="agencyInternal"
            name="Agency-internal"
            stackId="split"
            fill={SERIES.agencyInternal}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(_, i) => onBar(i)}
            maxBarSize={56}
          >
            <LabelList dataKey="internalLabel" position={horizontal ? 'right' : 'top'} fill="#0b0c0c" fontWeight={700} />
          </Bar>
        </BarChart>
      </ChartFrame>
      <SplitKey board={SERIES.board} agencyInternal={SERIES.agencyInternal} />
    </>
  );
}
