import { useEffect, useState, type ReactNode } from 'react';
import { SERVER_REACHED_EVENT, SERVER_UNREACHABLE_EVENT } from '../../lib/api';
import { useChannel } from '../../lib/useChannel';
import { ConnectionChoicePage } from './ConnectionChoicePage';

/**
 * Asks where the records are before anything else (the desktop app's first start), and, connected
 * to the board's server, says which one above every screen, and says plainly when it cannot be
 * reached: there is no copy on this computer to fall back on, and the window does not pretend there is.
 */
export function ConnectionGate({ children }: { children: ReactNode }) {
  const connection = useChannel('connection:get', {});
  const [unreachable, setUnreachable] = useState<string | null>(null);
  useEffect(() => {
    const down = (event: Event) => setUnreachable((event as CustomEvent<string>).detail);
    const up = () => setUnreachable(null);
    window.addEventListener(SERVER_UNREACHABLE_EVENT, down);
    window.addEventListener(SERVER_REACHED_EVENT, up);
    return () => {
      window.removeEventListener(SERVER_UNREACHABLE_EVENT, down);
      window.removeEventListener(SERVER_REACHED_EVENT, up);
    };
  }, []);

  const [changing, setChanging] = useState(false);
  const view = connection.data;
  if (view?.mode === 'unchosen') return <ConnectionChoicePage problem={view.problem} onChosen={connection.reload} />;
  if (changing && view?.mode === 'server') {
    return (
      <ConnectionChoicePage
        problem={null}
        changing={{ url: view.url, onCancel: () => setChanging(false) }}
        // The window starts afresh on the new choice: nothing of the old server's screens or session carries over.
        onChosen={() => window.location.reload()}
      />
    );
  }
  if (!view && !connection.error) {
    return (
      <main id="main" className="sign-in">
        <p role="status">Opening Escalation Desk…</p>
      </main>
    );
  }
  if (view?.mode !== 'server') return <>{children}</>;
  const problem = unreachable ?? (view.reachable ? null : view.problem);
  return (
    <>
      <div className="connection">
        <p className="connection__server">
          Connected to the board server at {view.url} (certificate SHA-256 {view.fingerprint}){' '}
          <button type="button" className="button--secondary" onClick={() => setChanging(true)}>
            Change the server
          </button>
        </p>
        {problem && (
          <div role="alert" className="connection__down">
            <p>{problem}</p>
            <button type="button" onClick={() => window.location.reload()}>
              Try again
            </button>
          </div>
        )}
      </div>
      {children}
    </>
  );
}
