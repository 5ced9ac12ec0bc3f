// The hostile-request fuzz and the attacks the local web mode withstands (fuzz.test.ts,
// webSessions.test.ts), this time against the board server as staff run it: `npm run serve` in its
// own process on 127.0.0.2 over TLS, attacked from other loopback addresses as a colleague's machine
// on the board's network would. Every answer is a refusal in plain words (never a stack, never a 500
// for the caller's mistake), the server stays up, and the records file is byte-for-byte as it was.
import fc from 'fast-check';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { connect as netConnect } from 'node:net';
import { checkServerIdentity, connect, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, contract } from '../../shared/contract';
import { DATABASE_FILE_NAME } from '../../electron/db/open';
import { dbFingerprint } from '../support/dbFingerprint';
import { boardRequest, StaffBrowser, type BoardAnswer, type BoardTarget } from '../support/boardClient';
import { isClearAnswer, isWellFormed, LEAKS, payloadFor, type Channel } from '../support/hostilePayloads';
import { tempFolder } from '../support/tempStore';
import { startServe, type RunningServe } from './boardServerProcess';

// Fewer than the in-process fuzz (100): each payload here is a real HTTPS request to another process.
const RUNS_PER_CHANNEL = Number(process.env.BOARD_FUZZ_RUNS ?? 25);
const PASSWORD = 'correct horse battery staple';

let data: string;
let server: RunningServe;
let target: BoardTarget;
let file: string;
let before: string;
/** Signed in as the coordinator (so payloads reach the channels' own checks), and strangers with no session. */
const staff: StaffBrowser[] = [];
const strangers: StaffBrowser[] = [];
let tried = 0;

beforeAll(async () => {
  data = tempFolder('desk-hostile-');
  server = await startServe(['--data', data, '--listen', '127.0.0.2:0']);
  target = { host: '127.0.0.2', port: server.port, origin: server.origin, ca: readFileSync(join(data, 'tls', 'server-cert.pem'), 'utf8') };
  file = join(data, DATABASE_FILE_NAME);
  const first = new StaffBrowser(target, '127.0.0.20');
  const made = await first.call('session:setUp', {
    userName: 'coordinator',
    displayName: 'Board Coordinator',
    password: PASSWORD,
    repeatPassword: PASSWORD,
  });
  expect(made.body.ok).toBe(true);
  expect((await first.call('agencies:create', { name: 'Bromley Police', sector: 'police', statutoryPartner: true })).body.ok).toBe(true);
  staff.push(first);
  // Several machines: the server's per-address request limit is for one person's pages, not for the fuzz.
  for (const at of ['127.0.0.21', '127.0.0.22', '127.0.0.23']) {
    const browser = new StaffBrowser(target, at);
    await browser.signIn('coordinator', PASSWORD);
    staff.push(browser);
  }
  for (const at of ['127.0.0.30', '127.0.0.31', '127.0.0.32']) strangers.push(new StaffBrowser(target, at));
  before = dbFingerprint(file);
}, 120_000);

afterAll(async () => {
  for (const browser of [...staff, ...strangers]) browser.close();
  await server?.stop();
  rmSync(data, { recursive: true, force: true });
  console.log(`board server fuzz: ${tried} hostile payloads over HTTPS to 127.0.0.2`);
});

/** A refusal a person can read: the status is the client's mistake (4xx), the words are words, nothing leaks. */
function expectPlainRefusal(answer: BoardAnswer, status: number | RegExp): void {
  if (typeof status === 'number') expect(answer.status).toBe(status);
  else expect(String(answer.status)).toMatch(status);
  expect(answer.body).not.toMatch(LEAKS);
  const words = answer.headers['content-type']?.toString().startsWith('application/json')
    ? (JSON.parse(answer.body) as { error: { message: string } }).error.message
    : answer.body;
  expect(words).toMatch(/[A-Za-z]{3,} [A-Za-z]{2,}|^Not found$/);
}

async function expectStillUp(): Promise<void> {
  const health = await boardRequest(target, '/health', { localAddress: '127.0.0.40' });
  expect(health.status).toBe(200);
  expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });
}

const callers = () => [...staff, ...strangers];

