import type { LegacyPreview } from '../../../../shared/domain/legacyRegister';
import { plural } from '../../components/formatting';

const count = (n: number) => n.toLocaleString('en-GB');

/** "Showing the first 500 of 1,204": said only when the desk listed fewer than there are. */
function Partial({ shown, of, noun }: { shown: number; of: number; noun: string }) {
  if (shown >= of) return null;
  return <p className="hint">{`Showing the first ${count(shown)} of ${plural(of, noun, `${noun}s`)}.`}</p>;
}

/** What the file holds as the app read it: how many cases are ready, the rows it will skip and why, and every problem. */
export function LegacySummary({ preview }: { preview: LegacyPreview }) {
  const { rows, ready, skipped, skippedCount, problems, problemCount } = preview;
  return (
    <>
      <dl className="facts">
        <div>
          <dt>Rows in the file</dt>
          <dd>{count(rows)}</dd>
        </div>
        <div>
          <dt>Cases ready to import</dt>
          <dd>{count(ready)}</dd>
        </div>
        <div>
          <dt>Rows skipped</dt>
          <dd>{count(skippedCount)}</dd>
        </div>
        <div>
          <dt>Problems</dt>
          <dd>{count(problemCount)}</dd>
        </div>
      </dl>

      {skippedCount > 0 && (
        <>
          <h3>Rows that will be skipped</h3>
          <p>These rows are already on the register, or repeat an earlier row of the file word for word: they are left out, not doubled.</p>
          <Partial shown={skipped.length} of={skippedCount} noun="skipped row" />
          <table tabIndex={0}>
            <caption className="visually-hidden">Rows that will be skipped</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Case reference</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {skipped.map((s) => (
                <tr key={s.row}>
                  <td>{s.row}</td>
                  <th scope="row">{s.reference}</th>
                  <td>{s.why}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      {problemCount === 0 ? (
        <p>No row has a problem: the file can be imported.</p>
      ) : (
        <>
          <h3>{`Problems to put right (${count(problemCount)})`}</h3>
          <div className="warning">
            <p>
              Nothing is imported while any row has a problem: the register takes the whole file or none of it. Correct the file and choose
              it again, or say below what the file’s words mean and check again.
            </p>
          </div>
          <Partial shown={problems.length} of={problemCount} noun="problem" />
          <table tabIndex={0}>
            <caption className="visually-hidden">Problems to put right</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Column</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p, i) => (
                <tr key={i}>
                  <td>{p.row}</td>
                  <td>{p.column}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
