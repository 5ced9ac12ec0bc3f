import type { Dashboard } from '../../../../shared/domain/dashboard';
import { drillHref } from './drillLink';
import { percent, shortQuarter, showName } from './format';
import { DrillCount } from './Panel';
import { QuarterFlow } from './QuarterFlow';

/** The quarter's headline figures: value, the board-level / agency-internal split, last quarter. */
export function HeadlineCards({ d }: { d: Dashboard }) {
  const quarter = d.quarter.key;
  const previous = shortQuarter(d.previousQuarter.label);
  return (
    <section className="dash-headlines" aria-labelledby="dash-headlines">
      <h2 id="dash-headlines">Headline figures, {d.quarter.label}</h2>
      <ul className="dash-cards">
        {d.headlines.map((h) => (
          <li key={h.figure} className={`dash-card dash-card--${h.figure}`}>
            <p className="dash-card__label">{h.label}</p>
            <p className="dash-card__value">
              {h.value.total === 0 ? (
                <span>0</span>
              ) : (
                <a
                  className="dash-card__link"
                  href={drillHref({ figure: h.figure, quarter })}
                  aria-label={showName(h.figure, h.value.total)}
                >
                  {h.value.total.toLocaleString('en-GB')}
                </a>
              )}
            </p>
            <p className="dash-card__split">
              Board-level{' '}
              <DrillCount drill={{ figure: h.figure, quarter, origin: 'board' }} count={h.value.board} qualifier="(board-level)" /> ·
              agency-internal{' '}
              <DrillCount
                drill={{ figure: h.figure, quarter, origin: 'agency_return' }}
                count={h.value.agencyInternal}
                qualifier="(agency-internal)"
              />
            </p>
            <p className="dash-card__previous">
              {previous}: {h.previous.toLocaleString('en-GB')}
            </p>
            <p className="dash-card__sentence">{h.sentence}</p>
          </li>
        ))}
        <StagesCard d={d} />
      </ul>
      <QuarterFlow d={d} />
    </section>
  );
}

function stagesSentence(now: number | null, before: number | null): string {
  if (now === null) return 'None resolved this quarter';
  if (before === null) return `${percent(now)} resolved at stages 1-2; none resolved last quarter`;
  const diff = Math.round(now * 100) - Math.round(before * 100);
  const change = diff === 0 ? 'the same as last quarter' : `${Math.abs(diff)} points ${diff > 0 ? 'higher' : 'lower'} than last quarter`;
  return `${percent(now)} resolved at stages 1-2, ${change}`;
}

/** The share resolved at stages 1-2, a headline figure in every policy: drawn from the trend rows. */
function StagesCard({ d }: { d: Dashboard }) {
  const quarter = d.quarter.key;
  const now = d.trend.find((t) => t.key === quarter);
  const before = d.trend.find((t) => t.key === d.previousQuarter.key);
  if (!now) return null;
  const share = (t: typeof now | undefined) => (t && t.resolved > 0 ? t.resolvedAtStages12 / t.resolved : null);
  return (
    <li className="dash-card dash-card--stages">
      <p className="dash-card__label">Resolved at stages 1-2 (share of all resolved)</p>
      <p className="dash-card__value">
        {now.resolvedAtStages12 === 0 ? (
          <span>{percent(d.resolvedAtStages12Share)}</span>
        ) : (
          <a
            className="dash-card__link"
            href={drillHref({ figure: 'resolved_at_stages_1_2', quarter })}
            aria-label={`${percent(d.resolvedAtStages12Share)}: ${showName('resolved_at_stages_1_2', now.resolvedAtStages12)}`}
          >
            {percent(d.resolvedAtStages12Share)}
          </a>
        )}
      </p>
      <p className="dash-card__split">
        {now.resolvedAtStages12} of {now.resolved} resolved this quarter
      </p>
      <p className="dash-card__previous">
        {shortQuarter(d.previousQuarter.label)}: {percent(share(before))}
      </p>
      <p className="dash-card__sentence">{stagesSentence(d.resolvedAtStages12Share, share(before))}</p>
    </li>
  );
}
