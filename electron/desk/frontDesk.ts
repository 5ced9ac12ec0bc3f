// The desk as the desktop app and the web mode hold it: opened at start-up with its audit trail
// checked, able to put a backup back under the running window, and still answering when the
// records file fails its integrity check, so the window can say so and offer the latest good
// backup instead of the app only printing a message and closing.
//
// The bridges call dispatchAsync here. While the records are open it is the open desk's own
// dispatcher; a restore closes that desk, swaps the file and opens a new desk (new store, new
// dispatcher) over the same export jobs, so every later call reaches the restored records. While
// the file is damaged only the channels of the recovery screen answer.
import { writerFree, writerHeldFor } from '../db/writeHold';
import { basename, join } from 'node:path';
import { contract, isChannel, type Channel } from '../../shared/contract';
import { failure } from '../../shared/result';
import type { BackupCheck, BackupList, BackupReason, BackupView, DeskHealth, RestoreView } from '../../shared/domain/recovery';
import {
  BACKUPS_KEPT,
  backupNow,
  backupsFolder,
  describeTime,
  isGoodBackup,
  listBackups,
  rotateBackups,
  type BackupFile,
} from '../db/backup';
import { DamagedDatabaseError } from '../db/damaged';
import { restoreBackup, RestoreRefused, restoreRefusal, undoRestore, type RestoreResult } from '../db/restore';
import { checkedAnswer, faultAnswer, parseInput, unknownChannel, type DispatchAsync } from './dispatch';
import { appendAudit } from '../services/audit';
import { casesDeletedAfterReview, casesHeld } from '../services/retention';
import { DomainError } from '../services/errors';
import { ExportJobs } from '../services/exports/jobs';
import type { SessionRegistry } from '../services/accounts/sessionRegistry';
import { AuditWatch } from './auditWatch';
import { openDesk, operatingSystemUser, type Desk, type DeskOptions } from './desk';
import type { RecoveryControl } from './recoveryControl';
import { processClock } from './clock';
import { typedCallAsync, type DeskCallAsync } from '../../shared/bridge';
import { Changes, type ChangeFeed } from './changes';
import type { RecordsKey } from '../db/cipher';
import { KeyFileError } from '../db/keyFile';

export interface FrontDesk {
  readonly dataFolder: string;
  /** The open desk, or null while the records file is damaged (or being swapped). */
  readonly desk: Desk | null;
  readonly exports: ExportJobs;
  /** What the bridges call (the web mode with each request's caller; the desktop window with none, for the desk's seat). */
  dispatchAsync: DispatchAsync;
  /** The same, typed from the contract, for callers in this process (the tests, the command line). */
  callAsync: DeskCallAsync;
  /** Who is signed in to the open desk (null while the records file is damaged: there are no accounts to sign in to). */
  readonly sessions: SessionRegistry | null;
  /** Every committed change, across restores (each desk opened here publishes to this one feed). */
  readonly changes: ChangeFeed;
  /** A backup of the open records (null when none is open); for the schedule and on quit. */
  takeBackup(reason: BackupReason): Promise<string | null>;
  /** Settles when the background walk of the audit trail has finished (or was stopped). */
  auditSettled(): Promise<void>;
  close(): void;
}

/** The channels the recovery screen needs: the only ones that answer while the file is damaged. */
const WHILE_DAMAGED: ReadonlySet<Channel> = new Set<Channel>([
  'app:info',
  'desk:health',
  'backups:list',
  'backups:check',
  'backups:restore',
]);

function view(backup: BackupFile): BackupView {
  return { name: backup.name, reason: backup.reason, takenAt: backup.takenAt.toISOString(), size: backup.size };
}

function damageMessage(damaged: DamagedDatabaseError): string {
  const opening =
    'The records file failed SQLite’s integrity check when the app started, so it was not opened and nothing in it has changed.';
  if (!damaged.latestGood) {
    return `${opening} There is no backup that passes its own check in ${backupsFolder(damaged.dataFolder)}. Keep the file (${damaged.file}) as it is and ask your IT team to restore it from their own backups.`;
  }
  return `${opening} The latest backup that passes its own check is offered below. Restoring it keeps the damaged file in the data folder; nothing is deleted.`;
}

/** The channels the unlock screen needs: the only ones that answer while the records are locked. */
const WHILE_LOCKED: ReadonlySet<Channel> = new Set<Channel>(['app:info', 'desk:health', 'records:unlock', 'records:setUp']);

/**
 * Records that wait for their passphrase in the window (the desktop app where the operating system
 * keeps no key: desktopKey.ts): whether they have a key yet, and how to open them with one.
 */
export interface LockedRecords {
  readonly state: 'locked' | 'new';
  unlock(passphrase: string): RecordsKey;
  setUp(passphrase: string): { key: RecordsKey; recoveryKey: string };
}

/** A front desk opens its records with the key it is given, or waits, locked, for the passphrase. */
export type FrontDeskOptions = Omit<DeskOptions, 'key'> &
  ({ key: RecordsKey; locked?: undefined } | { key?: undefined; locked: LockedRecords });

