// The web mode's people, not its launch key (issue 13, item 2): a browser is simulated with a
// cookie jar as Chromium keeps one, and another program on this machine is given what the browser
// would send it (cookies for 127.0.0.1 go to every port). Only a signed-in person's session, with
// the token the page keeps for it, opens anything beyond the sign-in screen.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import selfsigned from 'selfsigned';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { openFrontDesk, type FrontDesk } from '../../electron/desk/frontDesk';
import { DATABASE_FILE_NAME } from '../../electron/db/open';
import { dbFingerprint } from '../support/dbFingerprint';
import { ok, openTestDesk, tempFolder, type TestDesk } from '../support/tempStore';
import { TEST_PASSWORD, WebBrowser as Browser } from '../support/webBrowser';
import { TEST_KEY } from '../support/testKey';

const PASSWORD = TEST_PASSWORD;
const now = () => new Date('2026-11-23T10:00:00Z');

/** Another program on this machine: it gets the cookies the browser sends to any 127.0.0.1 port, never the page's storage. */
async function otherProgram(server: WebServer, cookies: string, channel: string, input: unknown, csrf?: string) {
  const response = await fetch(`http://127.0.0.1:${server.port}/api/${channel}`, {
    method: 'POST',
    headers: { cookie: cookies, 'content-type': 'application/json', ...(csrf !== undefined ? { 'x-desk-csrf': csrf } : {}) },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as { ok: boolean; error?: { message: string } } };
}

let desk: TestDesk | undefined;
let server: WebServer | undefined;
afterEach(async () => {
  await server?.close();
  desk?.cleanup();
  server = undefined;
  desk = undefined;
});

/** A board whose first coordinator and a colleague exist (made in-process), and the web mode over it, as people sign in to it. */
async function board(options: { signInLimit?: { max: number; windowMs: number } } = {}): Promise<{ desk: TestDesk; server: WebServer }> {
  desk = openTestDesk({ signIn: true, now });
  ok(desk.call('session:setUp', { userName: 'jcoord', displayName: 'Jo Coordinator', password: PASSWORD, repeatPassword: PASSWORD }));
  ok(desk.call('users:create', { userName: 'sam', displayName: 'Sam Coordinator', role: 'coordinator', password: PASSWORD }));
  ok(desk.call('users:create', { userName: 'chair', displayName: 'Pat Chair', role: 'chair', password: PASSWORD }));
  ok(desk.call('session:signOut', {}));
  const d = desk;
  server = await startWebServer({
    dispatch: d.dispatchAsync,
    sessions: () => d.sessions,
    rendererDir: tempFolder(),
    ...(options.signInLimit ? { signInLimit: options.signInLimit } : {}),
  });
  return { desk: d, server };
}

const newCoordinator = { userName: 'intruder', displayName: 'Not A Colleague', role: 'coordinator', password: 'a pass phrase of my own' };

describe('the launch key is not a master key', () => {
  it('another local program holding the browser’s cookies cannot list escalations or make a coordinator account', async () => {
    const { desk, server } = await board();
    const browser = new Browser(server);
    expect(await browser.open()).toBe(303);
    await browser.signIn('jcoord');
    // What the browser sends to any server on 127.0.0.1: the launch key's cookie and the session's cookie.
    expect([...browser.cookies.keys()].sort()).toEqual(['desk_session', 'desk_token']);
    const before = dbFingerprint(desk.store.file);

    // The key alone, as a cookie or a header.
    const keyOnly = `desk_token=${server.token}`;
    for (const [channel, input] of [
      ['escalations:list', {}],
      ['users:create', newCoordinator],
      ['users:list', {}],
    ] as const) {
      const answer = await otherProgram(server, keyOnly, channel, input, 'none');
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ ok: false, error: { message: 'Not signed in: sign in to continue.' } });
    }
    // The browser's whole cookie jar: without the page's header, refused outright; with a made-up token, not signed in.
    const refusedOutright = await otherProgram(server, browser.cookieHeader, 'users:create', newCoordinator);
    expect(refusedOutright.status).toBe(403);
    expect(refusedOutright.body.error!.message).toContain('did not come from the app’s page');
    for (const guess of ['none', 'x'.repeat(43), server.token]) {
      const answer = await otherProgram(server, browser.cookieHeader, 'users:create', newCoordinator, guess);
      expect(answer.body).toMatchObject({ ok: false, error: { message: 'Not signed in: sign in to continue.' } });
      expect((await otherProgram(server, browser.cookieHeader, 'escalations:list', {}, guess)).body.ok).toBe(false);
    }
    expect(dbFingerprint(desk.store.file)).toBe(before);
    expect(desk.store.reader.prepare("SELECT count(*) AS n FROM app_user WHERE user_name = 'intruder'").get()).toEqual({ n: 0 });

    // The person in the browser is still signed in and can do what the program could not.
    expect((await browser.call('escalations:list', {})).body.ok).toBe(true);
  });

  it('the key alone opens the sign-in screen’s channels, and nothing else', async () => {
    const { server } = await board();
    const stranger = new Browser(server);
    expect(await stranger.open()).toBe(303);
    expect((await stranger.call('app:info')).body.ok).toBe(true);
    expect((await stranger.call('session:status')).body).toEqual({ ok: true, value: { state: 'signed_out' } });
    for (const channel of ['desk:health', 'agencies:list', 'settings:get', 'backups:list', 'session:lock', 'session:touch']) {
      expect((await stranger.call(channel)).body).toMatchObject({ ok: false, error: { code: 'signed_out' } });
    }
  });

  it('a session cookie and token taken after sign-out open nothing', async () => {
    const { server } = await board();
    const browser = new Browser(server);
    expect(await browser.open()).toBe(303);
    await browser.signIn('jcoord');
    const stolen = { cookies: browser.cookieHeader, token: browser.token };
    expect((await otherProgram(server, stolen.cookies, 'users:list', {}, stolen.token)).body.ok).toBe(true);
    expect((await browser.call('session:signOut')).body).toEqual({ ok: true, value: { state: 'signed_out' } });
    expect(browser.cookies.has('desk_session')).toBe(false);
    expect(browser.token).toBe('none');
    const replayed = await otherProgram(server, stolen.cookies, 'users:create', newCoordinator, stolen.token);
    expect(replayed.body).toMatchObject({ ok: false, error: { message: 'Not signed in: sign in to continue.' } });
    expect((await otherProgram(server, stolen.cookies, 'session:status', {}, stolen.token)).body).toEqual({
      ok: true,
      value: { state: 'signed_out' },
    });
  });

  it('rotates the session id at every sign-in, and the old one stops working', async () => {
    const { server } = await board();
    const browser = new Browser(server);
    expect(await browser.open()).toBe(303);
    await browser.signIn('jcoord');
    const first = { id: browser.cookies.get('desk_session')!, token: browser.token };
    expect(first.id).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    ok((await browser.call('session:lock')).body);
    await browser.signIn('jcoord'); // unlocking is signing in again
    const second = { id: browser.cookies.get('desk_session')!, token: browser.token };
    expect(second.id).not.toBe(first.id);
    expect(second.token).not.toBe(first.token);
    expect(
      (await otherProgram(server, `desk_token=${server.token}; desk_session=${first.id}`, 'users:list', {}, first.token)).body.ok,
    ).toBe(false);
    expect((await browser.call('users:list')).body.ok).toBe(true);
  });

  it('two people in two browsers are two sessions: each named in the audit trail, and one signing out leaves the other signed in', async () => {
    const { desk, server } = await board();
    const jo = new Browser(server);
    const sam = new Browser(server);
    expect(await jo.open()).toBe(303);
    expect(await sam.open()).toBe(303);
    await jo.signIn('jcoord');
    await sam.signIn('sam');
    expect((await jo.call('session:status')).body).toMatchObject({ value: { state: 'signed_in', user: { userName: 'jcoord' } } });
    expect((await sam.call('session:status')).body).toMatchObject({ value: { state: 'signed_in', user: { userName: 'sam' } } });
    expect((await jo.call('agencies:create', { name: 'Bromley Police', sector: 'police', statutoryPartner: true })).body.ok).toBe(true);
    expect((await sam.call('agencies:create', { name: 'Sirona Care and Health', sector: 'health', statutoryPartner: true })).body.ok).toBe(
      true,
    );
    const actors = desk.store.reader.prepare("SELECT actor FROM audit_entry WHERE action = 'agency.create' ORDER BY id").all();
    expect(actors).toEqual([{ actor: 'Jo Coordinator (jcoord)' }, { actor: 'Sam Coordinator (sam)' }]);
    expect(
      desk.sessions
        .list(now())
        .filter((s) => s.via === 'web')
        .map((s) => s.user.userName)
        .sort(),
    ).toEqual(['jcoord', 'sam']);

    ok((await jo.call('session:signOut')).body);
    expect((await jo.call('agencies:list')).body).toMatchObject({ ok: false, error: { code: 'signed_out' } });
    expect((await sam.call('agencies:list')).body.ok).toBe(true);
    expect((await sam.call('session:status')).body).toMatchObject({ value: { state: 'signed_in', user: { userName: 'sam' } } });
  });

  it('a disabled account is signed out everywhere; a changed role applies at once; a changed password ends the other sessions', async () => {
    const { server } = await board();
    const jo = new Browser(server);
    const pat = new Browser(server);
    const patElsewhere = new Browser(server);
    for (const b of [jo, pat, patElsewhere]) expect(await b.open()).toBe(303);
    await jo.signIn('jcoord');
    await pat.signIn('chair');
    await patElsewhere.signIn('chair');
    const users = ok((await jo.call('users:list')).body) as { users: { id: number; userName: string }[] };
    const patId = users.users.find((u) => u.userName === 'chair')!.id;

    ok(
      (
        await pat.call('session:changePassword', {
          currentPassword: PASSWORD,
          newPassword: 'a brand new pass phrase',
          repeatPassword: 'a brand new pass phrase',
        })
      ).body,
    );
    expect((await pat.call('agencies:list')).body.ok).toBe(true);
    expect((await patElsewhere.call('agencies:list')).body).toMatchObject({ ok: false, error: { code: 'signed_out' } });

    ok((await jo.call('users:update', { userId: patId, displayName: 'Pat Chair', role: 'read_only', disabled: false })).body);
    expect((await pat.call('session:status')).body).toMatchObject({ value: { user: { role: 'read_only' } } });
    ok((await jo.call('users:update', { userId: patId, displayName: 'Pat Chair', role: 'read_only', disabled: true })).body);
    expect((await pat.call('agencies:list')).body).toMatchObject({ ok: false, error: { code: 'signed_out' } });
    expect((await jo.call('agencies:list')).body.ok).toBe(true);
  });
});

