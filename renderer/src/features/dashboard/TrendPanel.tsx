import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard } from '../../../../shared/domain/dashboard';
import { openDrill } from './drillLink';
import { AXIS, SERIES, shortQuarter } from './format';
import { ChartFrame, DrillCount, Panel } from './Panel';

export function TrendPanel({ d }: { d: Dashboard }) {
  const rows = d.trend.map((t) => ({ ...t, short: shortQuarter(t.label) }));
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  const headline = `${last.new} new, ${last.resolved} resolved and ${last.openAtEnd} still open at the end of ${last.short}, over ${rows.length} quarters from ${first.short}.`;
  const label = `Trend over ${rows.length} quarters. ${rows.map((r) => `${r.short}: ${r.new} new, ${r.resolved} resolved, ${r.openAtEnd} open at end`).join('; ')}.`;
  return (
    <Panel id="dash-trend" title="Trend over nine quarters" headline={headline} wide>
      <ChartFrame label={label} height={280} minWidth={640}>
        <ComposedChart data={rows} margin={{ top: 10, right: 24, bottom: 4, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e5e6e7" vertical={false} />
          <XAxis dataKey="short" tick={AXIS.tick} stroke={AXIS.stroke} interval={0} />
          <YAxis allowDecimals={false} tick={AXIS.tick} stroke={AXIS.stroke} width={36} />
          <Tooltip isAnimationActive={false} />
          <Legend verticalAlign="top" height={28} iconType="square" itemSorter={null} />
          <Bar
            dataKey="new"
            name="New"
            fill={SERIES.new}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(_, i) => openDrill({ figure: 'new', quarter: rows[i]!.key })}
          />
          <Bar
            dataKey="resolved"
            name="Resolved"
            fill={SERIES.resolved}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(_, i) => openDrill({ figure: 'resolved', quarter: rows[i]!.key })}
          />
          <Line
            dataKey="openAtEnd"
            name="Open at end of quarter"
            stroke={SERIES.openAtEnd}
            strokeWidth={3}
            dot={{ r: 4, fill: SERIES.openAtEnd }}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ChartFrame>
      <table className="dash-table" tabIndex={0}>
        <caption>New, resolved and open escalations by quarter</caption>
        <thead>
          <tr>
            <th scope="col">Quarter</th>
            <th scope="col" className="num">
              New
            </th>
            <th scope="col" className="num">
              Resolved
            </th>
            <th scope="col" className="num">
              Open at end
            </th>
            <th scope="col" className="num">
              Carried over
            </th>
            <th scope="col" className="num">
              Resolved at stages 1-2
            </th>
            <th scope="col" className="num">
              Overdue at end
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const q = { quarter: r.key };
            const inQ = `in ${r.short}`;
            return (
              <tr key={r.key} className={r.key === d.quarter.key ? 'row--current' : undefined}>
                <th scope="row">{r.label}</th>
                <td className="num">
                  <DrillCount drill={{ figure: 'new', ...q }} count={r.new} qualifier={inQ} />
                </td>
                <td className="num">
                  <DrillCount drill={{ figure: 'resolved', ...q }} count={r.resolved} qualifier={inQ} />
                </td>
                <td className="num">
                  <DrillCount drill={{ figure: 'open_at_end', ...q }} count={r.openAtEnd} qualifier={`of ${r.short}`} />
                </td>
                <td className="num">
                  <DrillCount drill={{ figure: 'carried_over', ...q }} count={r.carriedOver} qualifier={`into ${r.short}`} />
                </td>
                <td className="num">
                  <DrillCount drill={{ figure: 'resolved_at_stages_1_2', ...q }} count={r.resolvedAtStages12} qualifier={inQ} />
                </td>
                <td className="num">
                  <DrillCount drill={{ figure: 'overdue_at_end', ...q }} count={r.overdueAtEnd} qualifier={`at the end of ${r.short}`} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Panel>
  );
}
