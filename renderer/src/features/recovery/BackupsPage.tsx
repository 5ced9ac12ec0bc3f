import { useState } from 'react';
import type { BackupView, RestoreView } from '../../../../shared/domain/recovery';
import { href } from '../../lib/route';
import { Feedback } from '../../components/Feedback';
import { formatUkDateTime } from '../../components/formatting';
import { call } from '../../lib/api';
import { useAction } from '../../lib/useAction';
import { useChannel } from '../../lib/useChannel';
import { useCan } from '../accounts/sessionContext';
import { BackupsTable } from './BackupsTable';
import { RestoreConfirmation } from './RestoreConfirmation';
import { takenOn } from './backupWords';
import { usePageTitle } from '../../lib/pageTitle';

export function LastRestore({ restore }: { restore: RestoreView }) {
  const file = restore.keptAside.find((n) => !/-(wal|shm|journal)$/.test(n));
  return (
    <div role="status" className="flag">
      <p>
        The records in use were restored on {formatUkDateTime(restore.restoredAt)} by {restore.by} from the backup taken{' '}
        {takenOn(restore.restoredFrom)}.
      </p>
      <p>
        The records in use before are kept
        {restore.beforeRestoreBackup ? ', backed up in this list as “Before a restore”,' : ''}
        {file ? ` and as ${file} in the data folder` : ''}.
      </p>
      {restore.deletedCasesBack.length > 0 && (
        <p>
          The backup was taken before {restore.deletedCasesBack.length === 1 ? 'this case was' : 'these cases were'} deleted after review,
          so {restore.deletedCasesBack.length === 1 ? 'it is' : 'they are'} back in the records: {restore.deletedCasesBack.join(', ')}.
          Nothing is deleted automatically: delete {restore.deletedCasesBack.length === 1 ? 'it' : 'them'} again from{' '}
          <a href={href('retention')}>Retention review</a>.
        </p>
      )}
    </div>
  );
}

export function BackupsPage() {
  usePageTitle('Backups');
  if (!useCan('backups:list')) {
    return (
      <>
        <h1>Backups</h1>
        <p>Backups hold every record, so they are looked after by the board’s business coordinator.</p>
      </>
    );
  }
  return <BackupsForCoordinator />;
}

function BackupsForCoordinator() {
  const list = useChannel('backups:list', {});
  const action = useAction();
  const [chosen, setChosen] = useState<BackupView | null>(null);
  const backUp = () =>
    void action.run(
      () => call('backups:create', {}),
      (b) => {
        list.reload();
        return `Backed up: ${b.name}.`;
      },
    );
  return (
    <>
      <h1>Backups</h1>
      <p className="lede">
        A backup is taken every six hours while the app is open, when it is closed, before an update of the records’ format and before a
        restore
        {list.data ? `; the newest ${list.data.kept} are kept in ${list.data.folder}` : ''}. Each is checked with SQLite’s integrity check
        before it can be restored.
      </p>
      {list.data?.lastRestore && <LastRestore restore={list.data.lastRestore} />}
      <section aria-labelledby="back-up-now">
        <h2 id="back-up-now">Back up now</h2>
        <p>Takes a backup of the records as they are, safely while the app is in use.</p>
        <button type="button" disabled={action.busy} onClick={backUp}>
          Back up now
        </button>
        <Feedback state={action} />
      </section>
      <section aria-labelledby="backup-list">
        <h2 id="backup-list">Backups{list.data ? ` (${list.data.backups.length})` : ''}</h2>
        {list.error && <p role="alert">{list.error.message}</p>}
        {!list.data && !list.error && <p role="status">Reading the backups…</p>}
        {list.data && <BackupsTable backups={list.data.backups} chosen={chosen} onChoose={setChosen} />}
      </section>
      {chosen && <RestoreConfirmation key={chosen.name} backup={chosen} recordsDamaged={false} onCancel={() => setChosen(null)} />}
    </>
  );
}
