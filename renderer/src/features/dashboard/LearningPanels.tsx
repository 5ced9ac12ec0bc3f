import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard } from '../../../../shared/domain/dashboard';
import { href } from '../../lib/route';
import { drillHref, openDrill } from './drillLink';
import { AXIS, leaders, listOf, SERIES, truncate } from './format';
import { ChartFrame, Panel } from './Panel';

function ThemesPanel({ d }: { d: Dashboard }) {
  const quarter = d.quarter.key;
  const rows = d.themes;
  const { names, top } = leaders(
    rows,
    (r) => r.count,
    (r) => `“${r.name}”`,
  );
  const headline =
    names.length === 0
      ? 'No learning themes were recorded on the escalations resolved this quarter.'
      : `Most common: ${listOf(names)}, in ${top} resolved ${top === 1 ? 'case' : 'cases'}${names.length > 1 ? ' each' : ''}.`;
  return (
    <Panel id="dash-themes" title="Learning themes" headline={headline}>
      {rows.length > 0 && (
        <>
          <ChartFrame
            label={`Bar chart of learning themes in resolved escalations: ${rows.map((r) => `${r.name} ${r.count}`).join(', ')}.`}
            height={Math.max(110, 40 * rows.length + 40)}
          >
            <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 36, bottom: 4, left: 4 }} accessibilityLayer={false}>
              <CartesianGrid stroke="#e5e6e7" horizontal={false} />
              <XAxis type="number" allowDecimals={false} tick={AXIS.tick} stroke={AXIS.stroke} />
              <YAxis
                type="category"
                dataKey="name"
                width={210}
                tick={AXIS.tick}
                stroke={AXIS.stroke}
                tickFormatter={(n: string) => truncate(n, 60)}
              />
              <Tooltip isAnimationActive={false} cursor={{ fill: '#f3f2f1' }} />
              <Bar
                dataKey="count"
                name="Resolved cases"
                fill={SERIES.theme}
                isAnimationActive={false}
                maxBarSize={28}
                cursor="pointer"
                onClick={(_, i) => openDrill({ figure: 'resolved', quarter, themeId: rows[i]!.id })}
              >
                <LabelList dataKey="count" position="right" fill="#0b0c0c" fontWeight={700} />
              </Bar>
            </BarChart>
          </ChartFrame>
          <table className="dash-table" tabIndex={0}>
            <caption>Learning themes recorded on the escalations resolved this quarter</caption>
            <thead>
              <tr>
                <th scope="col">Theme</th>
                <th scope="col" className="num">
                  Resolved cases
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.name}</th>
                  <td className="num">
                    <a
                      href={drillHref({ figure: 'resolved', quarter, themeId: r.id })}
                      aria-label={`Show the ${r.count} resolved ${r.count === 1 ? 'escalation' : 'escalations'} with the theme ${r.name}`}
                    >
                      {r.count}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Panel>
  );
}

function PolicyGapsPanel({ d }: { d: Dashboard }) {
  const gaps = d.policyGaps;
  const sentence = d.headlines.find((h) => h.figure === 'policy_gap')?.sentence ?? `${gaps.length} policy gaps`;
  return (
    <Panel id="dash-gaps" title="Policy gaps flagged to the chair" headline={`${sentence}.`}>
      {gaps.length > 0 ? (
        <ul className="dash-gaps">
          {gaps.map((g) => (
            <li key={g.escalationId}>
              <a href={href('escalations', g.escalationId)}>{g.reference}</a>
              {g.note && <span className="dash-gaps__note">{g.note}</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">None flagged in the escalations resolved this quarter.</p>
      )}
    </Panel>
  );
}

const STATUS = { returned: 'Returned', nil: 'Nil return', missing: 'Missing' } as const;

function ReturnsPanel({ d }: { d: Dashboard }) {
  const rows = d.returns;
  const tally = (s: keyof typeof STATUS) => rows.filter((r) => r.status === s).length;
  const headline = `${tally('returned') + tally('nil')} of ${rows.length} agencies have sent their return for ${d.quarter.label} (${tally('nil')} nil); ${tally('missing')} missing.`;
  return (
    <Panel id="dash-returns" title="Agency returns for the quarter" headline={headline} wide>
      <ul className="chips" aria-label="Returns by status">
        {(Object.keys(STATUS) as (keyof typeof STATUS)[]).map((s) => (
          <li key={s} className={`dash-status dash-status--${s}`}>
            {STATUS[s]}: <strong>{tally(s)}</strong>
          </li>
        ))}
      </ul>
      <table className="dash-table" tabIndex={0}>
        <caption>Which agencies have sent their quarterly return</caption>
        <thead>
          <tr>
            <th scope="col">Agency</th>
            <th scope="col">Return</th>
            <th scope="col" className="num">
              Escalations reported
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.agencyId}>
              <th scope="row">
                <span
                  className="dash-swatch"
                  style={{ background: d.agencies.find((a) => a.id === r.agencyId)?.colour }}
                  aria-hidden="true"
                />
                {r.name}
              </th>
              <td>
                <span className={`dash-status dash-status--${r.status}`}>{STATUS[r.status]}</span>
              </td>
              <td className="num">{r.status === 'missing' ? '—' : r.rows}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

export function LearningPanels({ d }: { d: Dashboard }) {
  return (
    <>
      <ThemesPanel d={d} />
      <PolicyGapsPanel d={d} />
      <ReturnsPanel d={d} />
    </>
  );
}
