// Backups for any front door: one every BACKUP_EVERY_MS while the app runs, and one on quit.
import { BACKUP_EVERY_MS, backupNow, type BackupReason } from '../db/backup';
import type { Desk } from './desk';

export interface BackupSchedule {
  take(reason: BackupReason): Promise<void>;
  stop(): void;
}

export function scheduleBackups(desk: Desk, dataFolder: string): BackupSchedule {
  // Logs the reason and the error's own message only: never anything from the records.
  const take = async (reason: BackupReason) => {
    try {
      await backupNow(desk.store.writer, dataFolder, reason);
    } catch (error) {
      console.error(`[escalation-desk] ${reason} backup failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const timer = setInterval(() => void take('scheduled'), BACKUP_EVERY_MS);
  timer.unref();
  return { take, stop: () => clearInterval(timer) };
}
