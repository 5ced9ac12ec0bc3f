// Backups, restoring one, and the health of the records at start-up (is the file sound, does the
// audit trail still match its hash chain), as both sides see them.
import { z } from 'zod';

export const BACKUP_REASONS = ['scheduled', 'before-migration', 'on-quit', 'manual', 'before-restore', 'before-encryption'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export const BACKUP_REASON_LABELS: Record<BackupReason, string> = {
  scheduled: 'Every six hours',
  'before-migration': 'Before an update of the records’ format',
  'on-quit': 'When the app was closed',
  manual: 'Taken by hand',
  'before-restore': 'Before a restore (the records then in use)',
  'before-encryption': 'When the records were first encrypted (the records as they were)',
};

/** escalation-desk-YYYYMMDD-HHMMSS[-n]-<reason>.sqlite: the only names the app lists, rotates or restores. */
export const BACKUP_NAME = new RegExp(`^escalation-desk-(\\d{8})-(\\d{6})(?:-(\\d+))?-(${BACKUP_REASONS.join('|')})\\.sqlite$`);

export const backupViewSchema = z.object({
  name: z.string(),
  reason: z.enum(BACKUP_REASONS),
  /** ISO time, UTC, from the name. */
  takenAt: z.string(),
  size: z.number(),
});
export type BackupView = z.infer<typeof backupViewSchema>;

export const restoreViewSchema = z.object({
  restoredFrom: backupViewSchema,
  restoredAt: z.string(),
  by: z.string(),
  /** Names of the files the records in use before were moved to, in the data folder (kept, not deleted). */
  keptAside: z.array(z.string()),
  /** The backup of the records in use before, taken just before the restore (none when that file was damaged). */
  beforeRestoreBackup: z.string().nullable(),
  /**
   * References of cases deleted after review since the backup was taken, which the restore has
   * brought back. They are not deleted again automatically: the review screen lists them again.
   */
  deletedCasesBack: z.array(z.string()),
});
export type RestoreView = z.infer<typeof restoreViewSchema>;

export const backupListSchema = z.object({
  folder: z.string(),
  kept: z.number(),
  backups: z.array(backupViewSchema),
  lastRestore: restoreViewSchema.nullable(),
});
export type BackupList = z.infer<typeof backupListSchema>;

export const backupCheckSchema = z.object({ name: z.string(), checksOut: z.boolean() });
export type BackupCheck = z.infer<typeof backupCheckSchema>;

export const backupNameInput = z.object({
  name: z
    .string({ error: 'Choose a backup from the list' })
    .max(120, 'Choose a backup from the list')
    .regex(BACKUP_NAME, 'Choose a backup from the list'),
});
export const restoreInput = backupNameInput.extend({
  confirmed: z.literal(true, { error: 'Confirm that the records in use are to be replaced by the backup' }),
});

export const auditHealthSchema = z.object({
  /** checking: the recent entries match and the whole chain is being walked in the background. */
  state: z.enum(['checking', 'intact', 'broken']),
  entriesChecked: z.number(),
  /** The first entry that does not match (null while it is still being looked for). */
  firstBadEntry: z.object({ id: z.number(), at: z.string(), action: z.string() }).nullable(),
  /** Plain words for the person at the screen: what was found, and what to do. Empty when intact. */
  message: z.string(),
  whatToDo: z.string(),
});
export type AuditHealth = z.infer<typeof auditHealthSchema>;

export const deskHealthSchema = z.object({
  /** locked: encrypted, waiting for the passphrase; new: no key yet, waiting for one to be chosen (the desktop app without a keyring). */
  records: z.enum(['open', 'damaged', 'locked', 'new']),
  /** Set when the records file failed its integrity check at start-up and was not opened. */
  damage: z.object({ message: z.string(), latestGood: backupViewSchema.nullable() }).nullable(),
  audit: auditHealthSchema.nullable(),
  lastRestore: restoreViewSchema.nullable(),
});
export type DeskHealth = z.infer<typeof deskHealthSchema>;

// ---- Unlocking the records in the window (issue 17): the desktop app where the operating system
// keeps no key (Linux's basic_text keyring). The board server and the web mode unlock at start-up.

export const MIN_PASSPHRASE_LENGTH = 12;

export const unlockRecordsInput = z.object({ passphrase: z.string().min(1, 'Type the board’s passphrase') });

export const setUpRecordsInput = z
  .object({
    passphrase: z
      .string()
      .refine(
        (p) => [...p].length >= MIN_PASSPHRASE_LENGTH,
        `A passphrase is at least ${MIN_PASSPHRASE_LENGTH} characters (a few words is easiest to remember)`,
      ),
    repeatPassphrase: z.string(),
  })
  .refine((a) => a.passphrase === a.repeatPassphrase, { message: 'The two passphrases differ', path: ['repeatPassphrase'] });

export const recordsUnlockedSchema = z.object({ unlocked: z.literal(true) });
/** Shown once, to be printed or written down and kept in the board's safe. */
export const recordsSetUpSchema = z.object({ recoveryKey: z.string() });
