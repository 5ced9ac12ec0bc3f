// Where the friction is: raising agencies down the side, challenged agencies across the top, each
// cell shaded by its count and carrying the count as text (a table, so it reads cell by cell).
import type { Dashboard } from '../../../../shared/domain/dashboard';
import { drillHref } from './drillLink';
import { leaders, listOf, showName } from './format';
import { Panel } from './Panel';

// Four steps of one blue, each checked for text contrast: dark text on the first three, white on the last.
const SHADES = ['#ffffff', '#e8f0f9', '#bcd2ed', '#7fa6d6', '#1d4f91'] as const;

function shadeStep(count: number, max: number): number {
  return count === 0 || max === 0 ? 0 : Math.max(1, Math.ceil((count / max) * 4));
}

export function PairMatrix({ d }: { d: Dashboard }) {
  const quarter = d.quarter.key;
  const nameOf = (id: number) => d.agencies.find((a) => a.id === id)?.name ?? `Agency ${id}`;
  const colourOf = (id: number) => d.agencies.find((a) => a.id === id)?.colour ?? '#505a5f';
  const raising = d.byRaisingAgency.map((r) => r.agencyId).sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
  const challenged = d.byChallengedAgency.map((r) => r.agencyId).sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
  const countOf = (r: number, c: number) => d.pairs.find((p) => p.raisingAgencyId === r && p.challengedAgencyId === c)?.count ?? 0;
  const max = Math.max(0, ...d.pairs.map((p) => p.count));
  const { names, top } = leaders(
    d.pairs,
    (p) => p.count,
    (p) => `${nameOf(p.raisingAgencyId)} challenging ${nameOf(p.challengedAgencyId)}`,
  );
  const headline =
    names.length === 0
      ? 'No new escalations this quarter, so no agency pairs to show.'
      : names.length === 1
        ? `The most frequent pairing: ${names[0]}, ${top} ${top === 1 ? 'time' : 'times'} out of ${d.pairs.length} pairings.`
        : names.length === d.pairs.length
          ? `${d.pairs.length} different agency pairings, none more frequent than another (${top} each).`
          : `${names.length} pairings share the highest count (${top}): ${listOf(names)}.`;
  return (
    <Panel id="dash-pairs" title="Agency pairs: who challenges whom" headline={headline} wide>
      {names.length > 0 && (
        <div className="dash-matrix__scroll">
          <table className="dash-matrix" tabIndex={0}>
            <caption>
              New escalations by raising agency (rows) and challenged agency (columns). An escalation challenging two agencies counts in
              both columns.
            </caption>
            <thead>
              <tr>
                <td className="dash-matrix__corner">
                  <span className="muted">Raised by ↓ · challenged →</span>
                </td>
                {challenged.map((c) => (
                  <th key={c} scope="col" style={{ borderTopColor: colourOf(c) }}>
                    {nameOf(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {raising.map((r) => (
                <tr key={r}>
                  <th scope="row" style={{ borderLeftColor: colourOf(r) }}>
                    {nameOf(r)}
                  </th>
                  {challenged.map((c) => {
                    const n = countOf(r, c);
                    const step = shadeStep(n, max);
                    return (
                      <td key={c} className={`dash-matrix__cell dash-matrix__cell--${step}`} style={{ background: SHADES[step] }}>
                        {n === 0 ? (
                          <>
                            <span className="muted" aria-hidden="true">
                              ·
                            </span>
                            <span className="visually-hidden">0</span>
                          </>
                        ) : (
                          <a
                            href={drillHref({ figure: 'new', quarter, raisingAgencyId: r, challengedAgencyId: c })}
                            aria-label={showName('new', n, `raised by ${nameOf(r)} challenging ${nameOf(c)}`)}
                          >
                            {n}
                          </a>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="dash-key" aria-hidden="true">
            Fewer
            {SHADES.slice(1).map((s) => (
              <span key={s} className="dash-key__swatch" style={{ background: s }} />
            ))}
            More
          </p>
        </div>
      )}
    </Panel>
  );
}
