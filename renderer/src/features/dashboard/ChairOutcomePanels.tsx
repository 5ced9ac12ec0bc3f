import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard } from '../../../../shared/domain/dashboard';
import { openDrill } from './drillLink';
import { AXIS, SERIES, truncate, withTotalLabels } from './format';
import { ChartFrame, DrillCount, Panel, SplitCells, SplitHead, SplitKey } from './Panel';
import { SplitBarChart } from './SplitBarChart';

type Route = 'resolve_directly' | 'multi_agency_meeting' | 'resolution_panel' | 'uninvolved_chair_meeting';

interface ChairBar {
  name: string;
  board: number;
  agencyInternal: number;
  total: number;
  route: Route | null;
}

function ChairChart({ bars, quarter }: { bars: ChairBar[]; quarter: string }) {
  const rows = withTotalLabels(bars);
  const open = (i: number) => {
    const route = rows[i]!.route;
    openDrill(route ? { figure: 'chair_decision', quarter, route } : { figure: 'panel_held', quarter });
  };
  return (
    <>
      <ChartFrame
        label={`Chair decisions and panels: ${bars.map((b) => `${b.name} ${b.board} board-level, ${b.agencyInternal} from returns`).join('; ')}.`}
        height={Math.max(150, 44 * bars.length + 40)}
      >
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 36, bottom: 4, left: 4 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e5e6e7" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={AXIS.tick} stroke={AXIS.stroke} />
          <YAxis
            type="category"
            dataKey="name"
            width={230}
            tick={{ ...AXIS.tick, fontSize: 12 }}
            stroke={AXIS.stroke}
            tickFormatter={(n: string) => truncate(n, 70)}
          />
          <Tooltip isAnimationActive={false} cursor={{ fill: '#f3f2f1' }} />
          <Bar
            dataKey="board"
            name="Board-level"
            stackId="s"
            fill={SERIES.board}
            isAnimationActive={false}
            maxBarSize={28}
            cursor="pointer"
            onClick={(_, i) => open(i)}
          >
            <LabelList dataKey="boardLabel" position="right" fill="#0b0c0c" fontWeight={700} />
          </Bar>
          <Bar
            dataKey="agencyInternal"
            name="Agency-internal (returns)"
            stackId="s"
            fill={SERIES.agencyInternal}
            isAnimationActive={false}
            maxBarSize={28}
          >
            <LabelList dataKey="internalLabel" position="right" fill="#0b0c0c" fontWeight={700} />
          </Bar>
        </BarChart>
      </ChartFrame>
      <SplitKey board={SERIES.board} agencyInternal={SERIES.agencyInternal} />
    </>
  );
}

