// The one seam between the window and the records: a dispatch chosen at start-up (and at the
// first-start question), which is either the desk on this computer or the board server's client.
// The two connection channels are answered here and never forwarded; every other channel goes to
// whichever is chosen, and before anything is chosen, nothing is answered but the question.
import { contract } from '../../shared/contract';
import type { BoardFeedEvent, ConnectionChoice, ConnectionView } from '../../shared/domain/connection';
import { problemsFromZod } from '../../shared/problems';
import { failure, type Result } from '../../shared/result';
import { createBoardClient, type BoardClient, type ClientDispatch } from './boardClient';
import { followBoardChanges } from './changeFeed';
import { ConnectionFileError, readConnectionChoice, writeConnectionChoice } from './connection';

export interface ConnectionHostOptions {
  appDataFolder: string;
  /** The server given with --board-server and --fingerprint for this run (it wins over the kept file). */
  fromFlags: ConnectionChoice | null;
  /** Opens the records on this computer (the desk, its backups): called once, when "local" is chosen. */
  openLocal: () => ClientDispatch;
  /** Where a workbook the server hands over is saved (the main process asks the person). */
  chooseSavePath?: (fileName: string) => Promise<string | null>;
  /** Tests dial from another loopback address. */
  localAddress?: string;
}

export interface ConnectionHost {
  dispatchAsync: ClientDispatch;
  /** What has been chosen (null: the window is asking). */
  current(): ConnectionChoice | null;
  /** Connected to a server: its change stream, passed on for the window's live refresh (changeFeed.ts). */
  onBoardFeed(send: (event: BoardFeedEvent) => void): () => void;
}

type Chosen =
  { choice: { mode: 'local' }; dispatch: ClientDispatch } | { choice: ConnectionChoice & { mode: 'server' }; client: BoardClient };

export function openConnectionHost(options: ConnectionHostOptions): ConnectionHost {
  let unreadable: string | null = null;
  let local: ClientDispatch | null = null;
  let chosen: Chosen | null = null;

  const connectTo = (choice: ConnectionChoice): Chosen => {
    if (choice.mode === 'server') {
      const client = createBoardClient({ ...choice, chooseSavePath: options.chooseSavePath, localAddress: options.localAddress });
      return { choice, client };
    }
    local ??= options.openLocal();
    return { choice, dispatch: local };
  };

  let feedTo: ((event: BoardFeedEvent) => void) | null = null;
  let stopFeed = () => {};
  /** Follows the chosen server's changes (nothing to follow for the records on this computer). */
  const refollow = () => {
    stopFeed();
    stopFeed = () => {};
    if (feedTo && chosen && 'client' in chosen) stopFeed = followBoardChanges(chosen.client, feedTo);
  };

  let initial: ConnectionChoice | null = options.fromFlags;
  if (!initial) {
    try {
      initial = readConnectionChoice(options.appDataFolder);
    } catch (error) {
      if (!(error instanceof ConnectionFileError)) throw error;
      unreadable = error.message;
    }
  }
  if (initial) chosen = connectTo(initial);

  const view = async (): Promise<ConnectionView> => {
    if (!chosen) return { mode: 'unchosen', problem: unreadable };
    if (!('client' in chosen)) return { mode: 'local' };
    const probe = await chosen.client.probe();
    return {
      mode: 'server',
      url: chosen.client.url,
      fingerprint: chosen.client.fingerprint,
      reachable: probe.reachable,
      problem: probe.reachable ? null : probe.problem,
    };
  };

  const choose = async (rawInput: unknown): Promise<Result<unknown>> => {
    const parsed = contract['connection:choose'].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const problems = problemsFromZod(parsed.error);
      return failure(
        `Nothing was kept: ${problems.length === 1 ? 'one detail needs' : `${problems.length} details need`} correcting.`,
        problems,
      );
    }
    let next: Chosen;
    try {
      next = connectTo(parsed.data);
    } catch (error) {
      return failure(`The records on this computer could not be opened: ${error instanceof Error ? error.message : String(error)}`);
    }
    if ('client' in next) {
      // The server is tried before the choice is kept: a wrong address or fingerprint is said now, not at the next start.
      const probe = await next.client.probe();
      if (!probe.reachable) return failure(`Nothing was kept. ${probe.problem}`);
    }
    writeConnectionChoice(options.appDataFolder, next.choice);
    chosen = next;
    unreadable = null;
    refollow();
    return { ok: true, value: contract['connection:get'].output.parse(await view()) };
  };

  const dispatchAsync: ClientDispatch = async (channel, input) => {
    if (channel === 'connection:get') return { ok: true, value: contract['connection:get'].output.parse(await view()) };
    if (channel === 'connection:choose') return choose(input);
    if (!chosen) return failure('Choose first where the board’s records are: on this computer, or on the board’s server.');
    return 'client' in chosen ? chosen.client.dispatchAsync(channel, input) : chosen.dispatch(channel, input);
  };

  const onBoardFeed: ConnectionHost['onBoardFeed'] = (send) => {
    feedTo = send;
    refollow();
    return () => {
      feedTo = null;
      refollow();
    };
  };

  return { dispatchAsync, current: () => chosen?.choice ?? null, onBoardFeed };
}
