// Assembles the product from its parts for any front door (desktop window, web mode, command
// line): open the store in the data folder and build the one dispatcher over it.
import { whenWriterFree } from '../db/writeHold';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { DATABASE_FILE_NAME, openStore } from '../db/open';
import type { Store } from '../db/types';
import type { RecordsKey } from '../db/cipher';
import { createDispatcher, type Dispatch, type DispatchAsync } from './dispatch';
import type { Delivery } from '../../shared/domain/exports';
import type { TaskContext } from '../services/context';
import { ExportJobs } from '../services/exports/jobs';
import { LegacyImportJobs } from '../services/legacy/importJobs';
import { sessionGate, trustedCaller } from '../services/accounts/gate';
import { SessionRegistry, type Caller } from '../services/accounts/sessionRegistry';
import { idleLockMinutes } from '../services/accounts/users';
import { recordIdleLock } from '../services/access/record';
import type { RecoveryControl } from './recoveryControl';
import { typedCalls, type DeskCall, type DeskCallAsync } from '../../shared/bridge';
import { processClock } from './clock';
import { Changes } from './changes';

export interface Desk {
  store: Store;
  /** The board's data key the store was opened with (backups and copies are written under it). */
  key: RecordsKey;
  /** Reads and writes, answered at once. */
  dispatch: Dispatch;
  /** Every channel, including background tasks: what the bridges call. */
  dispatchAsync: DispatchAsync;
  /** The same two, typed from the contract, for callers in this process (command line, tests). */
  call: DeskCall;
  callAsync: DeskCallAsync;
  exports: ExportJobs;
  /** Who is signed in at this desk: each person's session (the web mode looks each request's up here). */
  sessions: SessionRegistry;
  /** Told after every committed change (the board server's event streams listen). */
  changes: Changes;
  /** This front door's own seat (the desktop window, the command line): the caller of dispatch without one. */
  seat: Caller;
  close(): void;
}

export type DeliverExport = (ctx: TaskContext, job: { jobId: string; file: string; fileName: string }) => Promise<Delivery>;

/** The web mode's way to hand over a file: the browser downloads it from the local server. */
export const downloadFromWebMode: DeliverExport = async (_ctx, job) => ({
  how: 'download',
  url: `./download/${job.jobId}`,
  fileName: job.fileName,
});

export interface DeskOptions {
  dataFolder: string;
  /** The board's data key, unlocked by the front door (unlock.ts): the records, their backups and copies are encrypted under it. */
  key: RecordsKey;
  mode: 'desktop' | 'web';
  version: string;
  /** The desk's clock; by default the process clock (the system's, or ESCALATION_DESK_CLOCK: clock.ts). */
  now?: () => Date;
  /**
   * A trusted in-process caller (tests; the command line before any account exists): every
   * channel, attributed to this name. Without it, callers must sign in and their role applies;
   * the desktop window and the web mode never pass it.
   */
  actor?: () => string;
  onFault?: (channel: string, error: unknown) => void;
  deliverExport?: DeliverExport;
  /** Given by the front door that can restore backups under the desk (deskHost.ts), with the export jobs it keeps across a restore. */
  recovery?: RecoveryControl;
  exports?: ExportJobs;
  /** The change feed to publish to (a front door that reopens the desk after a restore keeps its listeners on one feed). */
  changes?: Changes;
}

export function operatingSystemUser(): string {
  try {
    return userInfo().username || 'unknown user';
  } catch {
    return 'unknown user';
  }
}

export function openDesk(options: DeskOptions): Desk {
  const store = openStore(join(options.dataFolder, DATABASE_FILE_NAME), options.key);
  const exports = options.exports ?? new ExportJobs(join(options.dataFolder, 'exports'));
  const onFault =
    options.onFault ??
    ((channel: string, error: unknown) => {
      // The channel and the error's own message only: never the payload, which may hold case details.
      console.error(`[escalation-desk] fault on ${channel}: ${error instanceof Error ? error.message : String(error)}`);
    });
  const sessions = new SessionRegistry(idleLockMinutes(store.reader), {
    ...(options.now ? { now: options.now } : {}),
    // An idle lock is on the access record like a lock by hand; a failure to write it is a fault, not a refusal of the check.
    onIdleLock: (session, at) => {
      try {
        whenWriterFree(
          store.writer,
          () => recordIdleLock(store.writer, session, at),
          (error) => onFault('idle lock', error),
        );
      } catch (error) {
        onFault('idle lock', error);
      }
    },
  });
  const changes = options.changes ?? new Changes();
  const legacyImports = new LegacyImportJobs();
  const seat = sessions.seat({ via: options.mode === 'desktop' ? 'desktop' : 'process', address: null });
  const { dispatch, dispatchAsync } = createDispatcher({
    store,
    env: {
      version: options.version,
      dataFolder: options.dataFolder,
      mode: options.mode,
      schemaVersion: store.schemaVersion,
      exports,
      deliverExport: options.deliverExport ?? downloadFromWebMode,
      sessions,
      recovery: options.recovery ?? null,
      legacyImports,
    },
    gate: options.actor ? trustedCaller(options.actor) : sessionGate(sessions),
    seat,
    changes,
    now: options.now ?? processClock(),
    onFault,
  });
  return {
    store,
    key: options.key,
    dispatch,
    dispatchAsync,
    ...typedCalls(dispatch, dispatchAsync),
    exports,
    sessions,
    changes,
    seat,
    close: () => {
      // Nobody stays signed in to a closed desk (after a restore, people sign in to the restored accounts).
      sessions.endAll(sessions.now());
      store.close();
    },
  };
}
