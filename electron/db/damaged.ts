import { backupsFolder, describeTime, type BackupFile } from './backup';

/** The records file failed SQLite's integrity check at start-up; it was not opened for writing. */
export class DamagedDatabaseError extends Error {
  constructor(
    readonly file: string,
    readonly dataFolder: string,
    readonly latestGood: BackupFile | null,
  ) {
    const restore = latestGood
      ? `The latest good backup was taken on ${describeTime(latestGood.takenAt)} (${latestGood.file}). ` +
        `To put it back, close Escalation Desk and run: npm run board -- restore --latest --data "${dataFolder}" ` +
        '(or choose another backup file with --from FILE). The damaged file is kept beside it, not deleted.'
      : `There is no good backup in ${backupsFolder(dataFolder)}. Keep this file as it is and ask your IT team to restore it from their own backups ` +
        '(a backup file can be put back with: npm run board -- restore --from FILE).';
    super(
      `The records file ${file} failed SQLite's integrity check, so it was NOT opened for writing and nothing in it has changed. ${restore}`,
    );
    this.name = 'DamagedDatabaseError';
  }
}
