// The renderer's only door to the main process: one method per contract channel, built by the
// same createBridge the web mode uses. ipcRenderer itself is never exposed.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from '../../shared/bridge';
import type { Result } from '../../shared/result';

const bridge = createBridge((channel, input) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>);
contextBridge.exposeInMainWorld('desk', bridge);
