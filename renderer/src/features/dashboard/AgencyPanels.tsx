import { Bar, BarChart, CartesianGrid, Cell, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard, Split } from '../../../../shared/domain/dashboard';
import { openDrill } from './drillLink';
import { AXIS, leaders, listOf, paler, truncate, withTotalLabels } from './format';
import { ChartFrame, Panel, SplitCells, SplitHead, SplitKey } from './Panel';

type Side = 'raising' | 'challenged';

interface AgencyRow {
  agencyId: number;
  name: string;
  colour: string;
  board: number;
  agencyInternal: number;
  total: number;
  split: Split;
}

const SIDE = {
  raising: { title: 'By raising agency', verb: 'raised by', key: 'raisingAgencyId' },
  challenged: { title: 'By challenged agency', verb: 'challenging', key: 'challengedAgencyId' },
} as const;

function rowsFor(d: Dashboard, side: Side): AgencyRow[] {
  const counts = side === 'raising' ? d.byRaisingAgency : d.byChallengedAgency;
  return counts
    .map((c) => {
      const agency = d.agencies.find((a) => a.id === c.agencyId);
      return {
        agencyId: c.agencyId,
        name: agency?.name ?? `Agency ${c.agencyId}`,
        colour: agency?.colour ?? '#505a5f',
        ...c.count,
        split: c.count,
      };
    })
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
}

function AgencyBars({ d, side }: { d: Dashboard; side: Side }) {
  const s = SIDE[side];
  const rows = withTotalLabels(rowsFor(d, side));
  const quarter = d.quarter.key;
  const id = `dash-${side}`;
  const { names, top } = leaders(
    rows,
    (r) => r.total,
    (r) => r.name,
  );
  const totalNew = d.headlines.find((h) => h.figure === 'new')?.value.total ?? 0;
  const each = names.length > 1 ? ' each' : '';
  const headline =
    names.length === 0
      ? 'No new escalations this quarter.'
      : side === 'raising'
        ? `${listOf(names)} raised the most: ${top}${each} of ${totalNew} new escalations.`
        : `${listOf(names)} ${names.length > 1 ? 'were' : 'was'} challenged most: in ${top}${each} of ${totalNew} new escalations.`;
  const drillFor = (r: AgencyRow) => ({ figure: 'new' as const, quarter, [s.key]: r.agencyId });
  return (
    <Panel id={id} title={s.title} headline={headline}>
      {rows.length > 0 && (
        <>
          <ChartFrame
            label={`Bar chart of new escalations ${s.verb} each agency: ${rows.map((r) => `${r.name} ${r.total}`).join(', ')}.`}
            height={Math.max(140, 44 * rows.length + 40)}
          >
            <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 36, bottom: 4, left: 4 }} accessibilityLayer={false}>
              <CartesianGrid stroke="#e5e6e7" horizontal={false} />
              <XAxis type="number" allowDecimals={false} tick={AXIS.tick} stroke={AXIS.stroke} />
              <YAxis
                type="category"
                dataKey="name"
                width={190}
                tick={AXIS.tick}
                stroke={AXIS.stroke}
                tickFormatter={(n: string) => truncate(n, 48)}
              />
              <Tooltip isAnimationActive={false} cursor={{ fill: '#f3f2f1' }} />
              <Bar
                dataKey="board"
                name="Board-level"
                stackId="split"
                isAnimationActive={false}
                cursor="pointer"
                onClick={(_, i) => openDrill(drillFor(rows[i]!))}
              >
                {rows.map((r) => (
                  <Cell key={r.agencyId} fill={r.colour} />
                ))}
                <LabelList dataKey="boardLabel" position="right" fill="#0b0c0c" fontWeight={700} />
              </Bar>
              <Bar
                dataKey="agencyInternal"
                name="Agency-internal"
                stackId="split"
                isAnimationActive={false}
                cursor="pointer"
                onClick={(_, i) => openDrill(drillFor(rows[i]!))}
              >
                {rows.map((r) => (
                  <Cell key={r.agencyId} fill={paler(r.colour)} />
                ))}
                <LabelList dataKey="internalLabel" position="right" fill="#0b0c0c" fontWeight={700} />
              </Bar>
            </BarChart>
          </ChartFrame>
          <SplitKey board="#505a5f" agencyInternal={paler('#505a5f')} />
          <table className="dash-table" tabIndex={0}>
            <caption>New escalations {s.verb} each agency</caption>
            <SplitHead first="Agency" />
            <tbody>
              {rows.map((r) => (
                <tr key={r.agencyId}>
                  <th scope="row">
                    <span className="dash-swatch" style={{ background: r.colour }} aria-hidden="true" />
                    {r.name}
                  </th>
                  <SplitCells drill={drillFor(r)} split={r.split} qualifier={`${s.verb} ${r.name}`} />
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Panel>
  );
}

export function AgencyPanels({ d }: { d: Dashboard }) {
  return (
    <>
      <AgencyBars d={d} side="raising" />
      <AgencyBars d={d} side="challenged" />
    </>
  );
}
