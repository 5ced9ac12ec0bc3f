// The access record through the web server (issue 15, items 2 and 4): each entry carries the
// address the request came from, not the server's, and a download is recorded too. The server is
// bound to 127.0.0.2 over TLS and reached from other loopback addresses, as colleagues' machines.
import { request as httpsRequest } from 'node:https';
import { checkServerIdentity } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { selfSignedCertificate } from '../../electron/web/certificate';
import { recordDownload } from '../../electron/services/access/record';
import type { Result } from '../../shared/result';
import { logEscalation, seedBoard } from '../support/boardFixture';
import { ok, openTestDesk, tempFolder, type TestDesk } from '../support/tempStore';

const PASSWORD = 'correct horse battery staple';
const now = () => new Date('2026-11-23T10:00:00Z');

let desk: TestDesk | undefined;
let server: WebServer | undefined;
afterEach(async () => {
  await server?.close();
  desk?.cleanup();
  server = undefined;
  desk = undefined;
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A colleague's browser on another machine (another loopback address): its cookie jar and the page's token. */
class Colleague {
  private cookie = '';
  token = 'none';
  constructor(
    private readonly port: number,
    private readonly ca: string,
    readonly address: string,
  ) {}

  request(path: string, method: string, body?: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const request = httpsRequest(
        {
          host: '127.0.0.2',
          port: this.port,
          path,
          method,
          headers: {
            host: `127.0.0.2:${this.port}`,
            origin: `https://127.0.0.2:${this.port}`,
            'x-desk-csrf': this.token,
            'content-type': 'application/json',
            ...(this.cookie ? { cookie: this.cookie } : {}),
          },
          ca: this.ca,
          checkServerIdentity: (_name, cert) => checkServerIdentity('127.0.0.2', cert),
          localAddress: this.address,
          agent: false,
        },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
          response.on('end', () => {
            for (const line of response.headers['set-cookie'] ?? []) {
              const pair = line.split(';')[0]!;
              this.cookie = /Expires=Thu, 01 Jan 1970/i.test(line) || pair.endsWith('=') ? '' : pair;
            }
            const token = response.headers['x-desk-csrf'];
            if (typeof token === 'string') this.token = token;
            resolve({ status: response.statusCode!, headers: response.headers, body: text });
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  async call<T = unknown>(channel: string, input: unknown = {}): Promise<Result<T>> {
    return JSON.parse((await this.request(`/api/${channel}`, 'POST', JSON.stringify(input))).body) as Result<T>;
  }
}

async function boardServer(): Promise<{ desk: TestDesk; at: (address: string) => Colleague }> {
  const d = (desk = openTestDesk({ signIn: true, now }));
  ok(d.call('session:setUp', { userName: 'jcoord', displayName: 'Jo Coordinator', password: PASSWORD, repeatPassword: PASSWORD }));
  ok(d.call('users:create', { userName: 'sam', displayName: 'Sam Coordinator', role: 'coordinator', password: PASSWORD }));
  logEscalation(d, seedBoard(d, 'bromley'));
  const certificate = await selfSignedCertificate(tempFolder(), ['127.0.0.2'], now());
  server = await startWebServer({
    dispatch: d.dispatchAsync,
    sessions: () => d.sessions,
    downloads: d.exports,
    recordDownload: (session, address, fileName) => recordDownload(d.store.writer, session, address, fileName, now()),
    rendererDir: tempFolder(),
    binding: { host: '127.0.0.2', tls: { cert: certificate.cert, key: certificate.key }, launchKey: false },
  });
  const port = server.port;
  return { desk: d, at: (address) => new Colleague(port, certificate.cert, address) };
}

const search = (d: TestDesk, input: { person?: string; kind?: 'sign_in_refused' } = {}) => ok(d.call('access:search', input)).entries;

describe('the access record over the network', () => {
  it('records the address each request came from: sign-in, a refused sign-in, a case opened, a write, a download', async () => {
    const { desk: d, at } = await boardServer();
    const jo = at('127.0.0.7');
    expect(await jo.call('session:signIn', { userName: 'jcoord', password: PASSWORD })).toMatchObject({
      ok: true,
      value: { signedIn: true },
    });
    expect((await jo.call('escalations:get', { escalationId: 1 })).ok).toBe(true);
    expect((await jo.call('agencies:create', { name: 'Bromley Police', sector: 'police', statutoryPartner: true })).ok).toBe(true);

    const guesser = at('127.0.0.9');
    expect(await guesser.call('session:signIn', { userName: 'jcoord', password: 'a guess at it' })).toMatchObject({
      ok: true,
      value: { signedIn: false },
    });

    // An export, handed over as a download: the download is on the record with its address.
    const started = await jo.call<{ jobId: string }>('exports:boardReturn', { quarter: '2026-Q3' });
    const jobId = ok(started).jobId;
    for (let i = 0; i < 400 && ok(d.call('exports:status', { jobId })).state === 'running'; i += 1)
      await new Promise((r) => setTimeout(r, 25));
    expect(await jo.call('exports:deliver', { jobId })).toMatchObject({ ok: true, value: { how: 'download' } });
    const download = await jo.request(`/download/${jobId}`, 'GET');
    expect(download.status).toBe(200);

    // A search for the person finds the tries made on their name too (from another address).
    const byName = search(d, { person: 'jcoord' });
    expect(byName.filter((e) => e.kind === 'sign_in_refused').map((e) => e.address)).toEqual(['127.0.0.9']);
    const joEntries = byName.filter((e) => e.displayName === 'Jo Coordinator' && e.via === 'web');
    expect(joEntries.map((e) => [e.kind, e.channel, e.address]).reverse()).toEqual([
      ['signed_in', 'session:signIn', '127.0.0.7'],
      ['case_opened', 'escalations:get', '127.0.0.7'],
      ['write', 'agencies:create', '127.0.0.7'],
      ['export_started', 'exports:boardReturn', '127.0.0.7'],
      ['export_delivered', 'exports:deliver', '127.0.0.7'],
      ['export_downloaded', 'download', '127.0.0.7'],
    ]);
    expect(joEntries[0]!.record).toBe('board-return-2026-Q3.xlsx');
    expect(search(d, { kind: 'sign_in_refused' })).toMatchObject([
      { displayName: '(no account)', userName: 'jcoord', address: '127.0.0.9', via: 'web' },
    ]);
  });

  it('the coordinator sees who is signed in from where, and ending a session sends that browser back to the sign-in screen', async () => {
    const { desk: d, at } = await boardServer();
    const jo = at('127.0.0.7');
    const sam = at('127.0.0.8');
    ok(await jo.call('session:signIn', { userName: 'jcoord', password: PASSWORD }));
    ok(await sam.call('session:signIn', { userName: 'sam', password: PASSWORD }));
    const list = ok(await jo.call<{ ref: number; userName: string; address: string; yours: boolean }[]>('sessions:list'));
    const samRow = list.find((s) => s.userName === 'sam' && s.address === '127.0.0.8')!;
    expect(samRow).toMatchObject({ yours: false });
    expect(list.find((s) => s.yours)).toMatchObject({ userName: 'jcoord', address: '127.0.0.7' });

    ok(await jo.call('sessions:end', { sessionRef: samRow.ref }));
    expect(await sam.call('agencies:list')).toMatchObject({ ok: false, error: { code: 'signed_out' } });
    expect(await sam.call('session:status')).toEqual({ ok: true, value: { state: 'signed_out' } });
    expect(search(d)[0]).toMatchObject({ kind: 'session_ended', address: '127.0.0.7', record: `session ${samRow.ref} of sam` });
  });
});
