// The renderer's view of the main process. In the desktop app the preload has put the bridge on
// window.desk (createBridge(contract)); in the web mode each call is posted to the channel's own
// address, which the server checks against the same contract. Failures become ApiError for the screens.
import type { Bridge } from '../../../shared/bridge';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract';
import type { FailureCode, Problem, Result } from '../../../shared/result';

declare global {
  interface Window {
    desk?: Bridge;
  }
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly problems: Problem[],
    readonly code?: FailureCode,
    /** With a 'stale' refusal: the record's version now, for the form's next save. */
    readonly currentVersion?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Fired when the main process says the session has ended or locked, so the sign-in screen shows. */
export const SESSION_ENDED_EVENT = 'desk:session-ended';
/** Fired when the desktop app, connected to the board's server, cannot reach it: the window says so (detail: the words). */
export const SERVER_UNREACHABLE_EVENT = 'desk:server-unreachable';
/** Fired when a call reached the board's server again, so the window can take the warning down. */
export const SERVER_REACHED_EVENT = 'desk:server-reached';

// The web mode's session: the server holds it behind an HttpOnly cookie, and hands the page a
// token for it at sign-in, which the page sends back on every call. The browser also sends the
// cookie to any other server on this machine it visits; the token stays here, in storage that
// only this origin (this address and port) can read, so a cookie taken elsewhere opens nothing.
export const CSRF_HEADER = 'x-desk-csrf';
const TOKEN_KEY = 'desk-session-token';
const NO_SESSION = 'none';

/** Fired when the page's session token changes (signed in, or out): the live-changes stream reconnects as the new session. */
export const SESSION_TOKEN_EVENT = 'desk:session-token';

export function storedToken(): string {
  try {
    return window.localStorage.getItem(TOKEN_KEY) ?? NO_SESSION;
  } catch {
    return NO_SESSION;
  }
}

/** Whether the page holds a session token at all: without one the server refuses anything but the open channels. */
export function holdsSessionToken(): boolean {
  return storedToken() !== NO_SESSION;
}

function keepToken(token: string | null): void {
  if (token === null) return;
  const changed = token !== storedToken();
  try {
    if (token === NO_SESSION) window.localStorage.removeItem(TOKEN_KEY);
    else window.localStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage refused (a locked-down profile): the person signs in again on the next call.
  }
  if (changed) window.dispatchEvent(new Event(SESSION_TOKEN_EVENT));
}

// The web transport takes the channel's name as it is: building a Bridge object here would need the
// contract's list of channels, and with it every zod schema, in the first screen's script.
async function viaWeb(channel: Channel, input: unknown): Promise<Result<unknown>> {
  try {
    const response = await fetch(`./api/${encodeURIComponent(channel)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', [CSRF_HEADER]: storedToken() },
      body: JSON.stringify(input ?? {}),
    });
    keepToken(response.headers.get(CSRF_HEADER));
    return (await response.json()) as Result<unknown>;
  } catch {
    return { ok: false, error: { message: 'The app’s local server did not answer. Is it still running?', problems: [] } };
  }
}

const transport = (channel: Channel, input: unknown): Promise<Result<unknown>> =>
  window.desk ? window.desk[channel](input as never) : viaWeb(channel, input);

export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = (await transport(channel, input)) as Result<ChannelOutput<C>>;
  if (result.ok || result.error.code !== 'unreachable') window.dispatchEvent(new Event(SERVER_REACHED_EVENT));
  if (!result.ok) {
    const { code } = result.error;
    if (code === 'signed_out' || code === 'locked') window.dispatchEvent(new Event(SESSION_ENDED_EVENT));
    if (code === 'unreachable') window.dispatchEvent(new CustomEvent(SERVER_UNREACHABLE_EVENT, { detail: result.error.message }));
    throw new ApiError(result.error.message, result.error.problems, code, result.error.currentVersion);
  }
  return result.value;
}
