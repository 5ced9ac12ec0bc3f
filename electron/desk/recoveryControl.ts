// What the channels for backups and start-up health can ask of the front door that holds the
// desk (electron/app/deskHost.ts). Restoring replaces the store under the desk, so it cannot be
// a service over a database handle like the others.
import type { BackupCheck, BackupList, BackupView, DeskHealth, RestoreView } from '../../shared/domain/recovery';

export interface RecoveryControl {
  health(): DeskHealth;
  listBackups(): BackupList;
  checkBackup(name: string): BackupCheck;
  backUpNow(): Promise<BackupView>;
  /** Replaces the records in use with the named backup (they are backed up and kept aside first). */
  restore(name: string, by: string): Promise<RestoreView>;
}
