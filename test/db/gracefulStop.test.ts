// The board server's graceful stop (issue 15, item 6), as a service manager stops it: SIGTERM to
// `serve.ts` in its own process on 127.0.0.2 over TLS. A write is held open by its own client (the
// body half sent) when the signal comes: the stop waits for it, its answer arrives and the record
// is in the file; anything new meanwhile is refused in plain words; then the backup, then exit 0.
import { request as httpsRequest } from 'node:https';
import { checkServerIdentity } from 'node:tls';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../electron/db/open';
import { tempFolder } from '../support/tempStore';
import { startServe, type RunningServe } from './boardServerProcess';
import { openTestDb } from '../support/testKey';

const PASSWORD = 'correct horse battery staple';
const folders: string[] = [];
const running: RunningServe[] = [];
afterAll(async () => {
  for (const server of running) await server.stop();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A POST to a channel whose body is sent when the test says: `send` gives the rest, `answer` settles with the reply. */
function heldCall(server: RunningServe, ca: string, channel: string, body: string, headers: Record<string, string>) {
  const request = httpsRequest({
    host: '127.0.0.2',
    port: server.port,
    path: `/api/${channel}`,
    method: 'POST',
    headers: {
      host: `127.0.0.2:${server.port}`,
      origin: server.origin,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      ...headers,
    },
    ca,
    checkServerIdentity: (_name, cert) => checkServerIdentity('127.0.0.2', cert),
    agent: false,
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    request.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: text }));
    });
    request.on('error', reject);
  });
  const connected = new Promise<void>((resolve) => request.on('socket', (socket) => socket.once('secureConnect', () => resolve())));
  const half = Math.floor(body.length / 2);
  request.write(body.slice(0, half));
  return { answer, connected, send: () => request.end(body.slice(half)) };
}

const call = (server: RunningServe, ca: string, channel: string, input: unknown, headers: Record<string, string> = {}) => {
  const held = heldCall(server, ca, channel, JSON.stringify(input), { 'x-desk-csrf': 'none', ...headers });
  held.send();
  return held.answer;
};

const until = async (check: () => boolean, what: string) => {
  for (let waited = 0; !check(); waited += 50) {
    if (waited > 30_000) throw new Error(`${what} did not happen`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('stopping the board server with SIGTERM', () => {
  it('lets a write under way answer and commit, refuses new requests in words meanwhile, then backs up and exits 0', async () => {
    const data = tempFolder('desk-stop-');
    folders.push(data);
    const server = await startServe(['--data', data, '--listen', '127.0.0.2:0']);
    running.push(server);
    const ca = readFileSync(join(data, 'tls', 'server-cert.pem'), 'utf8');

    const setUp = await call(server, ca, 'session:setUp', {
      userName: 'coordinator',
      displayName: 'Board Coordinator',
      password: PASSWORD,
      repeatPassword: PASSWORD,
    });
    expect(setUp.status).toBe(200);
    const session = ([] as string[]).concat(setUp.headers['set-cookie'] ?? []).find((c) => c.startsWith('__Host-desk_session='))!;
    const signedIn = { cookie: session.split(';')[0]!, 'x-desk-csrf': String(setUp.headers['x-desk-csrf']) };

    // The write is under way: its headers are in, half its body has come, the rest is still on its way.
    const write = heldCall(
      server,
      ca,
      'agencies:create',
      JSON.stringify({ name: 'Avon and Somerset Police', sector: 'police', statutoryPartner: true }),
      signedIn,
    );
    // The server has the request: its headers went as soon as its connection was up, before a read on
    // a new connection (which needs a handshake of its own) could be answered.
    await write.connected;
    expect((await call(server, ca, 'agencies:list', {}, signedIn)).status).toBe(200);

    server.child.kill('SIGTERM');
    await until(() => server.stdout().includes('Stopping:'), 'The stop');

    // Meanwhile: a new request is refused, and says why.
    const late = await call(server, ca, 'agencies:list', {}, signedIn);
    expect(late.status).toBe(503);
    expect(JSON.parse(late.body)).toMatchObject({ ok: false, error: { message: expect.stringContaining('The server is stopping') } });
    expect(server.child.exitCode).toBeNull();

    // The rest of the body arrives: the write is answered, then the server finishes stopping.
    write.send();
    const answer = await write.answer;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true, value: { name: 'Avon and Somerset Police' } });
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.stdout()).toMatch(/Backup taken on stopping: \S+on-quit/);
    expect(server.stdout()).toContain('Stopped.');

    const db = openTestDb(join(data, DATABASE_FILE_NAME), { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) AS n FROM agency WHERE name = 'Avon and Somerset Police'").get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });
});
