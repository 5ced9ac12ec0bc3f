// One HTTPS exchange with the board server, over a connection whose certificate is checked
// against the SHA-256 fingerprint this computer was given, before a single byte of the request is
// written. The check is the fingerprint alone: a self-signed certificate is accepted when it is
// the one pinned, and any other certificate is refused, even one a public authority signed (that
// is what pinning means: a certificate made for someone else's interception proxy is still refused).
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import { connect, type TLSSocket } from 'node:tls';
import type { Writable } from 'node:stream';

/** The server presented another certificate than the one pinned: nothing was sent. */
export class PinMismatchError extends Error {
  constructor(
    readonly presented: string,
    readonly pinned: string,
  ) {
    super('certificate fingerprint mismatch');
  }
}

/** The connection failed or went quiet; `sent` says whether the request had been written. */
export class TransportError extends Error {
  constructor(
    readonly reason: string,
    readonly sent: boolean,
  ) {
    super(reason);
  }
}

export interface Exchange {
  origin: string;
  fingerprint: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** With no activity on the connection for this long, it is given up. */
  idleTimeoutMs: number;
  /** Where a download's body goes (otherwise it is read as text). */
  sink?: Writable;
  /** Tests dial from another loopback address, as a colleague's machine would. */
  localAddress?: string;
  /** Ends the exchange early (a stream that is no longer wanted). */
  signal?: AbortSignal;
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as text (empty when it went to the sink). */
  text: string;
}

/** A network failure's code in words a person reads. */
function reasonOf(error: NodeJS.ErrnoException, idleTimeoutMs: number): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused: the server is not running, or not on that port';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'no computer of that name was found on the network';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the network has no way to it';
    case 'ETIMEDOUT':
      return `no answer within ${Math.round(idleTimeoutMs / 1000)} seconds`;
    case 'ECONNRESET':
    case 'EPIPE':
      return 'the connection was dropped';
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return 'it did not answer in HTTPS on that port';
    default:
      return error.code ? `network error ${error.code}` : 'network error';
  }
}

const timedOut = (): NodeJS.ErrnoException => Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' });

/** A TLS connection to the server whose certificate has been compared with the pin. */
function pinnedSocket(url: URL, fingerprint: string, idleTimeoutMs: number, localAddress?: string): Promise<TLSSocket> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || 443);
  return new Promise((resolve, reject) => {
    const socket = connect({
      host,
      port,
      // Names get SNI; an IP address may not be sent as one.
      ...(isIP(host) ? {} : { servername: host }),
      // The authorities' verdict is not the test here: the fingerprint is (checked below, before anything is written).
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
      ...(localAddress ? { localAddress } : {}),
    });
    socket.setTimeout(idleTimeoutMs, () => socket.destroy(timedOut()));
    const fail = (error: NodeJS.ErrnoException) => reject(new TransportError(reasonOf(error, idleTimeoutMs), false));
    socket.once('error', fail);
    socket.once('secureConnect', () => {
      const presented = socket.getPeerCertificate().fingerprint256 ?? '(none)';
      if (presented !== fingerprint) {
        socket.destroy();
        reject(new PinMismatchError(presented, fingerprint));
        return;
      }
      socket.off('error', fail);
      resolve(socket);
    });
  });
}

/** Sends one request over a freshly pinned connection (one connection each: the pin is checked every time). */
export async function pinnedExchange(exchange: Exchange): Promise<Answer> {
  const url = new URL(exchange.origin);
  const socket = await pinnedSocket(url, exchange.fingerprint, exchange.idleTimeoutMs, exchange.localAddress);
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      reject(new TransportError(reasonOf(error, exchange.idleTimeoutMs), true));
    };
    socket.setTimeout(exchange.idleTimeoutMs, () => fail(timedOut()));
    const { signal } = exchange;
    if (signal) {
      const stop = () => fail(Object.assign(new Error('stopped'), { code: 'ECONNRESET' }));
      if (signal.aborted) stop();
      else signal.addEventListener('abort', stop, { once: true });
    }
    const request = httpRequest(
      {
        // The socket is already connected and checked: the request only writes to it.
        createConnection: () => socket,
        method: exchange.method,
        path: exchange.path,
        headers: { host: url.host, connection: 'close', ...exchange.headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        if (exchange.sink && response.statusCode === 200) {
          response.pipe(exchange.sink);
          exchange.sink.once('error', (error: NodeJS.ErrnoException) => fail(error));
          exchange.sink.once('finish', () => {
            if (settled) return;
            settled = true;
            resolve({ status: 200, headers: response.headers, text: '' });
          });
        } else {
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.once('end', () => {
            if (settled) return;
            settled = true;
            resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') });
          });
        }
        response.once('aborted', () => fail(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
        response.once('error', fail);
      },
    );
    request.once('error', fail);
    request.end(exchange.body);
  });
}
