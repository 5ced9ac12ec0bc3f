import { useState } from 'react';
import type { BackupView, DeskHealth } from '../../../../shared/domain/recovery';
import { useChannel } from '../../lib/useChannel';
import { BackupsTable } from './BackupsTable';
import { RestoreConfirmation } from './RestoreConfirmation';
import { takenOn } from './backupWords';
import { usePageTitle } from '../../lib/pageTitle';

/** Instead of the app, when the records file failed its integrity check at start-up and was not opened. */
export function DamagedScreen({ damage }: { damage: NonNullable<DeskHealth['damage']> }) {
  usePageTitle('The records file is damaged');
  const list = useChannel('backups:list', {});
  const [chosen, setChosen] = useState<BackupView | null>(null);
  const latest = damage.latestGood;
  return (
    <div className="shell">
      <header className="shell__header">
        <p className="shell__title">Escalation Desk</p>
      </header>
      <main id="main" tabIndex={-1}>
        <h1>The records file is damaged</h1>
        <div role="alert" className="alarm">
          <p>{damage.message}</p>
        </div>
        {latest && !chosen && (
          <p>
            <button type="button" onClick={() => setChosen(latest)}>
              Restore the latest good backup (taken {takenOn(latest)})
            </button>
          </p>
        )}
        {chosen && <RestoreConfirmation key={chosen.name} backup={chosen} recordsDamaged onCancel={() => setChosen(null)} />}
        <section aria-labelledby="other-backups">
          <h2 id="other-backups">All backups</h2>
          {list.error && <p role="alert">{list.error.message}</p>}
          {list.data && <BackupsTable backups={list.data.backups} chosen={chosen} onChoose={setChosen} />}
        </section>
      </main>
    </div>
  );
}
