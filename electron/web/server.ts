// The web server: the same renderer and the same dispatcher as the desktop app, over HTTP(S).
// Bound to 127.0.0.1 it is the local web mode, for machines where the Electron binary cannot be
// installed; the board server (issue 15) is this same server bound to another address with TLS.
//
// Who may call: the guard (guard.ts) lets through only this server's own names and pages, with
// this launch's key; the key opens the sign-in screen and nothing more. Every other channel runs
// as the caller's own session: an HttpOnly, SameSite=Strict cookie made at sign-in (a new id each
// time), together with the session's CSRF token, which the page keeps in its own storage and sends
// in a header on every call. A browser sends cookies for 127.0.0.1 to every port on it, so any
// other local server it visits receives the cookies; the token it never receives, so a cookie
// taken that way opens nothing.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { DispatchAsync } from '../desk/dispatch';
import type { Caller, SessionRegistry } from '../services/accounts/sessionRegistry';
import type { Session } from '../services/accounts/session';
import type { ChangeFeed } from '../desk/changes';
import { failure } from '../../shared/result';
import { CONTENT_SECURITY_POLICY } from '../../shared/securityPolicy';
import { allowedOrigins, reachOf, type Binding } from './binding';
import { CSRF_HEADER, refusal, TOKEN_HEADER } from './guard';

// Large enough for a 20 MB agency return sent as base64 inside JSON.
const MAX_BODY_BYTES = 30_000_000;
/** A request's headers must all arrive within this (slowloris: headers trickled a byte at a time hold a connection open). */
const HEADERS_TIMEOUT_MS = 10_000;
/** A whole request, body included: room for a 30 MB return on a slow office line, not for a body trickled forever. */
const REQUEST_TIMEOUT_MS = 120_000;
/** How often Node looks for requests past those limits (its default, 30 s, would let a trickle run 40 s). */
const TIMEOUT_CHECK_MS = 1_000;
/** The channels a person signs in through: limited per network address, on top of the per-account slowing in the services. */
const SIGN_IN_CHANNELS = new Set(['session:signIn', 'session:setUp']);
/** What a damaged board server still answers over the network: enough for the page to say so. */
const WHILE_DAMAGED_ON_NETWORK = new Set(['app:info', 'desk:health']);
/** What the page sends in the CSRF header before anyone is signed in. */
const NO_SESSION = 'none';
/** The page's stream of "something changed" notices (events.ts): GET, with the page's header like any call. */
const EVENTS_PATH = '/api/events';
/** How long a stop waits for requests already under way (a write, an import) before closing anyway. */
const STOP_WAIT_MS = 10_000;
/** Said to anyone who asks while the server stops. */
const STOPPING =
  'The server is stopping (it is being shut down or restarted), so this request was not taken and nothing was saved. Try again in a minute.';

export interface WebServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export interface WebServerOptions {
  dispatch: DispatchAsync;
  /** The session registry of the desk behind `dispatch`, looked up on each request (a restore replaces the desk; null while the records file is damaged). */
  sessions: () => SessionRegistry | null;
  /** Finished exports, by job id: handed to the browser as a download, then forgotten. */
  downloads?: { finished(jobId: string): { file: string; fileName: string }; forget(jobId: string): void };
  /** Puts a download in the access record (who, from which address, which file) before it is sent; a throw refuses it. */
  recordDownload?: (session: Session, address: string, fileName: string) => void;
  rendererDir: string;
  /** Address, port and TLS (default: 127.0.0.1, a free port, plain HTTP). */
  binding?: Binding;
  token?: string;
  /** Sign-in attempts allowed per network address in each window (default 10 a minute). */
  signInLimit?: { max: number; windowMs: number };
  /** Requests of any kind allowed per network address in each window (default: no limit beyond sign-in's). */
  requestLimit?: { max: number; windowMs: number };
  /** What GET /health answers (without it, /health is not served). */
  health?: () => HealthReport;
  /** One line per answered request: never its address's query, its body or anything from the records. */
  log?: (line: RequestLogLine) => void;
  /** Committed changes, passed on to signed-in pages as notices with no case data (GET /api/events). */
  changes?: ChangeFeed;
  /** How long close() waits for requests under way (default 10 s). */
  stopWaitMs?: number;
  /** How often an event stream says it is still there (default 15 s), so proxies do not cut it. */
  keepAliveMs?: number;
}

/** GET /health: whether the records are open, for a monitor or a service manager. No identifiers, no case data. */
export type HealthReport =
  { status: 'ok'; schemaVersion: number; version: string } | { status: 'damaged'; reason: string; version: string };

/** What the server logs of a request: the route's pattern (never the address as typed, which may carry a query), not the body. */
export interface RequestLogLine {
  method: string;
  route: string;
  status: number;
  ms: number;
  address: string;
}