describe('the board server on 127.0.0.2, fuzzed with hostile payloads', () => {
  it('refuses every malformed payload to every channel, signed in or not, and writes nothing', async () => {
    let turn = 0;
    for (const channel of channels) {
      const write = contract[channel as Channel].kind !== 'read';
      await fc.assert(
        fc.asyncProperty(payloadFor(channel as Channel), async (payload) => {
          // A well-formed payload is a real request, not an attack: left out so "nothing written" stays a fair promise.
          fc.pre(!isWellFormed(channel as Channel, payload));
          tried += 1;
          const browser = callers()[turn++ % callers().length]!;
          const { status, body } = await browser.call(encodeURIComponent(channel), payload === undefined ? null : payload);
          expect(status).toBeLessThan(500);
          expect(isClearAnswer(body, write)).toBe(true);
          expect(JSON.stringify(body)).not.toMatch(LEAKS);
        }),
        { numRuns: RUNS_PER_CHANNEL, seed: 20261123 },
      );
    }
    expect(tried).toBeGreaterThan(channels.length * 5);
    await expectStillUp();
    expect(dbFingerprint(file)).toBe(before);
  }, 300_000);
});

describe('the attacks the local web mode withstands, against the board server on 127.0.0.2', () => {
  const api = (channel: string, body: string, headers: Record<string, string> = {}) =>
    boardRequest(target, `/api/${channel}`, {
      method: 'POST',
      headers: {
        origin: target.origin,
        'x-desk-csrf': staff[0]!.token,
        cookie: staff[0]!.cookieHeader,
        'content-type': 'application/json',
        ...headers,
      },
      body,
      localAddress: '127.0.0.50',
    });

  it('forged Host, foreign Origin, a missing CSRF header, unknown channels, wrong methods: refused in words', async () => {
    const forged = await boardRequest(target, '/', { headers: { host: `evil.example:${target.port}` }, localAddress: '127.0.0.50' });
    expectPlainRefusal(forged, 403);
    const forgedApi = await api('agencies:list', '{}', { host: `evil.example:${target.port}` });
    expectPlainRefusal(forgedApi, 403);
    expectPlainRefusal(await api('agencies:list', '{}', { origin: 'https://evil.example' }), 403);
    expectPlainRefusal(await api('agencies:list', '{}', { origin: `http://127.0.0.2:${target.port}` }), 403);
    const withoutHeader = await boardRequest(target, '/api/agencies:create', {
      method: 'POST',
      headers: { origin: target.origin, cookie: staff[0]!.cookieHeader, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Forged Agency', sector: 'police', statutoryPartner: true }),
      localAddress: '127.0.0.50',
    });
    expectPlainRefusal(withoutHeader, 403);
    expect(withoutHeader.body).toContain('did not come from the app’s page');
    for (const channel of ['nope:nothing', 'constructor', '__proto__', 'agencies:list%00', 'a'.repeat(2000)]) {
      const answer = await api(channel, '{}');
      expectPlainRefusal(answer, /^4\d\d$/);
    }
    expectPlainRefusal(await boardRequest(target, '/api/app:info', { localAddress: '127.0.0.50' }), 405);
    expectPlainRefusal(await boardRequest(target, '/', { method: 'DELETE', localAddress: '127.0.0.50' }), 405);
    await expectStillUp();
    expect(dbFingerprint(file)).toBe(before);
  }, 60_000);

  it('path traversal and broken percent-encoding: 404 and 400, never a file outside the app', async () => {
    for (const path of [
      '/..%2f..%2f..%2fetc%2fpasswd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/../../etc/passwd',
      '/assets/..%5c..%5cindex.html',
      '/a%00.js',
      '/tls/server-key.pem',
      '/../tls/server-key.pem',
      `/..%2f..%2f${encodeURIComponent(data)}%2f${DATABASE_FILE_NAME}`,
    ]) {
      const answer = await boardRequest(target, path, { localAddress: '127.0.0.50' });
      expect(answer.body).not.toMatch(/root:|PRIVATE KEY|SQLite format/);
      // An unknown path of the app's own is answered with the app (its routes are the page's), never a file from outside.
      if (answer.status !== 200) expectPlainRefusal(answer, 404);
    }
    for (const path of ['/%E0%A4%A', '/api/%E0%A4%A', '/download/%E0%A4%A']) {
      const answer = await boardRequest(target, path, { method: path.startsWith('/api/') ? 'POST' : 'GET', localAddress: '127.0.0.50' });
      expectPlainRefusal(answer, 400);
      expect(answer.body).toBe('That address is not valid (its percent-encoding is broken).');
    }
    await expectStillUp();
    expect(dbFingerprint(file)).toBe(before);
  }, 60_000);

  it('malformed and oversize bodies: 400 and 413 in words, before any channel runs', async () => {
    for (const body of ['{', '{"name": ', 'null null', '\u0000\u0001', '{"a":'.repeat(5000), 'x'.repeat(100_000)]) {
      const answer = await api('agencies:create', body);
      expectPlainRefusal(answer, 400);
      expect(JSON.parse(answer.body)).toEqual({
        ok: false,
        error: { message: 'The request body is not valid JSON (or is over 30 MB).', problems: [] },
      });
    }
    // Deeply nested but valid JSON: refused by the channel's shape, not by a crash.
    expectPlainRefusal(await api('agencies:create', '['.repeat(3000) + ']'.repeat(3000)), 422);
    // Over 30 MB: answered 413 as soon as the length is read; the server hangs up on the rest (so sent over a raw socket).
    for (const declared of [true, false]) {
      const { data: oversize } = await openTls('127.0.0.52', (socket) => {
        const length = 31_000_000;
        socket.write(
          [
            'POST /api/returns:import HTTP/1.1',
            `Host: 127.0.0.2:${target.port}`,
            `Origin: ${target.origin}`,
            `Cookie: ${staff[0]!.cookieHeader}`,
            `X-Desk-Csrf: ${staff[0]!.token}`,
            'Content-Type: application/json',
            declared ? `Content-Length: ${length}` : 'Transfer-Encoding: chunked',
            '',
            '',
          ].join('\r\n'),
        );
        const chunk = 'A'.repeat(declared ? 100_000 : 1_000_000);
        let sent = 0;
        let answered = false;
        socket.once('data', () => (answered = true));
        const more = (): void => {
          // Stops once the server has answered (the rest would only be reset), as a browser does.
          while (!socket.destroyed && sent < length && !answered) {
            sent += chunk.length;
            const piece = declared ? chunk : `${chunk.length.toString(16)}\r\n${chunk}\r\n`;
            if (!socket.write(piece)) return void socket.once('drain', () => setTimeout(more, 20));
          }
          if (!declared && !socket.destroyed && !answered) socket.write('0\r\n\r\n');
        };
        more();
        socket.on('error', () => undefined);
      });
      expect(oversize).toMatch(/^HTTP\/1\.1 413 /);
      expect(oversize).toContain('The request body is over 30 MB, so it was not read. Nothing was saved.');
      expect(oversize).not.toMatch(LEAKS);
    }
    await expectStillUp();
    expect(dbFingerprint(file)).toBe(before);
  }, 120_000);

  it('bytes that are not HTTP at all get a 400 and a closed connection', async () => {
    for (const junk of [
      '\u0016\u0003\u0001garbage\r\n\r\n',
      'GET / HTTP/9.9\r\n\r\n',
      'GET /health HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n',
    ]) {
      const { data: answer } = await openTls('127.0.0.51', (socket) => socket.write(junk));
      expect(answer).toMatch(/^HTTP\/1\.1 4\d\d /);
      expect(answer).not.toMatch(LEAKS);
    }
    await expectStillUp();
  }, 60_000);

  it('slow headers (slowloris): the server times them out, and answers others meanwhile', async () => {
    // Twenty connections each trickling a header line a second, never finishing; each must be closed by
    // the server (headers are due within 10 s), long before the 60 lines it would take to run out.
    const trickles = Array.from({ length: 20 }, (_, i) =>
      openTls(`127.0.0.${60 + i}`, (socket) => {
        socket.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.2:${target.port}\r\n`);
        let line = 0;
        const timer = setInterval(() => {
          if (socket.destroyed || line >= 60) return clearInterval(timer);
          socket.write(`X-Slow-${(line += 1)}: a\r\n`);
        }, 1000);
        socket.on('close', () => clearInterval(timer));
        return () => line;
      }),
    );
    // While they trickle, a colleague is answered.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await expectStillUp();
    for (const { data: answer, linesSent } of await Promise.all(trickles)) {
      expect(linesSent()).toBeLessThan(60);
      // Node answers a late request 408 before closing (or closes with nothing said).
      if (answer !== '') expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    }
    await expectStillUp();
    expect(dbFingerprint(file)).toBe(before);
  }, 120_000);
});

/** A TLS connection of our own to write raw bytes; settles with everything the server sent once it closes. */
function openTls<T>(localAddress: string, talk: (socket: TLSSocket) => T): Promise<{ data: string; linesSent: T }> {
  return new Promise((resolve, reject) => {
    let data = '';
    let linesSent: T;
    const socket = connect(
      {
        socket: netConnect({ host: '127.0.0.2', port: target.port, localAddress }),
        ca: target.ca,
        checkServerIdentity: (_name, cert) => checkServerIdentity('127.0.0.2', cert),
      },
      () => {
        linesSent = talk(socket);
      },
    );
    socket.setTimeout(90_000, () => {
      socket.destroy();
      reject(new Error('The server kept the connection open for 90 s.'));
    });
    socket.on('data', (chunk: Buffer) => (data += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ data, linesSent }));
  });
}
