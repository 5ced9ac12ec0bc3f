import type { ActionState } from '../lib/useAction';

/** The outcome of the last action: a refusal read out at once (alert), or a quiet success line (status). */
export function Feedback({ state }: { state: Pick<ActionState, 'error' | 'done'> }) {
  if (state.error) {
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
