import type { AuditHealth } from '../../../../shared/domain/recovery';
import { href } from '../../lib/route';

/** Shown on every screen when the audit trail no longer matches its hash chain: what was found and what to do. */
export function AuditAlarm({ audit }: { audit: AuditHealth | null | undefined }) {
  if (!audit || audit.state !== 'broken') return null;
  return (
    <div role="alert" className="alarm">
      <p className="alarm__title">Warning: the audit trail no longer matches</p>
      <p>{audit.message}</p>
      <p>
        <strong>What to do: </strong>
        {audit.whatToDo} <a href={href('backups')}>Go to Backups</a>
      </p>
    </div>
  );
}