function ChairPanel({ d }: { d: Dashboard }) {
  const quarter = d.quarter.key;
  const c = d.chair;
  const decided = c.decisions.reduce((n, r) => n + r.count, 0);
  const internal = c.agencyInternal;
  const bars: ChairBar[] = [
    ...c.decisions.map((r) => ({ name: r.label, board: r.count, agencyInternal: 0, total: r.count, route: r.route as Route })),
    {
      name: 'Resolution panels held / convened',
      board: c.panelsHeld,
      agencyInternal: internal.panelsConvened,
      total: c.panelsHeld + internal.panelsConvened,
      route: null,
    },
    { name: 'Multi-agency meetings (returns)', board: 0, agencyInternal: internal.meetingsHeld, total: internal.meetingsHeld, route: null },
  ];
  const any = bars.some((b) => b.total > 0) || internal.chairInvolved > 0;
  const headline = any
    ? `The chair decided on ${decided} ${decided === 1 ? 'case' : 'cases'} and ${c.panelsHeld} resolution ${c.panelsHeld === 1 ? 'panel was' : 'panels were'} held; the agencies’ returns report the chair involved in ${internal.chairInvolved}.`
    : 'No case reached the chair or a resolution panel this quarter, and no agency’s return reports one.';
  return (
    <Panel id="dash-chair" title="Chair involvement and resolution panels" headline={headline}>
      {any && <ChairChart bars={bars} quarter={quarter} />}
      <table className="dash-table" tabIndex={0}>
        <caption>Board-level: the independent chair’s decisions and panels held this quarter</caption>
        <tbody>
          {c.decisions.map((r) => (
            <tr key={r.route}>
              <th scope="row">{r.label}</th>
              <td className="num">
                <DrillCount
                  drill={{ figure: 'chair_decision', quarter, route: r.route as Route }}
                  count={r.count}
                  qualifier={`(${r.label.toLowerCase()})`}
                />
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">Resolution panels held</th>
            <td className="num">
              <DrillCount drill={{ figure: 'panel_held', quarter }} count={c.panelsHeld} />
            </td>
          </tr>
          <tr>
            <th scope="row" className="dash-indent">
              Held under a departure from the policy
            </th>
            <td className="num">
              <DrillCount drill={{ figure: 'panel_held_under_departure', quarter }} count={c.panelsHeldUnderDeparture} />
            </td>
          </tr>
          {c.panelOutcomes.map((o) => (
            <tr key={o.effect}>
              <th scope="row" className="dash-indent">
                Panel outcome: {o.label.toLowerCase()}
              </th>
              <td className="num">{o.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="dash-table" tabIndex={0}>
        <caption>Agency-internal: what the agencies’ returns for the quarter report</caption>
        <tbody>
          <tr>
            <th scope="row">Chair involved</th>
            <td className="num">{internal.chairInvolved}</td>
          </tr>
          <tr>
            <th scope="row">Multi-agency meetings held</th>
            <td className="num">{internal.meetingsHeld}</td>
          </tr>
          <tr>
            <th scope="row">Panels convened</th>
            <td className="num">{internal.panelsConvened}</td>
          </tr>
        </tbody>
      </table>
    </Panel>
  );
}

const SHORT_EFFECT: Record<string, string> = { upheld: 'Upheld', changed: 'Changed', partly_changed: 'Partly changed' };

function OutcomesPanel({ d }: { d: Dashboard }) {
  const quarter = d.quarter.key;
  const rows = d.outcomes;
  const resolved = rows.reduce((n, r) => n + r.count.total, 0);
  const upheld = rows.find((r) => r.effect === 'upheld')?.count.total ?? 0;
  const headline =
    resolved === 0
      ? 'No outcomes were agreed this quarter.'
      : `The original decision was upheld in ${upheld} of ${resolved} and changed, in whole or part, in ${resolved - upheld}.`;
  const effectOf = (i: number) => rows[i]!.effect as 'upheld' | 'changed' | 'partly_changed';
  return (
    <Panel id="dash-outcomes" title="Outcomes: board-level and agency-internal" headline={headline}>
      <SplitBarChart
        rows={rows.map((r) => ({ name: SHORT_EFFECT[r.effect] ?? r.label, ...r.count }))}
        label={`Stacked column chart of outcomes: ${rows.map((r) => `${r.label} ${r.count.board} board-level and ${r.count.agencyInternal} agency-internal`).join('; ')}.`}
        onBar={(i) => openDrill({ figure: 'resolved', quarter, effect: effectOf(i) })}
      />
      <table className="dash-table" tabIndex={0}>
        <caption>Outcomes of the escalations resolved this quarter</caption>
        <SplitHead first="Outcome" />
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.effect}>
              <th scope="row">{r.label}</th>
              <SplitCells
                drill={{ figure: 'resolved', quarter, effect: effectOf(i) }}
                split={r.count}
                qualifier={`with the ${r.label.toLowerCase()}`}
              />
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

export function ChairOutcomePanels({ d }: { d: Dashboard }) {
  return (
    <>
      <ChairPanel d={d} />
      <OutcomesPanel d={d} />
    </>
  );
}
