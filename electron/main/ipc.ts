// Registers every contract channel with Electron's IPC in one place. Each call is checked for
// where it came from (item 17 of Electron's security checklist) before the dispatcher parses it.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channels } from '../../shared/contract';
import { failure } from '../../shared/result';
import type { DispatchAsync } from '../desk/dispatch';

/** Is this URL one of the app's own pages? Used for IPC senders and for navigation alike. */
export function isTrustedUrl(url: string | undefined, trustedOrigins: readonly string[]): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    // Custom schemes give the opaque origin "null": compare scheme and host instead.
    const origin = parsed.origin === 'null' ? `${parsed.protocol}//${parsed.host}` : parsed.origin;
    return trustedOrigins.includes(origin);
  } catch {
    return false;
  }
}

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, trustedOrigins: readonly string[]): boolean {
  return isTrustedUrl(event.senderFrame?.url, trustedOrigins);
}

export function registerChannels(dispatch: DispatchAsync, trustedOrigins: readonly string[]): void {
  for (const channel of channels) {
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!isTrustedSender(event, trustedOrigins)) return failure('This window is not allowed to use the app’s records.');
      return dispatch(channel, input);
    });
  }
}
