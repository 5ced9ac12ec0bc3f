import { useState } from 'react';
import type { ChannelOutput } from '../../../../shared/contract';
import { Feedback } from '../../components/Feedback';
import { call } from '../../lib/api';
import { useAction } from '../../lib/useAction';
import type { DraftInput, SeatDraft } from './panelDraft';

type Suggestions = ChannelOutput<'panels:suggest'>;

interface Props {
  input: DraftInput;
  noun: string;
  onUse: (seats: SeatDraft[]) => void;
}

/** Valid compositions on the chosen date, worked out by the server with the same checks. */
export function SuggestionsSection({ input, noun, onUse }: Props) {
  const action = useAction();
  const [found, setFound] = useState<Suggestions | null>(null);
  const [used, setUsed] = useState<number | null>(null);
  const suggest = () => {
    setUsed(null);
    void action.run(
      () => call('panels:suggest', input),
      (s) => {
        setFound(s);
        return '';
      },
    );
  };
  return (
    <section aria-labelledby="panel-suggest" className="panel-suggest">
      <h2 id="panel-suggest">Suggestions</h2>
      <p className="hint">
        Compositions that pass the checks on the chosen date, built from the board as it then stands. The chair’s choice stays yours.
      </p>
      <button type="button" className="button--secondary" onClick={suggest} disabled={action.busy}>
        Suggest valid {noun}s
      </button>
      <Feedback state={{ error: action.error, done: null }} />
      <p aria-live="polite">{found?.explanation ?? ''}</p>
      {found && (
        <div>
          {found.compositions.length > 0 && (
            <ol className="panel-suggest__list">
              {found.compositions.map((seats, i) => (
                <li key={i} className="card">
                  <h3 className="h3">Option {i + 1}</h3>
                  <ul className="plain">
                    {seats.map((s, j) => (
                      <li key={j}>
                        Seat {j + 1}: <strong>{s.agencyName ?? '(empty)'}</strong>
                        {s.officerName ? `, ${s.officerName}` : ''}
                      </li>
                    ))}
                  </ul>
                  <button
                    type="button"
                    className="button--small"
                    onClick={() => {
                      setUsed(i);
                      onUse(seats.map((s) => ({ agencyId: s.agencyId, officerId: s.officerId })));
                    }}
                  >
                    Use this {noun}
                    <span className="visually-hidden"> (option {i + 1})</span>
                  </button>
                  {used === i && (
                    <span className="ok panel-suggest__used"> Seats filled from option {i + 1}: the checks above are updated.</span>
                  )}
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </section>
  );
}
