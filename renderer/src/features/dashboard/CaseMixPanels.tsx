import type { Dashboard } from '../../../../shared/domain/dashboard';
import { openDrill } from './drillLink';
import { leaders, listOf, percent } from './format';
import { DrillCount, Panel, SplitCells, SplitHead } from './Panel';
import { SplitBarChart } from './SplitBarChart';

function CategoryPanel({ d }: { d: Dashboard }) {
  const quarter = d.quarter.key;
  const rows = [...d.byCategory].sort((a, b) => b.count.total - a.count.total || a.name.localeCompare(b.name));
  const { names, top } = leaders(
    rows,
    (r) => r.count.total,
    (r) => `“${r.name}”`,
  );
  const headline =
    names.length === 0
      ? 'No new escalations this quarter.'
      : `Most often about ${listOf(names)}: ${top}${names.length > 1 ? ' each' : ''} of ${rows.reduce((n, r) => n + r.count.total, 0)} new escalations.`;
  return (
    <Panel id="dash-category" title="By category of disagreement" headline={headline}>
      {rows.length > 0 && (
        <>
          <SplitBarChart
            horizontal
            rows={rows.map((r) => ({ name: r.name, ...r.count }))}
            label={`Bar chart of new escalations by category: ${rows.map((r) => `${r.name} ${r.count.total}`).join(', ')}.`}
            onBar={(i) => openDrill({ figure: 'new', quarter, categoryId: rows[i]!.id })}
          />
          <table className="dash-table" tabIndex={0}>
            <caption>New escalations by category</caption>
            <SplitHead first="Category" />
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.name}</th>
                  <SplitCells drill={{ figure: 'new', quarter, categoryId: r.id }} split={r.count} qualifier={`about ${r.name}`} />
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Panel>
  );
}

function StagePanel({ d }: { d: Dashboard }) {
  const quarter = d.quarter.key;
  const rows = d.byHighestStage;
  const resolved = d.headlines.find((h) => h.figure === 'resolved')?.value.total ?? 0;
  const atStages12 = d.trend.find((t) => t.key === quarter)?.resolvedAtStages12 ?? 0;
  const headline =
    d.resolvedAtStages12Share === null
      ? 'No escalations were resolved this quarter.'
      : `${percent(d.resolvedAtStages12Share)} resolved at stages 1-2: ${atStages12} of ${resolved} resolved this quarter.`;
  return (
    <Panel id="dash-stage" title="By highest stage reached" headline={headline}>
      {rows.length > 0 && (
        <>
          <SplitBarChart
            rows={rows.map((r) => ({ name: `Stage ${r.stage}`, ...r.count }))}
            label={`Column chart of escalations resolved this quarter by the highest stage they reached: ${rows.map((r) => `stage ${r.stage} ${r.count.total}`).join(', ')}. ${headline}`}
            onBar={(i) => openDrill({ figure: 'resolved', quarter, highestStage: rows[i]!.stage })}
          />
          <table className="dash-table" tabIndex={0}>
            <caption>Escalations resolved this quarter by the highest stage reached</caption>
            <SplitHead first="Highest stage" />
            <tbody>
              {rows.map((r) => (
                <tr key={r.stage}>
                  <th scope="row">Stage {r.stage}</th>
                  <SplitCells
                    drill={{ figure: 'resolved', quarter, highestStage: r.stage }}
                    split={r.count}
                    qualifier={`after reaching stage ${r.stage}`}
                  />
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  Resolved at stages 1-2 ({percent(d.resolvedAtStages12Share)})
                </th>
                <td className="num dash-total">
                  <DrillCount drill={{ figure: 'resolved_at_stages_1_2', quarter }} count={atStages12} />
                </td>
              </tr>
            </tfoot>
          </table>
        </>
      )}
    </Panel>
  );
}

export function CaseMixPanels({ d }: { d: Dashboard }) {
  return (
    <>
      <CategoryPanel d={d} />
      <StagePanel d={d} />
    </>
  );
}
