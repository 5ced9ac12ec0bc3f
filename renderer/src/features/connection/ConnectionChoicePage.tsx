import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Feedback } from '../../components/Feedback';
import { call } from '../../lib/api';
import { useAction } from '../../lib/useAction';
import { usePageTitle } from '../../lib/pageTitle';

interface Props {
  problem: string | null;
  onChosen: () => void;
  /** Changing a server already chosen (a new certificate, a moved server): its address to start from, and a way back. */
  changing?: { url: string; onCancel: () => void };
}

/**
 * The desktop app's first start: keep the board's records on this computer (as before), or use
 * the board's server, reached at its address and trusted by its certificate's fingerprint alone.
 * The same page changes the choice later, from the connected window's banner.
 */
export function ConnectionChoicePage({ problem, onChosen, changing }: Props) {
  usePageTitle(changing ? 'Change where the board’s records are' : 'Where are the board’s records?');
  const action = useAction();
  const [mode, setMode] = useState<'local' | 'server'>(changing ? 'server' : 'local');
  const [url, setUrl] = useState(changing?.url ?? '');
  const [fingerprint, setFingerprint] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      () => call('connection:choose', mode === 'local' ? { mode } : { mode, url, fingerprint }),
      (view) => {
        onChosen();
        return view.mode === 'server' ? `Connected to the board server at ${view.url}.` : 'The records are kept on this computer.';
      },
    );
  };
  return (
    <main id="main" className="sign-in">
      <h1>{changing ? 'Change where the board’s records are' : 'Where are the board’s records?'}</h1>
      {changing && (
        <p>
          This window uses the board server at {changing.url}. Connecting to another (or to the same one with a new certificate) signs you
          out here; nothing is copied between them.
        </p>
      )}
      {problem && (
        <div role="alert" className="feedback feedback--error">
          <p>{problem}</p>
        </div>
      )}
      <form noValidate onSubmit={submit} aria-label="Where the records are">
        <ErrorSummary state={action} />
        <fieldset>
          <legend>Keep the records</legend>
          <label>
            <input type="radio" name="connection-mode" checked={mode === 'local'} onChange={() => setMode('local')} /> On this computer
          </label>
          <label>
            <input type="radio" name="connection-mode" checked={mode === 'server'} onChange={() => setMode('server')} /> On the board’s
            server
          </label>
        </fieldset>
        {mode === 'server' && (
          <>
            <div className="field">
              <label htmlFor="connection-url">Server address</label>
              <span className="hint" id="connection-url-hint">
                As the board’s administrator gave it, e.g. https://desk.board.local:8443
              </span>
              <input
                id="connection-url"
                aria-describedby="connection-url-hint"
                inputMode="url"
                autoComplete="off"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="connection-fingerprint">Certificate fingerprint (SHA-256)</label>
              <span className="hint" id="connection-fingerprint-hint">
                The server prints it when it starts (AB:CD:… in 32 pairs). Check it with the administrator: this computer will trust that
                certificate and no other.
              </span>
              <input
                id="connection-fingerprint"
                aria-describedby="connection-fingerprint-hint"
                autoComplete="off"
                spellCheck={false}
                value={fingerprint}
                onChange={(e) => setFingerprint(e.target.value)}
              />
            </div>
          </>
        )}
        <button type="submit" disabled={action.busy}>
          {mode === 'server' ? 'Connect to the server' : 'Keep them on this computer'}
        </button>
        {changing && (
          <button type="button" className="button--secondary" onClick={changing.onCancel}>
            Keep the server as it was
          </button>
        )}
      </form>
      <Feedback state={action} summarised />
    </main>
  );
}
