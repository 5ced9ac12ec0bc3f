// The boundary: every channel, over the dispatcher, the Electron IPC registration and the web
// mode, answers malformed input with a clear error and leaves the database file untouched.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channels } from '../../shared/contract';
import { CONTENT_SECURITY_POLICY } from '../../shared/securityPolicy';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { dbFingerprint } from '../support/dbFingerprint';
import { MALFORMED } from '../support/malformed';
import { ok, openTestDesk, tempFolder, type TestDesk } from '../support/tempStore';
import { onLatest } from '../support/latest';

// The one thing that cannot exist here is Electron itself: stand in for ipcMain with a map.
const ipcHandlers = new Map<string, (event: unknown, input: unknown) => unknown>();
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, fn: (event: unknown, input: unknown) => unknown) => ipcHandlers.set(channel, fn) },
}));
const { registerChannels } = await import('../../electron/main/ipc');

const APP = 'app://desk';
const fromApp = { senderFrame: { url: `${APP}/index.html` } };

let desk: TestDesk;
let server: WebServer;
beforeAll(async () => {
  desk = openTestDesk();
  const agency = ok(desk.call('agencies:create', { name: 'Existing Agency', sector: 'health', statutoryPartner: true }));
  ok(onLatest(desk, 'memberships:add', { agencyId: agency.id, from: '2025-01-01' }));
  registerChannels(desk.dispatchAsync, [APP]);
  server = await startWebServer({
    dispatch: desk.dispatchAsync,
    sessions: () => desk.sessions,
    rendererDir: tempFolder(),
    // Every malformed payload is sent to the sign-in channels too: the per-address limit has its own test (webSessions.test.ts).
    signInLimit: { max: 100_000, windowMs: 60_000 },
  });
});
afterAll(async () => {
  await server.close();
  desk.cleanup();
});

const post = (channel: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${server.port}/api/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'x-desk-token': server.token, 'x-desk-csrf': 'none', 'content-type': 'application/json', ...headers },
    body,
  });

function expectClearRefusal(result: unknown) {
  expect(result).toMatchObject({ ok: false });
  const message = (result as { error: { message: string } }).error.message;
  expect(message.length).toBeGreaterThan(10);
  expect(message).not.toMatch(/ZodError|undefined|\[object Object\]|SQLITE/);
}

describe.each(channels)('channel %s', (channel) => {
  it('refuses every malformed payload through the dispatcher, the IPC registration and the web mode, changing nothing', async () => {
    const before = dbFingerprint(desk.store.file);
    for (const payload of MALFORMED) {
      expectClearRefusal(await desk.dispatchAsync(channel, payload));
      expectClearRefusal(await ipcHandlers.get(channel)!(fromApp, payload));
      const response = await post(channel, JSON.stringify(payload));
      expect(response.status).toBe(422);
      expectClearRefusal(await response.json());
    }
    expect(dbFingerprint(desk.store.file)).toBe(before);
  });

  it('is registered with IPC and refuses a sender that is not the app’s own page', async () => {
    expect(ipcHandlers.has(channel)).toBe(true);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', '']) {
      const result = await ipcHandlers.get(channel)!({ senderFrame: { url } }, {});
      expect(result).toMatchObject({ ok: false, error: { message: 'This window is not allowed to use the app’s records.' } });
    }
  });
});

describe('dispatcher', () => {
  it('names the field at fault in plain words', () => {
    const result = desk.dispatch('agencies:create', { name: '', sector: 'police', statutoryPartner: true });
    expect(result).toEqual({
      ok: false,
      error: {
        message: 'Nothing was saved: one detail needs correcting.',
        problems: [{ where: 'Name', message: 'Enter the agency name (at least 2 characters)' }],
      },
    });
  });
  it('refuses a channel that does not exist', () => {
    expect(desk.dispatch('agencies:drop', {})).toEqual({
      ok: false,
      error: { message: 'There is no channel called "agencies:drop".', problems: [] },
    });
  });
});

describe('web mode', () => {
  it('refuses requests without the launch token, with a wrong token, from another origin or with a forged Host', async () => {
    const listBody = '{}';
    expect((await post('agencies:list', listBody)).status).toBe(200);
    const noToken = await fetch(`http://127.0.0.1:${server.port}/api/agencies:list`, { method: 'POST', body: listBody });
    expect(noToken.status).toBe(403);
    expect((await post('agencies:list', listBody, { 'x-desk-token': 'guess' })).status).toBe(403);
    expect((await post('agencies:list', listBody, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post('agencies:list', listBody, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const forged = await new Promise<number>((resolve) => {
      import('node:http').then(({ request }) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: server.port,
            path: '/api/agencies:list',
            method: 'POST',
            headers: { host: `rebind.example:${server.port}`, 'x-desk-token': server.token },
          },
          (res) => resolve(res.statusCode ?? 0),
        );
        req.end(listBody);
      });
    });
    expect(forged).toBe(403);
  });

  it('turns the token in the address into an HttpOnly same-site cookie and serves the page with it', async () => {
    const first = await fetch(`http://127.0.0.1:${server.port}/?token=${server.token}`, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const api = await fetch(`http://127.0.0.1:${server.port}/api/agencies:list`, {
      method: 'POST',
      body: '{}',
      headers: { cookie: cookie.split(';')[0]!, 'x-desk-csrf': 'none' },
    });
    expect(api.status).toBe(200);
  });

  it('sends the one Content-Security-Policy with every answer', async () => {
    const response = await post('agencies:list', '{}');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('answers a body that is not JSON with a clear error', async () => {
    const response = await post('agencies:create', '{not json');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      ok: false,
      error: { message: 'The request body is not valid JSON (or is over 30 MB).' },
    });
  });
});