export function openFrontDesk(frontOptions: FrontDeskOptions): FrontDesk {
  const { locked: lockedAtStart, key: keyAtStart, ...rest } = frontOptions;
  let options: Omit<DeskOptions, 'key'> = rest;
  let key: RecordsKey | null = keyAtStart ?? null;
  let locked: LockedRecords | null = lockedAtStart ?? null;
  const boardKey = (): RecordsKey => {
    if (!key) throw new DomainError('The records are locked: unlock them with the board’s passphrase first.');
    return key;
  };
  const { dataFolder } = options;
  const now = options.now ?? processClock();
  // Every desk this front door opens (again, after a restore) shares its clock.
  options = { ...options, now };
  const actor = options.actor ?? operatingSystemUser;
  const exports = options.exports ?? new ExportJobs(join(dataFolder, 'exports'));
  const changes = options.changes ?? new Changes();
  let desk: Desk | null = null;
  let watch: AuditWatch | null = null;
  let damaged: DamagedDatabaseError | null = null;
  let lastRestore: RestoreView | null = null;
  let restoring = false;
  let tasksInFlight = 0;
  let backupsInFlight = 0;
  const findBackup = (name: string): BackupFile => {
    const found = listBackups(dataFolder).find((b) => b.name === name);
    if (!found) throw new DomainError(`There is no backup called ${name} in ${backupsFolder(dataFolder)} any more. Nothing has changed.`);
    return found;
  };

  const take = async (reason: BackupReason, rotate = true): Promise<BackupFile> => {
    if (!desk) throw new DomainError('The records are not open, so there is nothing to back up.');
    backupsInFlight += 1;
    try {
      // A backup is a copy of what is committed; an import being written would hold it up anyway.
      await writerFree(desk.store.writer);
      const file = await backupNow(desk.store.writer, dataFolder, boardKey(), reason, now(), { rotate });
      return listBackups(dataFolder).find((b) => b.file === file)!;
    } finally {
      backupsInFlight -= 1;
    }
  };

  const open = () => {
    desk = openDesk({ ...options, key: boardKey(), exports, recovery, changes });
    damaged = null;
    watch = new AuditWatch(desk.store, { now });
    watch.start();
  };

  const shut = () => {
    watch?.stop();
    watch = null;
    desk?.close();
    desk = null;
  };

  /** After a failed swap: opens whatever file is in place again (or notes that it is damaged). */
  const reopen = () => {
    try {
      open();
    } catch (error) {
      if (!(error instanceof DamagedDatabaseError)) throw error;
      damaged = error;
    }
  };

  const restore = async (name: string, by: string): Promise<RestoreView> => {
    if (restoring) throw new DomainError('A restore is already under way.');
    const backup = findBackup(name);
    if (tasksInFlight > (desk ? 1 : 0) || exports.running() > 0 || backupsInFlight > 0 || (desk && writerHeldFor(desk.store.writer))) {
      throw new DomainError('An export, an import or a backup is still running. Wait for it to finish, then restore. Nothing has changed.');
    }
    // Empty, cut short, damaged, not Escalation Desk records, or without a coordinator: refused before anything is touched.
    const refusal = restoreRefusal(dataFolder, backup.file, boardKey(), `The backup taken on ${describeTime(backup.takenAt)}`);
    if (refusal) throw new DomainError(refusal);
    restoring = true;
    try {
      // The records in use now, as a backup the screen can restore (when they are sound), kept out
      // of rotation until the swap is done so the chosen backup cannot be rotated away meanwhile.
      const before = desk ? await take('before-restore', false) : null;
      // Cases deleted after review in the records in use: a backup taken before a deletion brings them back.
      const deletedNow = desk ? casesDeletedAfterReview(desk.store.reader) : [];
      shut();
      let result: RestoreResult;
      try {
        result = restoreBackup(dataFolder, backup.file, boardKey(), now());
      } catch (error) {
        reopen();
        if (error instanceof RestoreRefused) throw new DomainError(error.message);
        throw error;
      }
      try {
        open();
      } catch (error) {
        undoRestore(result);
        reopen();
        throw new DomainError(
          `The backup taken on ${describeTime(backup.takenAt)} could not be opened (${error instanceof Error ? error.message : String(error)}), so the records in use before are back in place. Nothing has changed.`,
        );
      }
      const opened = desk as Desk | null;
      const restored: RestoreView = {
        restoredFrom: view(backup),
        restoredAt: now().toISOString(),
        by,
        keptAside: result.movedAside.map((f) => basename(f)),
        beforeRestoreBackup: before?.name ?? null,
        deletedCasesBack: casesHeld(opened!.store.reader, deletedNow).map((d) => d.reference),
      };
      // The restored records' own audit trail says they were put back, when, by whom and from what.
      const after = {
        backup: backup.name,
        takenAt: restored.restoredFrom.takenAt,
        keptAside: restored.keptAside,
        beforeRestoreBackup: restored.beforeRestoreBackup,
        deletedCasesBack: restored.deletedCasesBack,
      };
      opened!.store.writer
        .transaction(() =>
          appendAudit(
            { db: opened!.store.writer, actor: by, now: now() },
            { action: 'records.restore', entity: 'board', entityId: null, after },
          ),
        )
        .immediate();
      lastRestore = restored;
      // Every open screen is now showing records that were replaced.
      changes.publish('backups:restore');
      return restored;
    } finally {
      restoring = false;
      rotateBackups(dataFolder, boardKey());
    }
  };

  const recovery: RecoveryControl = {
    health: (): DeskHealth => ({
      records: desk ? 'open' : locked ? locked.state : 'damaged',
      damage:
        !desk && damaged ? { message: damageMessage(damaged), latestGood: damaged.latestGood ? view(damaged.latestGood) : null } : null,
      audit: watch?.health() ?? null,
      lastRestore,
    }),
    listBackups: (): BackupList => ({
      folder: backupsFolder(dataFolder),
      kept: BACKUPS_KEPT,
      backups: listBackups(dataFolder).map(view),
      lastRestore,
    }),
    checkBackup: (name): BackupCheck => ({ name, checksOut: isGoodBackup(findBackup(name).file, boardKey()) }),
    backUpNow: async () => view(await take('manual')),
    restore,
  };

  /** While the records are not open (damaged, or locked): the few channels that screen needs, parsed and checked like any other. */
  const dispatchWhileClosed: DispatchAsync = async (channelName, rawInput) => {
    if (!isChannel(channelName)) return unknownChannel(channelName);
    const channel = channelName;
    if (!(locked ? WHILE_LOCKED : WHILE_DAMAGED).has(channel))
      return failure(
        locked
          ? 'The records are locked: unlock them with the board’s passphrase first.'
          : 'The records file failed its integrity check and is not open, so this cannot be done. Restore a backup first.',
      );
    const parsed = parseInput(channel, rawInput);
    if (!parsed.ok) return parsed.result;
    const { input } = parsed;
    try {
      const answer = locked ? answerWhileLocked(locked, channel, input) : await answerWhileDamaged(channel, input);
      return checkedAnswer(channel, answer, options.onFault);
    } catch (error) {
      return faultAnswer(channel, error, options.onFault);
    }
  };

  /** A refused passphrase as the form's error, on its field. */
  const asRefusal = (error: unknown): DomainError | unknown =>
    error instanceof KeyFileError ? new DomainError(error.message, [{ where: 'Passphrase', message: error.message }]) : error;

  const answerWhileLocked = (waiting: LockedRecords, channel: Channel, input: unknown): unknown => {
    switch (channel) {
      case 'app:info':
        return { version: options.version, schemaVersion: 0, dataFolder, mode: options.mode };
      case 'desk:health':
        return recovery.health();
      case 'records:unlock': {
        if (waiting.state !== 'locked')
          throw new DomainError('These records have no key yet: choose the board’s passphrase to set one up.');
        try {
          key = waiting.unlock((input as { passphrase: string }).passphrase);
        } catch (error) {
          throw asRefusal(error);
        }
        locked = null;
        reopen();
        return { unlocked: true };
      }
      case 'records:setUp': {
        if (waiting.state !== 'new')
          throw new DomainError('These records already have their key: unlock them with the board’s passphrase.');
        let made: { key: RecordsKey; recoveryKey: string };
        try {
          made = waiting.setUp((input as { passphrase: string }).passphrase);
        } catch (error) {
          throw asRefusal(error);
        }
        key = made.key;
        locked = null;
        reopen();
        return { recoveryKey: made.recoveryKey };
      }
      default:
        throw new DomainError('The records are locked.');
    }
  };

  const answerWhileDamaged = (channel: Channel, input: unknown): unknown => {
    switch (channel) {
      case 'app:info':
        return { version: options.version, schemaVersion: 0, dataFolder, mode: options.mode };
      case 'desk:health':
        return recovery.health();
      case 'backups:list':
        return recovery.listBackups();
      case 'backups:check':
        return recovery.checkBackup((input as { name: string }).name);
      case 'backups:restore':
        return recovery.restore((input as { name: string }).name, actor());
      default:
        throw new DomainError('The records file is not open.');
    }
  };

  const dispatchAsync: DispatchAsync = async (channel, input, caller) => {
    if (restoring) return failure('The records are being restored from a backup. Try again in a moment.');
    const current = desk as Desk | null;
    if (!current) return dispatchWhileClosed(channel, input);
    const task = isChannel(channel) && contract[channel].kind === 'task';
    if (task) tasksInFlight += 1;
    try {
      return await current.dispatchAsync(channel, input, caller);
    } finally {
      if (task) tasksInFlight -= 1;
    }
  };

  if (!locked) reopen();

  return {
    dataFolder,
    get desk() {
      return desk;
    },
    exports,
    changes,
    dispatchAsync,
    callAsync: typedCallAsync(dispatchAsync),
    get sessions() {
      return (desk as Desk | null)?.sessions ?? null;
    },
    takeBackup: async (reason) => (desk ? (await take(reason)).file : null),
    auditSettled: () => watch?.settled ?? Promise.resolve(),
    close: shut,
  };
}
