import type { EscalationDetail } from '../../../../shared/domain/escalation';
import { formatUkDateTime } from '../../components/formatting';

/** Everything that happened to the case, oldest first. A correction says which entry it corrects. */
export function TimelineSection({ detail }: { detail: EscalationDetail }) {
  const position = new Map(detail.timeline.map((t, i) => [t.id, i + 1]));
  return (
    <section aria-labelledby="timeline">
      <h2 id="timeline">Timeline</h2>
      {detail.timeline.length === 0 ? (
        <p>Nothing recorded yet.</p>
      ) : (
        <ol className="timeline" aria-label={`Timeline of ${detail.reference}`}>
          {detail.timeline.map((t) => (
            <li key={t.id} className="timeline__entry">
              <p className="timeline__when">
                <time dateTime={t.at}>{formatUkDateTime(t.at)}</time> · {t.actor}
              </p>
              <p className="timeline__title">
                <strong>{t.title}</strong>
                {t.correctsEntryId !== null && (
                  <span className="muted"> (corrects entry {position.get(t.correctsEntryId) ?? t.correctsEntryId})</span>
                )}
              </p>
              {t.detail && <p className="timeline__detail">{t.detail}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
