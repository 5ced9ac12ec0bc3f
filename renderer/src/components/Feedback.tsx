import type { ActionState } from '../lib/useAction';

/**
 * The outcome of the last action: a refusal read out at once (alert), or a quiet success line (status).
 * In a form with an ErrorSummary (summarised), the refusal is shown there, at the top, and this is the success line only.
 */
export function Feedback({ state, summarised = false }: { state: Pick<ActionState, 'error' | 'done'>; summarised?: boolean }) {
  if (state.error && !summarised) {
    return (
      <div role="alert" className="feedback feedback--error">
        <p>{state.error.message}</p>
        {state.error.problems.length > 0 && (
          <ul>
            {state.error.problems.map((p, i) => (
              <li key={i}>
                <strong>{p.where}:</strong> {p.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return (
    <p role="status" className="feedback feedback--done">
      {state.done ?? ''}
    </p>
  );
}
