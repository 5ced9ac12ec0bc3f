// The board server (issue 15, items 1 and 6) as staff run it: `serve.ts` in its own process on
// 127.0.0.2 over real TLS, reached from other loopback addresses as a colleague's machine would.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { checkServerIdentity, connect } from 'node:tls';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../support/tempStore';
import { runServe, startServe, type RunningServe } from './boardServerProcess';

const folders: string[] = [];
const running: RunningServe[] = [];
const folder = () => {
  const made = tempFolder('desk-serve-');
  folders.push(made);
  return made;
};
afterAll(async () => {
  for (const server of running) await server.stop();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

const PASSWORD = 'correct horse battery staple';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTPS request with the server's own certificate pinned as the only authority. */
function viaTls(
  server: RunningServe,
  ca: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      {
        host: '127.0.0.2',
        port: server.port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.2:${server.port}`, ...options.headers },
        ca,
        // The certificate is checked for the address dialled, whatever Host the request then claims.
        checkServerIdentity: (_name, cert) => checkServerIdentity('127.0.0.2', cert),
        localAddress: options.localAddress ?? '127.0.0.5',
        agent: false,
      },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

function viaHttp(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; localAddress: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.2',
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        localAddress: options.localAddress,
        agent: false,
      },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

const api = (server: RunningServe, ca: string, channel: string, input: unknown, headers: Record<string, string> = {}) =>
  viaTls(server, ca, `/api/${channel}`, {
    method: 'POST',
    headers: { origin: server.origin, 'x-desk-csrf': 'none', 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });

describe('the board server over HTTPS with a self-signed certificate', () => {
  it('prints the fingerprint it serves, answers /health, keeps to its names, stops with a backup and logs no payloads', async () => {
    const data = folder();
    const server = await startServe(['--data', data, '--listen', '127.0.0.2:0', '--name', 'desk.board.local']);
    running.push(server);
    expect(server.origin).toBe(`https://127.0.0.2:${server.port}`);
    const ca = readFileSync(join(data, 'tls', 'server-cert.pem'), 'utf8');

    // The fingerprint staff are told to check is the one the server presents.
    const served = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.2', port: server.port, ca }, () => {
        resolve(socket.getPeerX509Certificate()!.fingerprint256);
        socket.end();
      });
      socket.on('error', reject);
    });
    expect(server.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(served).toBe(server.fingerprint);

    // Plain HTTP to the TLS port gets nothing: the connection is dropped.
    await expect(viaHttp(server.port, '/health', { localAddress: '127.0.0.5' })).rejects.toThrow();

    const health = await viaTls(server, ca, '/health?probe=1');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: 'ok', schemaVersion: expect.any(Number), version: expect.any(String) });
    expect(JSON.parse(health.body).schemaVersion).toBeGreaterThan(0);
    expect(health.headers['strict-transport-security']).toMatch(/max-age=31536000/);

    // No launch key: the sign-in screen's channels answer from another machine's address; the first account is made.
    const setUp = await api(server, ca, 'session:setUp', {
      userName: 'coordinator',
      displayName: 'Board Coordinator',
      password: PASSWORD,
      repeatPassword: PASSWORD,
    });
    expect(setUp.status).toBe(200);
    const cookie = ([] as string[]).concat(setUp.headers['set-cookie'] ?? []).find((c) => c.startsWith('__Host-desk_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    // …but nothing past it without a session.
    const agencies = await api(server, ca, 'agencies:list', {});
    expect(JSON.parse(agencies.body)).toMatchObject({ ok: false });

    // A forged Host (DNS rebinding) and a foreign page are refused on 127.0.0.2 as on 127.0.0.1.
    const forged = await viaTls(server, ca, '/', { headers: { host: `evil.example:${server.port}` } });
    expect(forged.status).toBe(403);
    const foreign = await api(server, ca, 'session:status', {}, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const named = await viaTls(server, ca, '/health', { headers: { host: `desk.board.local:${server.port}` } });
    expect(named.status).toBe(200);

    // SIGTERM: stop accepting, take the on-quit backup, say so, exit 0.
    expect(await server.stop()).toEqual({ code: 0, signal: null });
    const said = /Backup taken on stopping: (\S+)/.exec(server.stdout());
    expect(said).not.toBeNull();
    expect(said![1]).toContain('on-quit');
    expect(existsSync(said![1]!)).toBe(true);
    expect(server.stdout()).toContain('Stopped.');

    // The log names route patterns, never an address's query or a body.
    expect(server.stdout()).toMatch(/GET \/health 200 \d+ms 127\.0\.0\.5/);
    expect(server.stdout()).toMatch(/POST \/api\/:channel 200/);
    expect(server.stdout()).not.toContain('probe=1');
    expect(server.stdout()).not.toContain('Board Coordinator');
    expect(server.stdout()).not.toContain(PASSWORD);
  });
});

