// The board server's client against servers that misbehave: what a proxy in between, a wrong
// program on the port or a stalled server would send. A real TLS server on 127.0.0.2 with a
// self-signed certificate, as the board server makes its own.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoardClient } from '../../electron/client/boardClient';
import { selfSignedCertificate } from '../../electron/web/certificate';
import { tempFolder } from '../support/tempStore';

const folder = tempFolder('desk-client-edges-');
let server: Server;
let origin = '';
let fingerprint = '';
const seen: string[] = [];

beforeAll(async () => {
  const certificate = await selfSignedCertificate(folder, ['127.0.0.2'], new Date('2026-11-23T10:00:00Z'));
  fingerprint = certificate.fingerprint256;
  server = createServer({ cert: certificate.cert, key: certificate.key }, (request, response) => {
    // The channel's colon arrives percent-encoded, as the page sends it.
    const url = decodeURIComponent(request.url ?? '');
    seen.push(`${request.method} ${url} ${String(request.headers['x-desk-csrf'])}`);
    if (url === '/api/app:info') {
      response.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>Bad gateway</body></html>');
    } else if (url === '/api/settings:get') {
      // The right envelope, but not what the contract says settings look like.
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, value: { boardName: 42 } }));
    } else if (url === '/api/session:status') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ answer: 'something else' }));
    }
    // Anything else: the server says nothing at all (a stalled server).
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  origin = `https://127.0.0.2:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(folder, { recursive: true, force: true });
});

describe('the board server’s client, when what answers is not the board server', () => {
  const client = () => createBoardClient({ url: origin, fingerprint, timeoutMs: 2000, localAddress: '127.0.0.5' });

  it('accepts the self-signed certificate it was told to pin, and sends the page’s header with no session yet', async () => {
    await client().dispatchAsync('app:info', {});
    expect(seen.at(-1)).toBe('POST /api/app:info none');
  });

  it('shows nothing of a body that is not the app’s answer, and says what came', async () => {
    const answer = await client().dispatchAsync('app:info', {});
    expect(answer).toEqual({
      ok: false,
      error: {
        message: `The server at ${origin} answered with something that is not the app’s answer (HTTP 502, text/html), so nothing from it is shown. If a proxy sits in between, check that it passes the app’s requests through to the board server.`,
        problems: [],
      },
    });
    expect(await client().dispatchAsync('session:status', {})).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/in a form this version of the app does not know \(HTTP 200\)/) },
    });
  });

  it('checks an answer against the contract’s output, as the local dispatcher does', async () => {
    expect(await client().dispatchAsync('settings:get', {})).toEqual({
      ok: false,
      error: {
        message: 'The board server sent an answer this app could not check, so it was not shown. Please report this.',
        problems: [],
      },
    });
  });

  it('gives up on a server that stops answering, and says a change may or may not have been saved', async () => {
    const read = await client().dispatchAsync('agencies:list', {});
    expect(read).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    if (read.ok) throw new Error('expected a refusal');
    expect(read.error.message).toBe(
      `The board server at ${origin} cannot be reached (no answer within 2 seconds). Nothing was saved on this computer; try again when the server is back.`,
    );
    const write = await client().dispatchAsync('agencies:create', {
      name: 'Sirona Care and Health',
      sector: 'health',
      statutoryPartner: true,
    });
    expect(write).toMatchObject({
      ok: false,
      error: { code: 'unreachable', message: expect.stringMatching(/may or may not have been saved on the server/) },
    });
  });

  it('refuses a name that is not a channel without sending it', async () => {
    const before = seen.length;
    expect(await client().dispatchAsync('records:dumpAll', {})).toEqual({
      ok: false,
      error: { message: 'There is no channel called "records:dumpAll".', problems: [] },
    });
    expect(seen.length).toBe(before);
  });
});
