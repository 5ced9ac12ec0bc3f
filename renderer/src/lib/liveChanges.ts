// Other people's changes, as the server tells of them: one stream per page (GET ./api/events), read
// with fetch so that it carries the session's token in the same header as every call (a browser's
// EventSource cannot send headers). Each notice says only that something changed; the screens
// re-read their own channels (useChannel). When the stream drops the page tries again with back-off,
// says plainly that contact is lost and when it is back, and re-reads everything once it is.
//
// In the desktop app the main process follows the server's stream when the window is connected to
// a board server, and passes the same two things on through window.deskFeed (electron/client/
// changeFeed.ts); with the records on this computer nothing comes, as the desktop has one user.
import { useEffect, useState } from 'react';
import type { BoardFeedEvent } from '../../../shared/domain/connection';
import { CSRF_HEADER, SESSION_TOKEN_EVENT, holdsSessionToken, storedToken } from './api';

declare global {
  interface Window {
    /** The desktop app's preload: the board server's change stream, as the main process follows it. */
    deskFeed?: { listen(listener: (event: BoardFeedEvent) => void): void };
  }
}

export type Contact = { state: 'in_contact' } | { state: 'lost'; since: Date } | { state: 'back'; at: Date };

const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 15_000;
/** Not signed in: the stream is tried again when the session changes, or after this long. */
const SIGNED_OUT_RETRY_MS = 30_000;
/** The server says it is still there every 15 s: three silences in a row and the stream is taken as dead. */
const SILENCE_MS = 45_000;
/** How long "back in contact" stays on screen. */
const BACK_SHOWN_MS = 10_000;

const changeListeners = new Set<() => void>();
const contactListeners = new Set<(contact: Contact) => void>();
let contact: Contact = { state: 'in_contact' };
let following = false;

/** Tells every screen that the records changed (the stream calls this; so may another front door's feed). */
export function announceChange(): void {
  for (const listener of [...changeListeners]) listener();
}

function setContact(next: Contact): void {
  contact = next;
  for (const listener of [...contactListeners]) listener(next);
}

/** Calls `listener` when someone else changes the records; returns the way to stop. Starts the stream on first use. */
export function onChange(listener: () => void): () => void {
  changeListeners.add(listener);
  follow();
  return () => {
    changeListeners.delete(listener);
  };
}

/** Changes often come in bursts (an import, a save that settles several records): one call for the burst. */
const SETTLE_MS = 250;

/** As onChange, but called once a burst of changes has settled (what a screen re-reading its records wants). */
export function onSettledChange(listener: () => void): () => void {
  let timer = 0;
  const stop = onChange(() => {
    window.clearTimeout(timer);
    timer = window.setTimeout(listener, SETTLE_MS);
  });
  return () => {
    window.clearTimeout(timer);
    stop();
  };
}

/** Whether the page is in contact with the server (always, in the desktop app). */
export function useContact(): Contact {
  const [current, setCurrent] = useState(contact);
  useEffect(() => {
    contactListeners.add(setCurrent);
    follow();
    return () => {
      contactListeners.delete(setCurrent);
    };
  }, []);
  return current;
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    // A new session (signing in) is worth trying at once.
    const wake = () => {
      window.clearTimeout(timer);
      window.removeEventListener(SESSION_TOKEN_EVENT, wake);
      resolve();
    };
    const timer = window.setTimeout(wake, ms);
    window.addEventListener(SESSION_TOKEN_EVENT, wake);
  });

type Outcome = 'refused' | 'ended' | 'unreachable';

/** One connection: resolves when it ends, saying how. `opened` is called once the server has accepted it. */
async function readStream(opened: () => void): Promise<Outcome> {
  const controller = new AbortController();
  let silence = 0;
  const heard = () => {
    window.clearTimeout(silence);
    silence = window.setTimeout(() => controller.abort(), SILENCE_MS);
  };
  try {
    const response = await fetch('./api/events', {
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { [CSRF_HEADER]: storedToken() },
      signal: controller.signal,
    });
    if (response.status === 401 || response.status === 403) return 'refused';
    if (!response.ok || !response.body) return 'unreachable';
    opened();
    heard();
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return 'ended';
      heard();
      buffered += decoder.decode(value, { stream: true });
      const blocks = buffered.split('\n\n');
      buffered = blocks.pop()!;
      if (blocks.some((block) => block.split('\n').some((line) => line.startsWith('data:')))) announceChange();
    }
  } catch {
    return 'unreachable';
  } finally {
    window.clearTimeout(silence);
  }
}

/** Contact is back: said for a while, then the notice goes. */
function contactBack(): void {
  const back: Contact = { state: 'back', at: new Date() };
  setContact(back);
  window.setTimeout(() => contact === back && setContact({ state: 'in_contact' }), BACK_SHOWN_MS);
}

function follow(): void {
  if (following) return;
  if (window.desk) {
    following = true;
    window.deskFeed?.listen((event) => {
      if (event.kind === 'changed') announceChange();
      else if (event.kind === 'lost') setContact({ state: 'lost', since: new Date(event.since) });
      else contactBack();
    });
    return;
  }
  following = true;
  void (async () => {
    let retry = FIRST_RETRY_MS;
    let connectedBefore = false;
    for (;;) {
      // Signed out: the stream would only be refused (a failed request in the console on every
      // sign-in screen). Wait for a session; signing in wakes the wait at once.
      if (!holdsSessionToken()) {
        await sleep(SIGNED_OUT_RETRY_MS);
        continue;
      }
      const outcome = await readStream(() => {
        retry = FIRST_RETRY_MS;
        // Whatever changed while the page was not listening: every screen reads again.
        if (connectedBefore) announceChange();
        connectedBefore = true;
        if (contact.state === 'lost') contactBack();
      });
      if (outcome === 'refused') {
        // Not signed in (or locked): nothing to lose contact with. Wait for a session.
        await sleep(SIGNED_OUT_RETRY_MS);
      } else if (outcome === 'ended') {
        // The session ended, or the server is stopping: the next try says which.
        await sleep(FIRST_RETRY_MS);
      } else {
        if (contact.state !== 'lost') setContact({ state: 'lost', since: new Date() });
        await sleep(retry);
        retry = Math.min(retry * 2, LONGEST_RETRY_MS);
      }
    }
  })();
}