describe('the web server’s own protections', () => {
  it('limits sign-in attempts per address, in words, and nothing else', async () => {
    const { server } = await board({ signInLimit: { max: 3, windowMs: 60_000 } });
    const browser = new Browser(server);
    expect(await browser.open()).toBe(303);
    for (let i = 0; i < 3; i += 1)
      expect((await browser.call('session:signIn', { userName: 'jcoord', password: 'not it at all' })).status).toBe(200);
    const limited = await browser.call('session:signIn', { userName: 'jcoord', password: PASSWORD });
    // The wait is the rest of the window in the rate limiter's words: "1 minute" when the tries
    // came within the same second, "59 seconds" a moment later.
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(/^Too many sign-in attempts from this address\. Wait (\d+ seconds?|1 minute), then try again\.$/),
      },
    });
    expect(
      (await browser.call('session:setUp', { userName: 'x', displayName: 'X Person', password: PASSWORD, repeatPassword: PASSWORD }))
        .status,
    ).toBe(429);
    expect((await browser.call('session:status')).status).toBe(200);
  });

  it('refuses a body over 30 MB in words, before reading it into a channel', async () => {
    const { desk, server } = await board();
    const before = dbFingerprint(desk.store.file);
    const response = await fetch(`http://127.0.0.1:${server.port}/api/returns:import`, {
      method: 'POST',
      headers: { 'x-desk-token': server.token, 'x-desk-csrf': 'none', 'content-type': 'application/json' },
      body: JSON.stringify({ fileName: 'big.xlsx', base64: 'A'.repeat(30_000_000) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      ok: false,
      error: { message: 'The request body is over 30 MB, so it was not read. Nothing was saved.', problems: [] },
    });
    expect(dbFingerprint(desk.store.file)).toBe(before);
  });

  it('answers malformed percent-encoding with 400, not 500', async () => {
    const { server } = await board();
    for (const path of ['/%E0%A4%A', '/api/%E0%A4%A', '/download/%E0%A4%A']) {
      const response = await fetch(`http://127.0.0.1:${server.port}${path}`, {
        method: path.startsWith('/api/') ? 'POST' : 'GET',
        headers: { 'x-desk-token': server.token, 'x-desk-csrf': 'none' },
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toBe('That address is not valid (its percent-encoding is broken).');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves the app’s files, the app for its own routes, and nothing outside its folder', async () => {
    desk = openTestDesk({ signIn: true, now });
    const rendererDir = tempFolder();
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Escalation Desk</title>');
    mkdirSync(join(rendererDir, 'assets'));
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    const d = desk;
    server = await startWebServer({ dispatch: d.dispatchAsync, sessions: () => d.sessions, rendererDir });
    const get = (path: string, headers: Record<string, string> = { 'x-desk-token': server!.token }) =>
      fetch(`http://127.0.0.1:${server!.port}${path}`, { headers });
    // Sent as written: fetch would tidy dot segments away before they reached the server.
    const raw = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port: server!.port, path, headers: { 'x-desk-token': server!.token } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    const script = await get('/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.headers.get('cache-control')).toBe('no-store');
    const route = await get('/escalations/42');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Escalation Desk</title>');
    for (const path of [
      '/..%2f..%2f..%2fetc%2fpasswd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/../../etc/passwd',
      '/assets/..%5c..%5cindex.html',
      '/a%00.js',
    ]) {
      expect(await raw(path), path).toBe(404);
    }
    expect((await get('/assets/app.js', {})).status).toBe(403);
    expect((await fetch(`http://127.0.0.1:${server.port}/`, { method: 'DELETE', headers: { 'x-desk-token': server.token } })).status).toBe(
      405,
    );
    expect((await fetch(`http://127.0.0.1:${server.port}/api/app:info`, { headers: { 'x-desk-token': server.token } })).status).toBe(405);
  });

  it('can be bound with TLS: the cookies are then Secure and __Host- prefixed, with HSTS', async () => {
    desk = openTestDesk({ signIn: true, now });
    ok(desk.call('session:setUp', { userName: 'jcoord', displayName: 'Jo Coordinator', password: PASSWORD, repeatPassword: PASSWORD }));
    const pems = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keySize: 2048,
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    } as never);
    const d = desk;
    server = await startWebServer({
      dispatch: d.dispatchAsync,
      sessions: () => d.sessions,
      rendererDir: tempFolder(),
      binding: { host: '127.0.0.1', tls: { cert: pems.cert, key: pems.private } },
    });
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/\?token=/);
    const post = (path: string, body: string, headers: Record<string, string>) =>
      new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
        const req = httpsRequest(
          {
            host: '127.0.0.1',
            port: server!.port,
            path,
            method: 'POST',
            ca: pems.cert,
            headers: { host: `127.0.0.1:${server!.port}`, ...headers },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    const signedIn = await post('/api/session:signIn', JSON.stringify({ userName: 'jcoord', password: PASSWORD }), {
      cookie: `__Host-desk_token=${server.token}`,
      'x-desk-csrf': 'none',
    });
    expect(signedIn.status).toBe(200);
    const cookie = (signedIn.headers['set-cookie'] as string[]).find((c) => c.startsWith('__Host-desk_session='))!;
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(signedIn.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    // The plain-HTTP key cookie's name means nothing here.
    expect((await post('/api/app:info', '{}', { cookie: `desk_token=${server.token}`, 'x-desk-csrf': 'none' })).status).toBe(403);
  });
});

describe('the web server over the desk the web mode holds', () => {
  let host: FrontDesk | undefined;
  let data: string | undefined;
  afterEach(() => {
    host?.close();
    if (data) rmSync(data, { recursive: true, force: true });
    host = undefined;
    data = undefined;
  });
  const open = async (folder: string) => {
    host = openFrontDesk({ key: TEST_KEY, dataFolder: folder, mode: 'web', version: '0.0.0-test', now });
    const h = host;
    server = await startWebServer({
      dispatch: h.dispatchAsync,
      sessions: () => h.sessions,
      downloads: h.exports,
      rendererDir: tempFolder(),
    });
    return { h, server };
  };

  it('a restore ends every session: people sign in again, to the restored accounts', async () => {
    data = tempFolder();
    const { h, server } = await open(data);
    ok(h.desk!.call('session:setUp', { userName: 'jcoord', displayName: 'Jo Coordinator', password: PASSWORD, repeatPassword: PASSWORD }));
    const jo = new Browser(server);
    expect(await jo.open()).toBe(303);
    await jo.signIn('jcoord');
    const backup = ok((await jo.call('backups:create')).body) as { name: string };
    const restored = await jo.call('backups:restore', { name: backup.name, confirmed: true });
    expect(restored.body).toMatchObject({ ok: true, value: { by: 'Jo Coordinator (jcoord)' } });
    expect(jo.cookies.has('desk_session')).toBe(false);
    expect((await jo.call('agencies:list')).body).toMatchObject({ ok: false, error: { code: 'signed_out' } });
    await jo.signIn('jcoord');
    expect((await jo.call('agencies:list')).body.ok).toBe(true);
  });

  it('while the records file is damaged, the key alone still opens the recovery screen', async () => {
    data = tempFolder();
    const first = openFrontDesk({
      key: TEST_KEY,
      dataFolder: data,
      mode: 'web',
      version: '0.0.0-test',
      now,
      actor: () => 'test coordinator',
    });
    for (let i = 1; i <= 300; i += 1)
      ok(first.desk!.call('agencies:create', { name: `Agency number ${i} of the partnership`, sector: 'police', statutoryPartner: false }));
    await first.takeBackup('manual');
    first.close();
    const fd = openSync(join(data, DATABASE_FILE_NAME), 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xff), 0, 4096, 8192);
    closeSync(fd);
    const { h, server } = await open(data);
    expect(h.desk).toBeNull();
    const visitor = new Browser(server);
    expect(await visitor.open()).toBe(303);
    expect((await visitor.call('desk:health')).body).toMatchObject({ ok: true, value: { records: 'damaged' } });
    expect((await visitor.call('backups:list')).body).toMatchObject({ ok: true, value: { backups: [{ reason: 'manual' }] } });
    expect((await visitor.call('agencies:list')).body).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/failed its integrity check and is not open/) },
    });
  });
});
