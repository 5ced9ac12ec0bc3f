import type { Dashboard, Figure } from '../../../../shared/domain/dashboard';
import { DrillCount } from './Panel';

/**
 * The quarter's cases in and out, so the headline figures can be checked against each other on the
 * screen: carried over + new − resolved − withdrawn = still open at the end. Each number opens the
 * register on its cases.
 */
export function QuarterFlow({ d }: { d: Dashboard }) {
  const quarter = d.quarter.key;
  const f = d.flow;
  const rows: { figure: Figure; label: string; sign: string; count: number }[] = [
    { figure: 'carried_over', label: 'Carried over from earlier quarters', sign: '', count: f.carriedOver },
    { figure: 'new', label: 'New escalations', sign: '+', count: f.new },
    { figure: 'resolved', label: 'Resolved', sign: '−', count: f.resolved },
    { figure: 'withdrawn', label: 'Withdrawn', sign: '−', count: f.withdrawn },
    { figure: 'open_at_end', label: 'Still open at the end of the quarter', sign: '=', count: f.openAtEnd },
  ];
  const sentence = `${f.carriedOver} carried over + ${f.new} new − ${f.resolved} resolved − ${f.withdrawn} withdrawn = ${f.openAtEnd} still open`;
  return (
    <section className="dash-flow" aria-labelledby="dash-flow">
      <h3 id="dash-flow">Cases in and out this quarter</h3>
      <p>
        {f.reconciles
          ? `${sentence}.`
          : `These figures do not balance: ${f.carriedOver} + ${f.new} − ${f.resolved} − ${f.withdrawn} is not ${f.openAtEnd}. Please report this.`}
      </p>
      <table className="dash-table" tabIndex={0}>
        <caption className="visually-hidden">Cases carried over, new, resolved and withdrawn, and still open at the quarter’s end</caption>
        <tbody>
          {rows.map((r) => (
            <tr key={r.figure}>
              <th scope="row">{r.label}</th>
              <td className="num" aria-hidden="true">
                {r.sign}
              </td>
              <td className="num">
                <DrillCount drill={{ figure: r.figure, quarter }} count={r.count} qualifier="(cases in and out)" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
