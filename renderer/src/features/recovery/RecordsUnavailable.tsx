import { useChannel } from '../../lib/useChannel';
import { DamagedScreen } from './DamagedScreen';

/**
 * The desk could not say who is signed in. A damaged records file (not opened at start-up) is the
 * one case with something to do here: restore a backup. Otherwise the desk's own words, to retry.
 */
export function RecordsUnavailable({ error, retry }: { error: Error; retry: () => void }) {
  const health = useChannel('desk:health', {});
  if (health.data?.damage) return <DamagedScreen damage={health.data.damage} />;
  return (
    <main id="main" className="sign-in">
      {health.loading ? (
        <p role="status">Opening Escalation Desk…</p>
      ) : (
        <p role="alert">
          {error.message}{' '}
          <button type="button" onClick={retry}>
            Try again
          </button>
        </p>
      )}
    </main>
  );
}
