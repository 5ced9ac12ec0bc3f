// The renderer's view of the main process. In the desktop app the preload has put the bridge on
// window.desk; in the web mode the same bridge is built here over HTTP. Either way it is
// createBridge(contract), so the two cannot drift. Failures become ApiError for the screens.
import { createBridge, type Bridge } from '../../../shared/bridge';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract';
import type { AccessCode, Problem, Result } from '../../../shared/result';

declare global {
  interface Window {
    desk?: Bridge;
  }
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly problems: Problem[],
    readonly code?: AccessCode,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Fired when the main process says the session has ended or locked, so the sign-in screen shows. */
export const SESSION_ENDED_EVENT = 'desk:session-ended';

function webBridge(): Bridge {
  return createBridge(async (channel, input) => {
    try {
      const response = await fetch(`./api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      return (await response.json()) as Result<unknown>;
    } catch {
      return { ok: false, error: { message: 'The app’s local server did not answer. Is it still running?', problems: [] } };
    }
  });
}

const bridge: Bridge = window.desk ?? webBridge();

export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await bridge[channel](input);
  if (!result.ok) {
    const { code } = result.error;
    if (code === 'signed_out' || code === 'locked') window.dispatchEvent(new Event(SESSION_ENDED_EVENT));
    throw new ApiError(result.error.message, result.error.problems, code);
  }
  return result.value;
}
