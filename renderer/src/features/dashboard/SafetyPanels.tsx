import { Bar, BarChart, CartesianGrid, Cell, LabelList, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard, Figure } from '../../../../shared/domain/dashboard';
import { drillHref, openDrill } from './drillLink';
import { AXIS, percent, SERIES, truncate } from './format';
import { ChartFrame, DrillCount, Panel } from './Panel';

function ImmediateRiskPanel({ d }: { d: Dashboard }) {
  const quarter = d.quarter.key;
  const r = d.immediateRisk;
  // Only what was recorded counts: a referral with no known date is neither on time nor late.
  const sameDay = r.compliant;
  const notSameDay = r.boardCases - r.compliant;
  const headline =
    r.cases === 0
      ? 'No child was recorded at immediate risk in the escalations raised this quarter.'
      : r.boardCases === 0
        ? 'The immediate-risk cases this quarter all came from agencies’ returns, which record no referral date.'
        : `${sameDay} of ${r.boardCases} board-level immediate-risk ${r.boardCases === 1 ? 'case was' : 'cases were'} recorded as referred and escalated the same working day (${percent(r.compliantShare)}).`;
  const bars = [
    { name: 'Same working day', value: sameDay, fill: SERIES.sameDay, figure: 'same_day_compliant' as const },
    { name: 'Not shown same day', value: notSameDay, fill: SERIES.breach, figure: 'immediate_risk_breach' as const },
  ];
  const rows: { figure: Figure; label: string; count: number }[] = [
    { figure: 'referral_on_time', label: 'Referred the same working day', count: r.referral.onTime },
    { figure: 'referral_late', label: 'Referred later than the same working day', count: r.referral.late },
    { figure: 'referral_date_unknown', label: 'Referral date not known', count: r.referral.dateUnknown },
    { figure: 'referral_missing', label: 'No referral recorded', count: r.referral.missing },
    { figure: 'same_day_compliant', label: 'Referred and escalated the same working day', count: r.compliant },
    { figure: 'immediate_risk_breach', label: 'Not referred or escalated the same working day, or date not known', count: r.breaches },
  ];
  return (
    <Panel id="dash-risk" title="Immediate risk and same-day compliance" headline={headline}>
      {r.boardCases > 0 && (
        <ChartFrame
          label={`Board-level immediate-risk cases: ${sameDay} referred and escalated the same working day, ${notSameDay} not shown to be.`}
          height={130}
        >
          <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 40, bottom: 4, left: 4 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e5e6e7" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={AXIS.tick} stroke={AXIS.stroke} />
            <YAxis type="category" dataKey="name" width={150} tick={AXIS.tick} stroke={AXIS.stroke} />
            <Bar
              dataKey="value"
              isAnimationActive={false}
              maxBarSize={32}
              cursor="pointer"
              onClick={(_, i) => openDrill({ figure: bars[i]!.figure, quarter })}
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
            <th scope="row">Of which board-level (judged by the same-day rule)</th>
            <td className="num">
              <DrillCount drill={{ figure: 'immediate_risk', quarter, origin: 'board' }} count={r.boardCases} qualifier="(board-level)" />
            </td>
          </tr>
          {rows.map((row) => (
            <tr key={row.figure}>
              <th scope="row">{row.label}</th>
              <td className="num">
                <DrillCount drill={{ figure: row.figure, quarter }} count={row.count} />
              </td>
            </tr>
          ))}
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
