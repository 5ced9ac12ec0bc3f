import { Bar, BarChart, CartesianGrid, Cell, LabelList, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard } from '../../../../shared/domain/dashboard';
import { drillHref, openDrill } from './drillLink';
import { AXIS, percent, SERIES, truncate } from './format';
import { ChartFrame, DrillCount, Panel } from './Panel';

function ImmediateRiskPanel({ d }: { d: Dashboard }) {
  const quarter = d.quarter.key;
  const r = d.immediateRisk;
  const sameDay = r.cases - r.breaches;
  const headline =
    r.cases === 0
      ? 'No child was recorded at immediate risk in the escalations raised this quarter.'
      : `${sameDay} of ${r.cases} immediate-risk ${r.cases === 1 ? 'case was' : 'cases were'} referred and escalated the same working day (${percent(r.compliantShare)}).`;
  const bars = [
    { name: 'Same working day', value: sameDay, fill: SERIES.sameDay, figure: 'immediate_risk' as const },
    { name: 'Not the same day', value: r.breaches, fill: SERIES.breach, figure: 'immediate_risk_breach' as const },
  ];
  return (
    <Panel id="dash-risk" title="Immediate risk and same-day compliance" headline={headline}>
      {r.cases > 0 && (
        <ChartFrame label={`Immediate-risk cases: ${sameDay} referred and escalated the same working day, ${r.breaches} not.`} height={130}>
          <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 40, bottom: 4, left: 4 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e5e6e7" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={AXIS.tick} stroke={AXIS.stroke} />
            <YAxis type="category" dataKey="name" width={150} tick={AXIS.tick} stroke={AXIS.stroke} />
            <Bar
              dataKey="value"
              isAnimationActive={false}
              maxBarSize={32}
              cursor="pointer"
              onClick={(_, i) => i === 1 && openDrill({ figure: 'immediate_risk_breach', quarter })}
            >
              {bars.map((b) => (
                <Cell key={b.name} fill={b.fill} />
              ))}
              <LabelList dataKey="value" position="right" fill="#0b0c0c" fontWeight={700} />
            </Bar>
          </BarChart>
        </ChartFrame>
      )}
      <table className="dash-table" tabIndex={0}>
        <caption>Escalations raised this quarter where a child was at immediate risk</caption>
        <tbody>
          <tr>
            <th scope="row">Immediate-risk cases</th>
            <td className="num">
              <DrillCount drill={{ figure: 'immediate_risk', quarter }} count={r.cases} />
            </td>
          </tr>
          <tr>
            <th scope="row">Not referred or escalated the same working day</th>
            <td className="num">
              <DrillCount drill={{ figure: 'immediate_risk_breach', quarter }} count={r.breaches} />
            </td>
          </tr>
          <tr>
            <th scope="row">Same-day compliance</th>
            <td className="num dash-total">{percent(r.compliantShare)}</td>
          </tr>
        </tbody>
      </table>
    </Panel>
  );
}

function NotificationsPanel({ d }: { d: Dashboard }) {
  const quarter = d.quarter.key;
  const rows = d.notifications;
  const required = rows.reduce((n, r) => n + r.required, 0);
  const made = rows.reduce((n, r) => n + r.made, 0);
  const headline =
    required === 0
      ? 'No notification fell due this quarter.'
      : `${made} of ${required} required ${required === 1 ? 'notification was' : 'notifications were'} made by the quarter end.`;
  return (
    <Panel id="dash-notifications" title="Notifications required and made" headline={headline}>
      {rows.length > 0 && (
        <ChartFrame
          label={`Notifications by kind: ${rows.map((r) => `${r.label} ${r.required} required, ${r.made} made`).join('; ')}.`}
          height={Math.max(150, 56 * rows.length + 60)}
        >
          <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 36, bottom: 4, left: 4 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e5e6e7" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={AXIS.tick} stroke={AXIS.stroke} />
            <YAxis
              type="category"
              dataKey="label"
              width={200}
              tick={AXIS.tick}
              stroke={AXIS.stroke}
              tickFormatter={(n: string) => truncate(n, 48)}
            />
            <Tooltip isAnimationActive={false} cursor={{ fill: '#f3f2f1' }} />
            <Legend verticalAlign="top" height={26} iconType="square" itemSorter={null} />
            <Bar
              dataKey="required"
              name="Required"
              fill={SERIES.required}
              isAnimationActive={false}
              maxBarSize={22}
              cursor="pointer"
              onClick={() => openDrill({ figure: 'notification_required', quarter })}
            >
              <LabelList dataKey="required" position="right" fill="#0b0c0c" />
            </Bar>
            <Bar dataKey="made" name="Made by the quarter end" fill={SERIES.made} isAnimationActive={false} maxBarSize={22}>
              <LabelList dataKey="made" position="right" fill="#0b0c0c" />
            </Bar>
          </BarChart>
        </ChartFrame>
      )}
      <table className="dash-table" tabIndex={0}>
        <caption>Notifications that fell due this quarter (child protection chair, reviewing officer, board manager)</caption>
        <thead>
          <tr>
            <th scope="col">Who must be told</th>
            <th scope="col" className="num">
              Required
            </th>
            <th scope="col" className="num">
              Made
            </th>
            <th scope="col" className="num">
              Not made
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.kind}>
              <th scope="row">{r.label}</th>
              <td className="num">{r.required}</td>
              <td className="num">{r.made}</td>
              <td className={`num${r.required > r.made ? ' warn-text' : ''}`}>{r.required - r.made}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={4}>
              Open in the register: <a href={drillHref({ figure: 'notification_required', quarter })}>cases needing a notification</a> ·{' '}
              <a href={drillHref({ figure: 'notification_missing', quarter })}>cases with a notification not made</a>
            </td>
          </tr>
        </tfoot>
      </table>
    </Panel>
  );
}

export function SafetyPanels({ d }: { d: Dashboard }) {
  return (
    <>
      <ImmediateRiskPanel d={d} />
      <NotificationsPanel d={d} />
    </>
  );
}
