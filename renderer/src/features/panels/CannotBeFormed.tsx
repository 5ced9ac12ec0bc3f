import type { PanelChecks } from './panelDraft';

interface Props {
  cannot: NonNullable<PanelChecks['cannotBeFormed']>;
  /** The chair's recorded departure from the policy, if any. */
  departureReason: string | null;
  /** Only a panel whose decision is recorded was held: a planned one is planned, whatever its date. */
  status: 'planned' | 'held' | 'cancelled';
}

export const DEPARTURE_HEADING = {
  planned: 'Planned under a departure from the policy',
  held: 'Held under a departure from the policy',
  cancelled: 'Was planned under a departure from the policy (cancelled)',
} as const;

/** Said plainly, before any seat: this policy's panel cannot be formed for the case, why, and what the chair can do instead. */
export function CannotBeFormed({ cannot, departureReason, status }: Props) {
  return (
    <section aria-labelledby="cannot-be-formed" className="card panel-impossible">
      <h2 id="cannot-be-formed">{departureReason ? DEPARTURE_HEADING[status] : 'This policy’s panel cannot be formed for this case'}</h2>
      <h3>Why</h3>
      <ul>
        {cannot.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {departureReason ? (
        <p>
          <strong>The chair’s reason for departing from the policy:</strong> {departureReason}
        </p>
      ) : (
        <>
          <h3>What the chair can do instead</h3>
          <ul>
            {cannot.alternatives.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