describe('the board server behind the council’s proxy', () => {
  it('answers plain HTTP from the proxy alone and believes X-Forwarded-For from it only', async () => {
    const data = folder();
    const server = await startServe([
      '--data',
      data,
      '--listen',
      '127.0.0.2:0',
      '--behind-proxy',
      '127.0.0.3',
      '--name',
      'desk.board.gov.uk',
    ]);
    running.push(server);
    expect(server.origin).toBe('https://desk.board.gov.uk');
    const forwarded = {
      'x-forwarded-for': '10.20.30.40',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'desk.board.gov.uk',
      host: `127.0.0.2:${server.port}`,
    };

    // From the proxy: answered, and the person's own address is the one logged.
    const fromProxy = await viaHttp(server.port, '/health', { localAddress: '127.0.0.3', headers: forwarded });
    expect(fromProxy.status).toBe(200);
    // The cookie stays Secure (browsers speak HTTPS to the proxy).
    const setUp = await viaHttp(server.port, '/api/session:setUp', {
      localAddress: '127.0.0.3',
      method: 'POST',
      headers: { ...forwarded, origin: 'https://desk.board.gov.uk', 'x-desk-csrf': 'none', 'content-type': 'application/json' },
      body: JSON.stringify({ userName: 'coordinator', displayName: 'Board Coordinator', password: PASSWORD, repeatPassword: PASSWORD }),
    });
    expect(setUp.status).toBe(200);
    expect(([] as string[]).concat(setUp.headers['set-cookie'] ?? []).join('\n')).toMatch(/__Host-desk_session=[^;]+;.*Secure/);
    // A forwarded name that is not the board's is refused, as a forged Host is.
    const forgedName = await viaHttp(server.port, '/', {
      localAddress: '127.0.0.3',
      headers: { ...forwarded, 'x-forwarded-host': 'evil.example' },
    });
    expect(forgedName.status).toBe(403);

    // From any other machine, with the same forged headers: refused, and the header is not believed.
    const bypass = await viaHttp(server.port, '/health', { localAddress: '127.0.0.4', headers: forwarded });
    expect(bypass.status).toBe(403);
    expect(bypass.body).toContain('only through the board’s proxy');

    expect(await server.stop()).toEqual({ code: 0, signal: null });
    expect(server.stdout()).toMatch(/GET \/health 200 \d+ms 10\.20\.30\.40/);
    expect(server.stdout()).toMatch(/GET \/health 403 \d+ms 127\.0\.0\.4/);
    expect(server.stdout()).not.toMatch(/GET \/health 403 \d+ms 10\.20\.30\.40/);
  });
});

describe('the board server’s flags', () => {
  // The last: a flag naming a file that is not there (plain words, no usage text needed).
  const refusals: [string[], RegExp][] = [
    [['--listen', '127.0.0.2:0'], /--data: the data folder is needed/],
    [['--data', 'DATA', '--listen', 'desk.board.local:8443'], /--listen: give an address and a port/],
    [['--data', 'DATA', '--listen', '127.0.0.2:99999'], /--listen: the port must be 0 to 65535/],
    [['--data', 'DATA', '--listen', '127.0.0.2:0', '--tls-cert', 'cert.pem'], /--tls-key: --tls-cert and --tls-key go together/],
    [['--data', 'DATA', '--listen', '127.0.0.2:0', '--behind-proxy', 'proxy.council'], /--behind-proxy: give the proxy’s IP address/],
    [['--data', 'DATA', '--listen', '127.0.0.2:0', '--port', '80'], /--port is not an option of this command/],
    [
      ['--data', 'DATA', '--listen', '127.0.0.2:0', '--tls-cert', 'missing-cert.pem', '--tls-key', 'missing-key.pem'],
      /--tls-cert: cannot read the certificate/,
    ],
  ];
  it.each(refusals)('refuses %j in plain words with exit code 2', async (args, words) => {
    const data = folder();
    const run = runServe(args.map((a) => (a === 'DATA' ? data : a.endsWith('.pem') ? join(data, a) : a)));
    const { code } = await run.exited;
    expect(code).toBe(2);
    expect(run.stderr()).toMatch(words);
    if (!args.includes('--tls-key')) expect(run.stderr()).toContain('Usage: npm run serve');
  });
});
