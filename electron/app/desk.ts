// Assembles the product from its parts for any front door (desktop window, web mode, command
// line): open the store in the data folder and build the one dispatcher over it.
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { DATABASE_FILE_NAME, openStore } from '../db/open';
import type { Store } from '../db/types';
import { createDispatcher, type Dispatch } from '../ipc/dispatch';

export interface Desk {
  store: Store;
  dispatch: Dispatch;
  close(): void;
}

export interface DeskOptions {
  dataFolder: string;
  mode: 'desktop' | 'web';
  version: string;
  now?: () => Date;
  actor?: () => string;
  onFault?: (channel: string, error: unknown) => void;
}

function operatingSystemUser(): string {
  try {
    return userInfo().username || 'unknown user';
  } catch {
    return 'unknown user';
  }
}

export function openDesk(options: DeskOptions): Desk {
  const store = openStore(join(options.dataFolder, DATABASE_FILE_NAME));
  const dispatch = createDispatcher({
    store,
    env: { version: options.version, dataFolder: options.dataFolder, mode: options.mode, schemaVersion: store.schemaVersion },
    actor: options.actor ?? operatingSystemUser,
    ...(options.now ? { now: options.now } : {}),
    onFault:
      options.onFault ??
      ((channel, error) => {
        // The channel and the error's own message only: never the payload, which may hold case details.
        console.error(`[escalation-desk] fault on ${channel}: ${error instanceof Error ? error.message : String(error)}`);
      }),
  });
  return { store, dispatch, close: () => store.close() };
}
