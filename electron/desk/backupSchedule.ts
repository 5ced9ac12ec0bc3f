// Backups for any front door: one every BACKUP_EVERY_MS while the app runs, and one on quit.
import { BACKUP_EVERY_MS, type BackupReason } from '../db/backup';

export interface BackupSchedule {
  take(reason: BackupReason): Promise<void>;
  stop(): void;
}

/** `source` is the front door's desk (deskHost.ts): it backs up whichever records are open at the time, if any. */
export function scheduleBackups(source: { takeBackup(reason: BackupReason): Promise<string | null> }): BackupSchedule {
  // Logs the reason and the error's own message only: never anything from the records.
  const take = async (reason: BackupReason) => {
    try {
      await source.takeBackup(reason);
    } catch (error) {
      console.error(`[escalation-desk] ${reason} backup failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const timer = setInterval(() => void take('scheduled'), BACKUP_EVERY_MS);
  timer.unref();
  return { take, stop: () => clearInterval(timer) };
}
