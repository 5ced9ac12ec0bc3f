import type { PanelChecks } from './panelDraft';

interface Props {
  cannot: NonNullable<PanelChecks['cannotBeFormed']>;
  /** The chair's recorded departure from the policy, if any. */
  departureReason: string | null;
}

/** Said plainly, before any seat: this policy's panel cannot be formed for the case, why, and what the chair can do instead. */
export function CannotBeFormed({ cannot, departureReason }: Props) {
  return (
    <section aria-labelledby="cannot-be-formed" className="card panel-impossible">
      <h2 id="cannot-be-formed">
        {departureReason ? 'Held under a departure from the policy' : 'This policy’s panel cannot be formed for this case'}
      </h2>
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
