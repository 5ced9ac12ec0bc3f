import { PROTECTIVE_MARKING } from '../../../../shared/domain/marking';
import { href } from '../../lib/route';
import { useChannel } from '../../lib/useChannel';
import { usePageTitle } from '../../lib/pageTitle';

/** #/panels/<id>/pack: the members' pack, laid out to print (the app's header and footer are not printed). */
export function PanelPackPage({ panelId }: { panelId: number }) {
  const pack = useChannel('panels:pack', { panelId });
  usePageTitle(pack.data ? pack.data.title : pack.error ? 'Panel pack not available' : 'Panel pack');
  if (pack.error && !pack.data) {
    return (
      <>
        <h1>Panel pack not available</h1>
        <p role="alert">{pack.error.message}</p>
        <a href={href('panels')}>Back to panels</a>
      </>
    );
  }
  if (!pack.data) return <p role="status">Putting the panel pack together…</p>;
  return (
    <article className="pack">
      <p className="no-print pack__tools">
        <a href={href('panels', panelId)}>← Back to the panel</a>
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
      </p>
      <h1>{pack.data.title}</h1>
      <p className="pack__notice">
        {PROTECTIVE_MARKING}. For panel members only. Case reference and initials only; never the child’s name.
      </p>
      {pack.data.sections.map((s, i) => (
        <section key={i} aria-labelledby={`pack-section-${i}`} className="pack__section">
          <h2 id={`pack-section-${i}`}>{s.heading}</h2>
          {s.lines.length === 0 ? (
            <p className="muted">Nothing recorded.</p>
          ) : (
            <ul className="pack__lines">
              {s.lines.map((line, j) => (
                <li key={j}>{line}</li>
              ))}
            </ul>
          )}
          {s.toComplete && (
            <dl className="pack__complete">
              {s.toComplete.map((field) => (
                <div key={field}>
                  <dt>{field}</dt>
                  <dd>
                    <span className="visually-hidden">To complete at the meeting</span>
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </section>
      ))}
    </article>
  );
}
