import { BACKUP_REASON_LABELS, type BackupView } from '../../../../shared/domain/recovery';
import { formatUkDateTime } from '../../components/formatting';

export const takenOn = (b: BackupView) => formatUkDateTime(b.takenAt);
export const reasonOf = (b: BackupView) => BACKUP_REASON_LABELS[b.reason];

export function sizeOf(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('en-GB')} KB`;
  return `${(bytes / (1024 * 1024)).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
}