const json = (reply: FastifyReply, status: number, body: unknown) => reply.code(status).type('application/json').send(JSON.stringify(body));
const text = (reply: FastifyReply, status: number, body: string) => reply.code(status).type('text/plain; charset=utf-8').send(body);
const isApi = (url: string) => url.startsWith('/api/') || url === '/api';

/** A path that tries to leave the renderer folder (dot-dot, backslash or NUL, encoded or not). */
function climbsOut(rawUrl: string): boolean {
  const path = rawUrl.split('?')[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return true;
  }
  return decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').some((segment) => segment === '..');
}

/** IPv4 addresses arrive as ::ffff:a.b.c.d on a dual-stack socket. */
const unmapped = (address: string | undefined) => (address ?? '').replace(/^::ffff:/, '');

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const reach = reachOf(options.binding ?? {});
  const root = resolve(options.rendererDir);
  const limit = options.signInLimit ?? { max: 10, windowMs: 60_000 };
  let port = 0;

  const securityHeaders = (reply: FastifyReply) =>
    reply.headers({
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'cache-control': 'no-store',
    });

  const common: FastifyServerOptions = {
    bodyLimit: MAX_BODY_BYTES,
    requestTimeout: REQUEST_TIMEOUT_MS,
    // Fastify's own logger would write URLs (query strings included): requests are logged by `log` below instead.
    logger: false,
    // close() first refuses new requests, waits for those under way to answer and ends the event
    // streams (stop, below); only then does every connection go at once ('idle' left a browser's spare
    // connections holding the close open in the browser tests), by which time none carries an answer.
    forceCloseConnections: true,
    // Forwarded headers (X-Forwarded-For, -Proto, -Host) are believed from the board's proxy alone.
    ...(reach.proxy !== null ? { trustProxy: reach.proxy } : {}),
    // A malformed address (bad percent-encoding) is the client's mistake: 400, in words.
    frameworkErrors: (error, _request, reply) => {
      securityHeaders(reply);
      if (error.code === 'FST_ERR_BAD_URL') return text(reply, 400, 'That address is not valid (its percent-encoding is broken).');
      return text(reply, 400, 'That request could not be read.');
    },
  };
  const tls = options.binding?.tls;
  // One instance type for both: the routes below do not care which transport carries them.
  const app = (tls
    ? Fastify({
        ...(common as object),
        https: { cert: tls.cert, key: tls.key, connectionsCheckingInterval: TIMEOUT_CHECK_MS },
      } as Parameters<typeof Fastify>[0] & { https: object })
    : Fastify({ ...(common as object), http: { connectionsCheckingInterval: TIMEOUT_CHECK_MS } } as Parameters<
        typeof Fastify
      >[0])) as unknown as FastifyInstance;
  // Fastify sets the request timeout; the headers' own, shorter one is Node's, set on its server.
  app.server.headersTimeout = HEADERS_TIMEOUT_MS;

  await app.register(fastifyHelmet, {
    // The one policy of both front doors, sent exactly as written (below).
    contentSecurityPolicy: false,
    hsts: reach.secure ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyStatic, { root, serve: true, wildcard: true, index: 'index.html', cacheControl: false, dotfiles: 'deny' });

  // Bodies are read as text and parsed here, whatever the content type, so that a bad body gets plain words.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  // A stop refuses what arrives after it began, and waits for what was already under way (close() below).
  let stopping = false;
  let inFlight = 0;
  let whenIdle: (() => void) | null = null;
  app.addHook('onRequest', async (request, reply) => {
    if (stopping) {
      reply.header('connection', 'close');
      return isApi(request.url) ? json(reply, 503, failure(STOPPING)) : text(reply, 503, STOPPING);
    }
    // An event stream stays open until the stop ends it: it is not a request under way.
    if (request.url.split('?')[0] === EVENTS_PATH) return undefined;
    inFlight += 1;
    // 'close' comes once the answer has gone (or the browser gave up): either way this request no longer holds the stop.
    reply.raw.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) whenIdle?.();
    });
    return undefined;
  });

  if (options.requestLimit) {
    app.addHook(
      'onRequest',
      app.rateLimit({
        max: options.requestLimit.max,
        timeWindow: options.requestLimit.windowMs,
        errorResponseBuilder: (_request: FastifyRequest, context: { after: string }) => ({
          statusCode: 429,
          message: `Too many requests from this address. Wait ${context.after}, then try again.`,
        }),
      }),
    );
  }

  const log = options.log;
  if (log) {
    app.addHook('onResponse', async (request, reply) => {
      log({
        method: request.method,
        route: request.routeOptions.url ?? '(no route)',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        address: request.ip,
      });
    });
  }

  app.addHook('onSend', async (_request, reply, payload) => {
    securityHeaders(reply);
    return payload;
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string; message?: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    const message =
      status === 413
        ? 'The request body is over 30 MB, so it was not read. Nothing was saved.'
        : status === 429
          ? (error.message ?? 'Too many tries from this address: wait a minute, then try again.')
          : status < 500
            ? 'That request could not be read. Nothing was saved.'
            : 'Something went wrong in the server; nothing was saved.';
    return isApi(request.url) ? json(reply, status, failure(message)) : text(reply, status, message);
  });

  // Every request: our own names and pages, with this launch's key (the local web mode only).
  app.addHook('onRequest', async (request, reply) => {
    // Behind a proxy, plain HTTP is the proxy's alone: anyone else on the network is refused before anything is read.
    if (reach.proxy !== null && unmapped(request.socket.remoteAddress) !== reach.proxy) {
      return text(reply, 403, 'This server answers only through the board’s proxy.');
    }
    // The health check names no one and carries no case data: a monitor may ask it by any name.
    if (options.health && request.url === '/health' && (request.method === 'GET' || request.method === 'HEAD')) return undefined;
    const query = request.query as Record<string, unknown>;
    const fromUrl = request.method === 'GET' && request.url.split('?')[0] === '/' && typeof query.token === 'string' ? query.token : null;
    const presented = fromUrl ?? (request.headers[TOKEN_HEADER] as string | undefined) ?? request.cookies[reach.keyCookie];
    const refused = refusal(request.headers, reach, port, token, presented, reach.proxy !== null ? request.host : undefined);
    if (refused) return isApi(request.url) ? json(reply, 403, failure(refused)) : text(reply, 403, refused);
    if (fromUrl !== null) {
      // Swap the key in the address for a cookie the page's scripts cannot read, then drop it from the address bar.
      reply.setCookie(reach.keyCookie, token, { httpOnly: true, sameSite: 'strict', secure: reach.secure, path: '/' });
      return reply.code(303).header('location', '/').send('');
    }
    if (!isApi(request.url) && climbsOut(request.url)) return text(reply, 404, 'Not found');
    return undefined;
  });

  /** The caller this request presents: its session cookie and the page's token must both match a live session. */
  const callerOf = (request: FastifyRequest): { caller: Caller; presented: Session | null } => {
    const registry = options.sessions();
    const id = request.cookies[reach.sessionCookie];
    const csrf = request.headers[CSRF_HEADER] as string | undefined;
    const presented = registry ? registry.resolve(id, csrf) : null;
    return { caller: { session: presented, from: { via: 'web', address: request.ip } }, presented };
  };

  const cookieFlags = { httpOnly: true, sameSite: 'strict' as const, secure: reach.secure, path: '/' };

  app.post<{ Params: { channel: string } }>(
    '/api/:channel',
    {
      config: {
        rateLimit: {
          max: limit.max,
          timeWindow: limit.windowMs,
          allowList: (request: FastifyRequest) => !SIGN_IN_CHANNELS.has((request.params as { channel?: string }).channel ?? ''),
          errorResponseBuilder: (_request: FastifyRequest, context: { after: string }) => ({
            statusCode: 429,
            message: `Too many sign-in attempts from this address. Wait ${context.after}, then try again.`,
          }),
        },
      },
    },
    async (request, reply) => {
      // A page of ours always sends this header; a form or link on another site cannot.
      if (request.headers[CSRF_HEADER] === undefined) {
        return json(
          reply,
          403,
          failure('This request did not come from the app’s page (it lacks the app’s request header), so it was refused.'),
        );
      }
      let input: unknown;
      try {
        const body = typeof request.body === 'string' ? request.body : '';
        input = body.trim() === '' ? {} : JSON.parse(body);
      } catch {
        return json(reply, 400, failure('The request body is not valid JSON (or is over 30 MB).'));
      }
      // With no launch key (the board server) and no accounts to sign in to (a damaged records file),
      // the network is told what is wrong and nothing more: restoring is done on the server's own machine.
      if (!reach.launchKey && options.sessions() === null && !WHILE_DAMAGED_ON_NETWORK.has(request.params.channel)) {
        return json(
          reply,
          503,
          failure(
            'The records file on the server failed its integrity check and is not open. The board’s administrator restores a backup on the server itself.',
          ),
        );
      }
      const { caller, presented } = callerOf(request);
      const result = await options.dispatch(request.params.channel, input, caller);
      const after = caller.session && !caller.session.ended ? caller.session : null;
      if (after && after !== presented) {
        // Signed in (or set up the first account): a new session, a new cookie and a new token for the page.
        reply.setCookie(reach.sessionCookie, after.id, cookieFlags);
        reply.header(CSRF_HEADER, after.csrfToken);
      } else if (!after && (presented || request.cookies[reach.sessionCookie] !== undefined)) {
        // Signed out, ended elsewhere, or a cookie that opens nothing: it goes.
        reply.clearCookie(reach.sessionCookie, cookieFlags);
        reply.header(CSRF_HEADER, NO_SESSION);
      }
      return json(reply, result.ok ? 200 : 422, result);
    },
  );
  const health = options.health;
  if (health) {
    app.get('/health', async (_request, reply) => {
      const report = health();
      return json(reply, report.status === 'ok' ? 200 : 503, report);
    });
  }

  // Other people's changes, as they commit: a notice that something changed (its running number and
  // the channel that changed it), never what. Open only to a live, unlocked session presenting the
  // page's token (a browser's EventSource cannot send the header, so the page reads it with fetch).
  // It ends when the session ends or locks, and when the server stops.
  const streams = new Set<() => void>();
  const keepAliveMs = options.keepAliveMs ?? 15_000;
  app.get(EVENTS_PATH, async (request, reply) => {
    const registry = options.sessions();
    const { presented } = callerOf(request);
    if (!registry || !presented || !presented.isActive(registry.now())) {
      return json(reply, 403, failure('Sign in to the app to receive its updates (this stream needs a signed-in, unlocked session).'));
    }
    const changes = options.changes;
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'referrer-policy': 'no-referrer',
      'x-accel-buffering': 'no',
      ...(reach.secure ? { 'strict-transport-security': 'max-age=31536000' } : {}),
    });
    const live = () => registry === options.sessions() && registry.holds(presented) && presented.isActive(registry.now());
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      unsubscribe();
      clearInterval(keepAlive);
      clearInterval(watch);
      streams.delete(end);
      raw.end();
    };
    const unsubscribe = changes
      ? changes.subscribe((change) => {
          if (!live()) return end();
          raw.write(`data: ${JSON.stringify({ seq: change.seq, channel: change.channel })}\n\n`);
        })
      : () => undefined;
    const keepAlive = setInterval(() => raw.write(': still here\n\n'), keepAliveMs);
    // Signing out, locking (by hand or idle) or a restore ends the session without a change to tell: looked at each second.
    const watch = setInterval(() => {
      if (!live()) end();
    }, 1000);
    streams.add(end);
    raw.on('close', end);
    raw.write(': open\n\n');
  });

  app.all('/api/*', async (_request, reply) => json(reply, 405, failure('Use POST for the app’s channels.')));

  app.get<{ Params: { jobId: string } }>('/download/:jobId', async (request, reply) => {
    const downloads = options.downloads;
    const { jobId } = request.params;
    if (!downloads || !/^[0-9a-f-]{36}$/.test(jobId)) return text(reply, 404, 'Not found');
    // A download is a plain navigation, which cannot carry the page's header: the session cookie
    // must be a live, unlocked one, and the job id (122 random bits) is known only to the page that started it.
    const registry = options.sessions();
    const session = registry?.find(request.cookies[reach.sessionCookie]) ?? null;
    if (!registry || !session || !session.isActive(registry.now())) return text(reply, 403, 'Sign in to the app to download this file.');
    let finished: { file: string; fileName: string };
    try {
      finished = downloads.finished(jobId);
    } catch (error) {
      return text(reply, 404, error instanceof Error ? error.message : 'That export is no longer available.');
    }
    try {
      options.recordDownload?.(session, request.ip, finished.fileName);
    } catch {
      return text(reply, 503, 'The download could not be put in the access record, so it was not sent. Try again.');
    }
    // The file holds case references: once it has gone to the browser, it goes from here too.
    reply.raw.on('finish', () => downloads.forget(jobId));
    return reply
      .code(200)
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${finished.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
      .send(createReadStream(finished.file));
  });

  // Unknown paths are the app's own routes: answer with the app. Anything but GET and HEAD is refused.
  app.setNotFoundHandler(async (request, reply) => {
    if (isApi(request.url)) return json(reply, 405, failure('Use POST for the app’s channels.'));
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(reply, 405, 'Method not allowed');
    if (!existsSync(join(root, 'index.html'))) return text(reply, 404, 'Not found');
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });

  /** The graceful stop: refuse new requests, let those under way answer (up to a cap), end the streams, then close every connection. */
  let closing: Promise<void> | null = null;
  const stop = async () => {
    stopping = true;
    if (inFlight > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.stopWaitMs ?? STOP_WAIT_MS);
        whenIdle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    for (const end of [...streams]) end();
    await app.close();
  };

  await app.listen({ host: reach.host, port: options.binding?.port ?? 0 });
  port = (app.server.address() as AddressInfo).port;
  const origin = allowedOrigins(reach, port)[0]!;
  return {
    url: reach.launchKey ? `${origin}/?token=${token}` : `${origin}/`,
    port,
    token,
    close: () => (closing ??= stop()),
  };
}
