import type { BackupView } from '../../../../shared/domain/recovery';
import { useChannel } from '../../lib/useChannel';
import { reasonOf, sizeOf, takenOn } from './backupWords';

/** Each backup is checked with SQLite's quick_check on its own request, so a long list fills in row by row. */
function CheckCell({ backup, onChoose, chosen }: { backup: BackupView; onChoose: (b: BackupView) => void; chosen: boolean }) {
  const check = useChannel('backups:check', { name: backup.name });
  const verdict = check.data?.checksOut;
  return (
    <>
      <td>
        {check.error
          ? check.error.message
          : verdict === undefined
            ? 'Checking…'
            : verdict
              ? 'Passes its integrity check'
              : 'Fails its integrity check: it cannot be restored'}
      </td>
      <td>
        <button
          type="button"
          className="button--small button--secondary"
          disabled={verdict !== true || chosen}
          onClick={() => onChoose(backup)}
        >
          Restore this backup<span className="visually-hidden"> taken {takenOn(backup)}</span>
        </button>
      </td>
    </>
  );
}

export function BackupsTable({
  backups,
  chosen,
  onChoose,
}: {
  backups: BackupView[];
  chosen: BackupView | null;
  onChoose: (b: BackupView) => void;
}) {
  if (backups.length === 0) return <p>There are no backups yet.</p>;
  return (
    <table tabIndex={0}>
      <caption className="visually-hidden">Backups, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Taken</th>
          <th scope="col">Why</th>
          <th scope="col">Size</th>
          <th scope="col">Check</th>
          <th scope="col">
            <span className="visually-hidden">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {backups.map((b) => (
          <tr key={b.name}>
            <th scope="row">{takenOn(b)}</th>
            <td>{reasonOf(b)}</td>
            <td>{sizeOf(b.size)}</td>
            <CheckCell backup={b} chosen={chosen?.name === b.name} onChoose={onChoose} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
