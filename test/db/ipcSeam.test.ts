// The one seam in the main process: the IPC channels are registered once, with a dispatch chosen
// at start-up, which is the desk on this computer or the board server's client. Electron itself
// cannot run here, so ipcMain is a map; the desk, the client and the kept file are the real ones.
import { createServer } from 'node:net';
import { readdirSync, rmSync } from 'node:fs';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openConnectionHost } from '../../electron/client/connectionHost';
import { ok, openTestDesk, tempFolder, type TestDesk } from '../support/tempStore';

const ipcHandlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => ipcHandlers.set(channel, fn) },
}));
const { registerChannels } = await import('../../electron/main/ipc');

const APP = 'app://desk';
const fromApp = { senderFrame: { url: `${APP}/index.html` } };
const invoke = (channel: string, input: unknown = {}, event: unknown = fromApp) => ipcHandlers.get(channel)!(event, input);

const folders: string[] = [];
const desks: TestDesk[] = [];
afterAll(() => {
  for (const desk of desks) desk.cleanup();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});
beforeEach(() => ipcHandlers.clear());

/** A port on 127.0.0.2 that nothing listens on: a board server that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const FINGERPRINT = Array.from({ length: 32 }, (_, i) => (255 - i).toString(16).toUpperCase().padStart(2, '0')).join(':');

describe('the IPC channels, registered once over the chosen dispatch', () => {
  it('answers from the desk on this computer when that is the choice', async () => {
    const appData = tempFolder('desk-seam-');
    folders.push(appData);
    const desk = openTestDesk();
    desks.push(desk);
    ok(desk.call('agencies:create', { name: 'Hollyfield Primary School', sector: 'education', statutoryPartner: false }));
    const host = openConnectionHost({ appDataFolder: appData, fromFlags: null, openLocal: () => desk.dispatchAsync });
    registerChannels(host.dispatchAsync, [APP]);

    expect(await invoke('connection:get')).toEqual({ ok: true, value: { mode: 'unchosen', problem: null } });
    expect(await invoke('agencies:list')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Choose first/) } });
    expect(await invoke('connection:choose', { mode: 'local' })).toEqual({ ok: true, value: { mode: 'local' } });
    expect(await invoke('agencies:list')).toMatchObject({ ok: true, value: [{ name: 'Hollyfield Primary School' }] });
    // The sender check still comes first, whichever dispatch is behind it.
    expect(await invoke('agencies:list', {}, { senderFrame: { url: 'https://evil.example/' } })).toMatchObject({
      ok: false,
      error: { message: 'This window is not allowed to use the app’s records.' },
    });
  });

  it('forwards to the board server when that is the choice, and never opens records here, even when the server is down', async () => {
    const appData = tempFolder('desk-seam-');
    folders.push(appData);
    const port = await closedPort();
    let localOpened = false;
    const host = openConnectionHost({
      appDataFolder: appData,
      fromFlags: { mode: 'server', url: `https://127.0.0.2:${port}`, fingerprint: FINGERPRINT },
      openLocal: () => {
        localOpened = true;
        throw new Error('not to be opened');
      },
    });
    registerChannels(host.dispatchAsync, [APP]);

    const down = `The board server at https://127.0.0.2:${port} cannot be reached (connection refused: the server is not running, or not on that port). Nothing was saved on this computer; try again when the server is back.`;
    expect(await invoke('escalations:create', { reference: 'CS-1001' })).toEqual({
      ok: false,
      error: { message: down, problems: [], code: 'unreachable' },
    });
    expect(await invoke('connection:get')).toEqual({
      ok: true,
      value: { mode: 'server', url: `https://127.0.0.2:${port}`, fingerprint: FINGERPRINT, reachable: false, problem: down },
    });
    expect(localOpened).toBe(false);
    // Given by the flags for this run: nothing is written to the app-data folder.
    expect(readdirSync(appData)).toEqual([]);
  });
});
