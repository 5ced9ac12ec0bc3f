// The local web mode: the same renderer and the same dispatcher as the desktop app, served over
// HTTP on 127.0.0.1 for machines where the Electron binary cannot be installed.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { DispatchAsync } from '../desk/dispatch';
import { createReadStream } from 'node:fs';
import { failure } from '../../shared/result';
import { cookieToken, refusal, TOKEN_COOKIE, TOKEN_HEADER } from './guard';
import { CONTENT_SECURITY_POLICY } from '../../shared/securityPolicy';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

// Large enough for a 20 MB agency return sent as base64 inside JSON.
const MAX_BODY_BYTES = 30_000_000;

export interface WebServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export interface WebServerOptions {
  dispatch: DispatchAsync;
  /** Finished exports, by job id: handed to the browser as a download, then forgotten. */
  downloads?: { finished(jobId: string): { file: string; fileName: string }; forget(jobId: string): void };
  rendererDir: string;
  port?: number;
  token?: string;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendDownload(res: ServerResponse, downloads: NonNullable<WebServerOptions['downloads']>, jobId: string): void {
  let finished: { file: string; fileName: string };
  try {
    finished = downloads.finished(jobId);
  } catch (error) {
    return send(res, 404, error instanceof Error ? error.message : 'That export is no longer available.');
  }
  res.writeHead(200, {
    'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'Content-Disposition': `attachment; filename="${finished.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  const stream = createReadStream(finished.file);
  stream.pipe(res);
  // The file holds case references: once it has gone to the browser, it goes from here too.
  res.on('finish', () => downloads.forget(jobId));
  stream.on('error', () => res.destroy());
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const root = resolve(options.rendererDir);
  let port = 0;

  async function serveFile(res: ServerResponse, pathname: string): Promise<void> {
    const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    const file = resolve(join(root, relative === '' ? 'index.html' : relative));
    if (file !== root && !file.startsWith(root + sep)) return send(res, 404, 'Not found');
    try {
      const body = await readFile(file);
      send(res, 200, body, TYPES[extname(file)] ?? 'application/octet-stream');
    } catch {
      // Unknown paths are the app's own routes: answer with the app.
      const body = await readFile(join(root, 'index.html'));
      send(res, 200, body, TYPES['.html']);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const fromUrl = req.method === 'GET' && url.pathname === '/' ? url.searchParams.get('token') : null;
    const presented = fromUrl ?? (req.headers[TOKEN_HEADER] as string | undefined) ?? cookieToken(req);
    const refused = refusal(req, port, token, presented);
    if (refused) {
      if (url.pathname.startsWith('/api/')) return send(res, 403, JSON.stringify(failure(refused)), TYPES['.json']);
      return send(res, 403, refused);
    }
    if (fromUrl !== null) {
      // Swap the key in the address for a cookie the page's scripts cannot read, then drop it from the address bar.
      return send(res, 303, '', 'text/plain', { 'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`, Location: '/' });
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, JSON.stringify(failure('Use POST for the app’s channels.')), TYPES['.json']);
      const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
      let input: unknown;
      try {
        const text = await readBody(req);
        input = text.trim() === '' ? {} : JSON.parse(text);
      } catch {
        return send(res, 400, JSON.stringify(failure('The request body is not valid JSON (or is over 30 MB).')), TYPES['.json']);
      }
      const result = await options.dispatch(channel, input);
      return send(res, result.ok ? 200 : 422, JSON.stringify(result), TYPES['.json']);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
    const download = /^\/download\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (download && options.downloads) return sendDownload(res, options.downloads, download[1]!);
    return serveFile(res, url.pathname);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, JSON.stringify(failure('Something went wrong in the local server; nothing was saved.')), TYPES['.json']);
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () => new Promise<void>((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    }),
  };
}
