// The renderer's only door to the main process: one method per contract channel, built by the
// same createBridge the web mode uses. ipcRenderer itself is never exposed.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from '../../shared/bridge';
import type { Result } from '../../shared/result';
import { BOARD_FEED_CHANNEL, type BoardFeedEvent } from '../../shared/domain/connection';

const bridge = createBridge((channel, input) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>);
contextBridge.exposeInMainWorld('desk', bridge);

// Connected to a board server: the main process passes on its change stream (electron/client/changeFeed.ts).
// One listener at a time, with the event's plain fields only; the IPC event itself never reaches the page.
let feedListener: ((event: BoardFeedEvent) => void) | null = null;
ipcRenderer.on(BOARD_FEED_CHANNEL, (_event, payload: BoardFeedEvent) => feedListener?.(payload));
contextBridge.exposeInMainWorld('deskFeed', {
  listen(listener: (event: BoardFeedEvent) => void): void {
    feedListener = listener;
  },
});
