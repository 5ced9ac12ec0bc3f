import { useChannel } from '../../lib/useChannel';
import { DamagedScreen } from './DamagedScreen';
import { UnlockRecordsScreen } from './UnlockRecordsScreen';

/**
 * The desk could not say who is signed in. A damaged records file (not opened at start-up) is one
 * case with something to do here: restore a backup; locked records (the desktop app without a
 * keyring) are the other: the passphrase. Otherwise the desk's own words, to retry.
 */
export function RecordsUnavailable({ error, retry }: { error: Error; retry: () => void }) {
  const health = useChannel('desk:health', {});
  if (health.data?.damage) return <DamagedScreen damage={health.data.damage} />;
  const records = health.data?.records;
  if (records === 'locked' || records === 'new') return <UnlockRecordsScreen state={records} onOpen={retry} />;
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
