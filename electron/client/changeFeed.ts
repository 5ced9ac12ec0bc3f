// The desktop window's live refresh when it is connected to the board server: the main process
// follows the server's change stream with the window's own session, as a page in a browser does
// (renderer/src/lib/liveChanges.ts), and passes on only "something changed" and "contact lost /
// back". It waits while nobody is signed in, tries again with back-off when the stream drops, and
// each time it opens tells the window to read everything again, since changes made before were not heard.
import type { BoardFeedEvent } from '../../shared/domain/connection';
import type { BoardClient } from './boardClient';

export interface FeedTiming {
  firstRetryMs: number;
  longestRetryMs: number;
  /** Nobody signed in: tried again when the session changes, or after this long. */
  signedOutRetryMs: number;
  /** The server says it is still there every 15 s: this long silent and the stream is taken as dead. */
  silenceMs: number;
}

export const FEED_TIMING: FeedTiming = { firstRetryMs: 1_000, longestRetryMs: 15_000, signedOutRetryMs: 30_000, silenceMs: 45_000 };

/** Follows the client's change stream, calling `send` with each event; returns the way to stop. */
export function followBoardChanges(
  client: BoardClient,
  send: (event: BoardFeedEvent) => void,
  timing: FeedTiming = FEED_TIMING,
): () => void {
  const controller = new AbortController();
  let wake: (() => void) | null = null;
  const stopWatching = client.onSessionChange(() => wake?.());

  /** Waits `ms`, or less if the session changes (signing in is worth trying at once) or the feed stops. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        controller.signal.removeEventListener('abort', done);
        resolve();
      }
      wake = done;
      controller.signal.addEventListener('abort', done, { once: true });
    });

  void (async () => {
    let retry = timing.firstRetryMs;
    let lost = false;
    while (!controller.signal.aborted) {
      const outcome = await client.streamChanges(
        {
          opened: () => {
            retry = timing.firstRetryMs;
            // Whatever changed while nobody was listening (before the first open too: between the
            // window reading its screens at sign-in and the stream opening): it reads everything again.
            send({ kind: 'changed' });
            if (lost) {
              lost = false;
              send({ kind: 'back', at: new Date().toISOString() });
            }
          },
          notice: () => send({ kind: 'changed' }),
        },
        { silenceMs: timing.silenceMs, signal: controller.signal },
      );
      if (controller.signal.aborted) break;
      if (outcome === 'refused') {
        await pause(timing.signedOutRetryMs);
      } else if (outcome === 'ended') {
        // The session ended or the server is stopping: the next try says which.
        await pause(timing.firstRetryMs);
      } else {
        if (!lost) {
          lost = true;
          send({ kind: 'lost', since: new Date().toISOString() });
        }
        await pause(retry);
        retry = Math.min(retry * 2, timing.longestRetryMs);
      }
    }
  })();

  return () => {
    stopWatching();
    controller.abort();
  };
}
