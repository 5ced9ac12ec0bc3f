import { CHECK_STATUS, countWord, type PanelChecks } from './panelDraft';

/** One line a screen reader hears when the count changes; the list itself is read on demand. */
export function checksSummary(checks: PanelChecks): string {
  const fails = checks.checks.filter((c) => c.status === 'fail').length;
  const warnings = checks.checks.filter((c) => c.status === 'warning').length;
  const notes = warnings ? ` (${countWord(warnings, 'warning', 'warnings')} to read)` : '';
  if (fails === 0 && checks.valid) return `All checks pass: this panel is valid${notes}.`;
  if (checks.heldUnderDeparture)
    return `This policy’s panel cannot be formed for this case: this one sits under the chair’s recorded departure from the policy${notes}.`;
  if (checks.cannotBeFormed) return 'This policy’s panel cannot be formed for this case: see why, and what the chair can do instead.';
  if (fails === 0) return 'The panel cannot be convened under this policy.';
  return `${countWord(fails, 'check fails', 'checks fail')}: the panel is not yet valid${notes}.`;
}

interface Props {
  checks: PanelChecks | null;
  pending?: boolean;
  error?: string | null;
  /** Id of the heading that labels the list. */
  headingId: string;
}

/** The six checks of DOMAIN.md, each with its state in words and its plain-words messages. */
export function ChecksList({ checks, pending = false, error = null, headingId }: Props) {
  return (
    <div className="panel-checks">
      <p aria-live="polite" className={`panel-checks__summary${checks && !checks.valid ? ' panel-checks__summary--fail' : ''}`}>
        {checks ? checksSummary(checks) : 'Checking the panel…'}
      </p>
      {pending && checks && (
        <p className="hint" aria-hidden="true">
          Updating…
        </p>
      )}
      {error && <p className="refusal">The checks could not be run: {error}</p>}
      {checks && (
        <ol className="panel-checks__list" aria-labelledby={headingId}>
          {checks.checks.map((c) => (
            <li key={c.number} className={`panel-check panel-check--${c.status}`}>
              <p className="panel-check__title">
                <span className={`badge panel-badge panel-badge--${c.status}`}>{CHECK_STATUS[c.status]}</span> {c.number}. {c.title}
              </p>
              {c.messages.length > 0 && (
                <ul className="panel-check__messages">
                  {c.messages.map((m, i) => (
                    <li key={i}>{m}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
