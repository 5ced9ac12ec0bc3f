// Item 20 of Electron's security checklist: the preload exposes no Electron API to the page. Run
// against a stand-in for the two Electron objects it touches (the binary cannot be installed here).
import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as Array<{ channel: string; input: unknown }>,
  listening: new Map<string, (event: unknown, payload: unknown) => void>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (channel: string, input: unknown) => (electron.invoked.push({ channel, input }), { ok: true, value: null }),
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) => electron.listening.set(channel, listener),
    send: () => {
      throw new Error('the preload must not send on IPC');
    },
  },
}));

await import('../../electron/preload/index');
const { channels } = await import('../../shared/contract');

describe('the preload', () => {
  it('exposes one frozen object of contract methods and nothing else', () => {
    expect([...electron.exposed.keys()]).toEqual(['desk', 'deskFeed']);
    const desk = electron.exposed.get('desk') as Record<string, unknown>;
    expect(Object.isFrozen(desk)).toBe(true);
    expect(Object.keys(desk).sort()).toEqual([...channels].sort());
    for (const method of Object.values(desk)) expect(typeof method).toBe('function');
    expect(desk).not.toHaveProperty('ipcRenderer');
    expect(desk).not.toHaveProperty('invoke');
  });

  it('sends each call only on its own channel, through invoke', async () => {
    const desk = electron.exposed.get('desk') as Record<string, (input: unknown) => Promise<unknown>>;
    const [first, last] = [channels[0]!, channels[channels.length - 1]!];
    await desk[first]!({ probe: 1 });
    await desk[last]!({ probe: 2 });
    expect(electron.invoked).toEqual([
      { channel: first, input: { probe: 1 } },
      { channel: last, input: { probe: 2 } },
    ]);
  });

  it('listens on the board feed alone, and hands the page the event’s fields, never the IPC event', () => {
    expect([...electron.listening.keys()]).toEqual(['board:feed']);
    const feed = electron.exposed.get('deskFeed') as Record<string, (listener: (event: unknown) => void) => void>;
    expect(Object.keys(feed)).toEqual(['listen']);
    const heard: unknown[] = [];
    feed.listen!((event) => heard.push(event));
    const ipcEvent = { sender: { send: () => undefined }, ports: [] };
    electron.listening.get('board:feed')!(ipcEvent, { kind: 'changed' });
    electron.listening.get('board:feed')!(ipcEvent, { kind: 'lost', since: '2026-11-23T10:00:00.000Z' });
    expect(heard).toEqual([{ kind: 'changed' }, { kind: 'lost', since: '2026-11-23T10:00:00.000Z' }]);
  });
});
