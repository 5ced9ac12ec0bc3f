// The start-up and the stop that the local web mode (cli.ts) and the board server (serve.ts) share:
// one server, two bindings. Opens the desk (still answering when the records file is damaged, so
// the page can offer a backup), serves it, takes backups on the schedule, and on SIGTERM or SIGINT
// stops accepting, lets requests in flight (writes) finish, takes the on-quit backup and says so.
import { whenWriterFree } from '../db/writeHold';
import { join } from 'node:path';
import { openFrontDesk, type FrontDesk } from '../desk/frontDesk';
import { processClock } from '../desk/clock';
import { packageVersion, PROJECT_ROOT } from '../desk/packageVersion';
import { scheduleBackups } from '../desk/backupSchedule';
import { startWebServer, type HealthReport, type RequestLogLine, type WebServer } from './server';
import type { Binding } from './binding';
import { recordDownload } from '../services/access/record';
import type { RecordsKey } from '../db/cipher';

/** Requests of any kind per network address per minute: far above what a person's pages make, far below a flood. */
const REQUESTS_PER_MINUTE = 1200;

export interface FrontDoorOptions {
  dataFolder: string;
  /** The board's data key, unlocked before the door opens (cli/unlock.ts). */
  key: RecordsKey;
  binding: Binding;
  /** Where lines go (stdout; a test may collect them). */
  say?: (line: string) => void;
  /** Log each request (method, route pattern, status, time, address): the board server does, the local web mode does not. */
  logRequests?: boolean;
}

export interface RunningFrontDoor {
  desk: FrontDesk;
  server: WebServer;
  /** Stops as on SIGTERM; settles with the on-quit backup's file (null when the records were not open). */
  stop(): Promise<string | null>;
}

export function healthOf(desk: FrontDesk, version: string): HealthReport {
  const open = desk.desk;
  if (open) return { status: 'ok', schemaVersion: open.store.schemaVersion, version };
  return {
    status: 'damaged',
    reason: 'The records file failed its integrity check and is not open. A coordinator can restore a backup from the app.',
    version,
  };
}

export function describeRequest(line: RequestLogLine): string {
  return `${new Date().toISOString()} ${line.method} ${line.route} ${line.status} ${line.ms}ms ${line.address}`;
}

export async function openFrontDoor(options: FrontDoorOptions): Promise<RunningFrontDoor> {
  const say = options.say ?? ((line: string) => console.log(line));
  const version = packageVersion();
  const desk = openFrontDesk({ dataFolder: options.dataFolder, key: options.key, mode: 'web', version, now: processClock() });
  let server: WebServer;
  try {
    server = await startWebServer({
      dispatch: desk.dispatchAsync,
      sessions: () => desk.sessions,
      downloads: desk.exports,
      recordDownload: (session, address, fileName) => {
        const open = desk.desk;
        if (!open) throw new Error('The records are not open.');
        const at = open.sessions.now();
        whenWriterFree(open.store.writer, () => recordDownload(open.store.writer, session, address, fileName, at));
      },
      changes: desk.changes,
      rendererDir: join(PROJECT_ROOT, 'out', 'renderer'),
      binding: options.binding,
      requestLimit: { max: REQUESTS_PER_MINUTE, windowMs: 60_000 },
      health: () => healthOf(desk, version),
      ...(options.logRequests ? { log: (line: RequestLogLine) => say(describeRequest(line)) } : {}),
    });
  } catch (error) {
    desk.close();
    throw error;
  }
  const backups = scheduleBackups(desk);
  let stopping: Promise<string | null> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      backups.stop();
      say('Stopping: no new requests are taken; requests under way are finishing.');
      await server.close();
      let backup: string | null = null;
      try {
        backup = await desk.takeBackup('on-quit');
        say(backup ? `Backup taken on stopping: ${backup}` : 'No backup taken on stopping: the records file was not open.');
      } catch (error) {
        say(`The backup on stopping failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      desk.close();
      say(`Stopped. The records stay in ${options.dataFolder}.`);
      return backup;
    })());
  return { desk, server, stop };
}

/** SIGTERM (a service manager) and SIGINT (Ctrl+C) both stop gracefully, then the process ends with 0. */
export function stopOnSignals(door: RunningFrontDoor): void {
  const onSignal = () => {
    void door.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
