import { useEffect, useRef } from 'react';
import type { BackupView } from '../../../../shared/domain/recovery';
import { href } from '../../lib/route';
import { Feedback } from '../../components/Feedback';
import { call } from '../../lib/api';
import { useAction } from '../../lib/useAction';
import { takenOn } from './backupWords';

/**
 * Says exactly what a restore does before it is done. On success the whole window reloads, so
 * every screen reads the restored records afresh, and lands on Backups, which says what happened.
 */
export function RestoreConfirmation({
  backup,
  recordsDamaged,
  onCancel,
}: {
  backup: BackupView;
  recordsDamaged: boolean;
  onCancel: () => void;
}) {
  const action = useAction();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [backup.name]);
  const restore = () =>
    void action.run(
      () => call('backups:restore', { name: backup.name, confirmed: true }),
      () => {
        window.location.hash = href('backups');
        window.location.reload();
        return 'Restored. Reloading…';
      },
    );
  return (
    <section aria-labelledby="restore-confirm" className="confirm">
      <h2 id="restore-confirm" tabIndex={-1} ref={heading}>
        Restore the backup taken {takenOn(backup)}?
      </h2>
      <ul>
        {recordsDamaged ? (
          <li>
            The damaged records file is replaced by this backup. It is not deleted: it is kept in the data folder, renamed
            escalation-desk.sqlite.replaced-&lt;time&gt;.
          </li>
        ) : (
          <>
            <li>The records in use now are replaced by this backup: anything recorded after {takenOn(backup)} will not be in them.</li>
            <li>
              Nothing is deleted. The records in use now are backed up first (listed here as “Before a restore”, so you can go back), and
              the file itself is kept in the data folder, renamed escalation-desk.sqlite.replaced-&lt;time&gt;.
            </li>
          </>
        )}
        <li>The restore is recorded in the audit trail under your name. The app reloads when it is done.</li>
      </ul>
      <Feedback state={action} />
      <div className="actions">
        <button type="button" className="button--warning" disabled={action.busy} onClick={restore}>
          Yes, restore this backup
        </button>
        <button type="button" className="button--secondary" disabled={action.busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
