import { useId } from 'react';
import { formatUkDate } from '../../../../shared/domain/dates';
import { shiftQuarter, type Quarter } from '../../../../shared/domain/quarter';
import { href } from '../../lib/route';

const QUARTERS_OFFERED = 12;

interface Props {
  quarterKey: string;
  currentKey: string;
  startMonth: number;
  asOf: string | null;
  comparedWith: string | null;
}

function go(key: string) {
  window.location.hash = href('dashboard', key).slice(1);
}

/** The last twelve quarters up to the current one, with the chosen one kept even when older. */
function offered(quarterKey: string, currentKey: string, startMonth: number): Quarter[] {
  const list = Array.from({ length: QUARTERS_OFFERED }, (_, i) => shiftQuarter(currentKey, -i, startMonth));
  if (!list.some((q) => q.key === quarterKey)) list.push(shiftQuarter(quarterKey, 0, startMonth));
  return list;
}

export function QuarterPicker({ quarterKey, currentKey, startMonth, asOf, comparedWith }: Props) {
  const id = useId();
  const previous = shiftQuarter(quarterKey, -1, startMonth);
  const next = shiftQuarter(quarterKey, 1, startMonth);
  const isLatest = quarterKey >= currentKey;
  return (
    <div className="dash-toolbar">
      <div className="field">
        <label htmlFor={id}>Quarter</label>
        <select id={id} value={quarterKey} onChange={(e) => go(e.target.value)}>
          {offered(quarterKey, currentKey, startMonth).map((q) => (
            <option key={q.key} value={q.key}>
              {q.label}
              {q.key === currentKey ? ' — current' : ''}
            </option>
          ))}
        </select>
      </div>
      <div className="dash-toolbar__steps">
        <button
          type="button"
          className="button--secondary"
          onClick={() => go(previous.key)}
          aria-label={`Previous quarter: ${previous.label}`}
        >
          ← Previous
        </button>
        <button
          type="button"
          className="button--secondary"
          onClick={() => go(next.key)}
          disabled={isLatest}
          aria-label={`Next quarter: ${next.label}`}
        >
          Next →
        </button>
      </div>
      <p className="dash-toolbar__asof" role="status">
        {asOf ? (
          <>
            Figures as of <strong>{formatUkDate(asOf)}</strong>
            {comparedWith && <span className="muted"> · compared with {comparedWith}</span>}
          </>
        ) : (
          'Reading the figures…'
        )}
      </p>
    </div>
  );
}
