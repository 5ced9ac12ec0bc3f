import { Bar, BarChart, CartesianGrid, Cell, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard } from '../../../../shared/domain/dashboard';
import { openDrill } from './drillLink';
import { AXIS, percent, SERIES, shortQuarter } from './format';
import { ChartFrame, DrillCount, Panel } from './Panel';

/** "Q2 2026-27" as two lines, "Q2" over "2026-27", so nine quarters fit under a half-width chart. */
function QuarterTick({ x = 0, y = 0, payload }: { x?: number; y?: number; payload?: { value: string } }) {
  const [q, year] = (payload?.value ?? '').split(' ');
  return (
    <text x={x} y={y + 14} textAnchor="middle" fill={AXIS.tick.fill} fontSize={12}>
      <tspan x={x}>{q}</tspan>
      <tspan x={x} dy={14}>
        {year}
      </tspan>
    </text>
  );
}

const days = (n: number | null) => (n === null ? '—' : `${n} working ${n === 1 ? 'day' : 'days'}`);

function ResolutionTimePanel({ d }: { d: Dashboard }) {
  const t = d.timeToResolution;
  const quarter = d.quarter.key;
  const headline =
    t.count === 0
      ? 'No escalations were resolved this quarter.'
      : `Half were resolved within ${days(t.medianWorkingDays)}; ${t.withinTimescale} of the ${t.withTimescale} with a timescale to meet (${percent(t.withinTimescaleShare)}) within it.`;
  const bars = [
    { name: 'Median', value: t.medianWorkingDays ?? 0, fill: SERIES.resolved },
    { name: '90th percentile', value: t.p90WorkingDays ?? 0, fill: SERIES.openAtEnd },
  ];
  return (
    <Panel id="dash-time" title="Time to resolution" headline={headline}>
      {t.count > 0 && (
        <ChartFrame
          label={`Time to resolution in working days: median ${days(t.medianWorkingDays)}, 90th percentile ${days(t.p90WorkingDays)}.`}
          height={150}
        >
          <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 80, bottom: 4, left: 4 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e5e6e7" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={AXIS.tick} stroke={AXIS.stroke} unit=" d" />
            <YAxis type="category" dataKey="name" width={130} tick={AXIS.tick} stroke={AXIS.stroke} />
            <Bar dataKey="value" name="Working days" isAnimationActive={false} maxBarSize={36}>
              {bars.map((b) => (
                <Cell key={b.name} fill={b.fill} />
              ))}
              <LabelList dataKey="value" position="right" fill="#0b0c0c" fontWeight={700} formatter={(v) => `${String(v)} days`} />
            </Bar>
          </BarChart>
        </ChartFrame>
      )}
      <table className="dash-table" tabIndex={0}>
        <caption>Time to resolution, in working days from the date raised</caption>
        <tbody>
          <tr>
            <th scope="row">Resolved this quarter</th>
            <td className="num">
              <DrillCount drill={{ figure: 'resolved', quarter }} count={t.count} />
            </td>
          </tr>
          <tr>
            <th scope="row">Median</th>
            <td className="num">{days(t.medianWorkingDays)}</td>
          </tr>
          <tr>
            <th scope="row">90th percentile</th>
            <td className="num">{days(t.p90WorkingDays)}</td>
          </tr>
          <tr>
            <th scope="row">Resolved with a timescale to meet</th>
            <td className="num">
              <DrillCount drill={{ figure: 'resolved_with_timescale', quarter }} count={t.withTimescale} />
            </td>
          </tr>
          <tr>
            <th scope="row">Resolved within the policy’s timescales</th>
            <td className="num">
              <DrillCount drill={{ figure: 'resolved_within_timescale', quarter }} count={t.withinTimescale} /> (
              {percent(t.withinTimescaleShare)})
            </td>
          </tr>
        </tbody>
      </table>
    </Panel>
  );
}

function OverduePanel({ d }: { d: Dashboard }) {
  const quarter = d.quarter.key;
  const o = d.overdueAtEnd;
  const sentence = d.headlines.find((h) => h.figure === 'overdue_at_end')?.sentence ?? `${o.total} overdue`;
  const rows = d.trend.map((t) => ({ key: t.key, name: shortQuarter(t.label), value: t.overdueAtEnd }));
  return (
    <Panel id="dash-overdue" title="Overdue at the end of the quarter" headline={`${sentence}.`}>
      <ChartFrame
        label={`Column chart of cases overdue at each quarter end: ${rows.map((r) => `${r.name} ${r.value}`).join(', ')}.`}
        height={200}
      >
        <BarChart data={rows} margin={{ top: 18, right: 12, bottom: 4, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e5e6e7" vertical={false} />
          <XAxis dataKey="name" tick={<QuarterTick />} stroke={AXIS.stroke} interval={0} height={40} />
          <YAxis allowDecimals={false} tick={AXIS.tick} stroke={AXIS.stroke} width={30} />
          <Tooltip isAnimationActive={false} cursor={{ fill: '#f3f2f1' }} />
          <Bar
            dataKey="value"
            name="Overdue at end"
            isAnimationActive={false}
            cursor="pointer"
            maxBarSize={40}
            onClick={(_, i) => openDrill({ figure: 'overdue_at_end', quarter: rows[i]!.key })}
          >
            {rows.map((r) => (
              <Cell key={r.key} fill={r.key === quarter ? SERIES.overdue : '#e8a29c'} />
            ))}
            <LabelList dataKey="value" position="top" fill="#0b0c0c" />
          </Bar>
        </BarChart>
      </ChartFrame>
      <table className="dash-table" tabIndex={0}>
        <caption>Cases with a stage past its due date at the quarter end (or today, for the quarter in progress)</caption>
        <tbody>
          <tr>
            <th scope="row">Board-level</th>
            <td className="num">
              <DrillCount drill={{ figure: 'overdue_at_end', quarter, origin: 'board' }} count={o.board} qualifier="(board-level)" />
            </td>
          </tr>
          <tr>
            <th scope="row">Agency-internal</th>
            <td className="num">
              <DrillCount
                drill={{ figure: 'overdue_at_end', quarter, origin: 'agency_return' }}
                count={o.agencyInternal}
                qualifier="(agency-internal)"
              />
            </td>
          </tr>
          <tr>
            <th scope="row">All overdue</th>
            <td className="num dash-total">
              <DrillCount drill={{ figure: 'overdue_at_end', quarter }} count={o.total} />
            </td>
          </tr>
        </tbody>
      </table>
    </Panel>
  );
}

export function TimelinessPanels({ d }: { d: Dashboard }) {
  return (
    <>
      <ResolutionTimePanel d={d} />
      <OverduePanel d={d} />
    </>
  );
}
