// The desktop app as a client of the board's server (issue 15): every contract call goes to the
// server as the board server's own page sends it (POST /api/<channel>, JSON, the session cookie and
// the CSRF header), over a connection pinned to the certificate's fingerprint. It answers a
// Result like the local dispatcher, so the main process can register it in the desk's place.
// When the server cannot be reached it says so, with code 'unreachable': nothing is ever kept on
// this computer instead (no silent offline copy), and nothing of the records or the session is written to disk.
import { randomBytes } from 'node:crypto';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import { z } from 'zod';
import { contract, isChannel, type Channel } from '../../shared/contract';
import { deliverySchema } from '../../shared/domain/exports';
import { failure, problemSchema, staleRefusal, unreachable, type Failure, type Result } from '../../shared/result';
import { pinnedExchange, PinMismatchError, TransportError, type Answer } from './pinnedRequest';

export const CSRF_HEADER = 'x-desk-csrf';
const NO_SESSION = 'none';
/** Reads and writes answer at once; with no activity for this long the server is taken to be unreachable. */
export const DEFAULT_TIMEOUT_MS = 15_000;
/** A task (reading a 20 MB return, starting an export) may be quiet for longer. */
const TASK_TIMEOUT_MS = 120_000;

/** Same type as the desk's DispatchAsync (electron/desk/dispatch.ts): the caller is the client's own session. */
export type ClientDispatch = (channel: unknown, input: unknown) => Promise<Result<unknown>>;

export interface BoardClientOptions {
  /** The server's origin, https://name:port (checked by serverUrlSchema). */
  url: string;
  /** The pinned SHA-256 fingerprint, AB:CD:… (checked by fingerprintSchema). */
  fingerprint: string;
  timeoutMs?: number;
  /** Where an export the server hands over is saved: the main process asks the person (null: they cancelled). */
  chooseSavePath?: (fileName: string) => Promise<string | null>;
  /** Tests dial from another loopback address. */
  localAddress?: string;
}

export interface BoardClient {
  readonly url: string;
  readonly fingerprint: string;
  dispatchAsync: ClientDispatch;
  /** Does the server answer, with the pinned certificate? (app:info, which needs no sign-in.) */
  probe(): Promise<{ reachable: true } | { reachable: false; problem: string }>;
  /**
   * Reads the server's change notices (GET /api/events) with this window's session until the stream
   * ends: 'refused' with no session (or a locked one), 'ended' when the server ends it, 'unreachable'
   * when the connection fails or stays silent for `silenceMs`. `opened` comes once it is accepted,
   * `notice` once for each burst of notices read together.
   */
  streamChanges(
    events: { opened(): void; notice(): void },
    options: { silenceMs: number; signal: AbortSignal },
  ): Promise<'refused' | 'ended' | 'unreachable'>;
  /** Calls `listener` whenever the session this client holds starts or ends; returns the way to stop. */
  onSessionChange(listener: () => void): () => void;
}

const resultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({
      message: z.string(),
      problems: z.array(problemSchema),
      code: z.enum(['signed_out', 'locked', 'not_allowed', 'stale']).optional(),
      // With 'stale': the record's version now, which the form moves its base to.
      currentVersion: z.number().int().positive().optional(),
    }),
  }),
]);

/** The few cookies the server sets (the session), kept in this process's memory only. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(setCookie: string[] | undefined): void {
    for (const line of setCookie ?? []) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expires = attributes.map((a) => a.trim()).find((a) => /^expires=/i.test(a));
      const gone =
        value === '' ||
        attributes.some((a) => /^max-age=0$/i.test(a.trim())) ||
        (expires !== undefined && Date.parse(expires.slice(8)) < Date.now());
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string | null {
    return this.cookies.size === 0 ? null : [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  }

  get held(): boolean {
    return this.cookies.size > 0;
  }

  clear(): void {
    this.cookies.clear();
  }
}

export function createBoardClient(options: BoardClientOptions): BoardClient {
  const { url, fingerprint } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const jar = new CookieJar();
  let csrf = NO_SESSION;

  const cannotReach = (reason: string) =>
    unreachable(
      `The board server at ${url} cannot be reached (${reason}). Nothing was saved on this computer; try again when the server is back.`,
    );

  /** A transport failure in plain words: whether the request went, and what that means for a change. */
  const transportFailure = (error: unknown, kind: 'read' | 'write' | 'task'): Failure => {
    if (error instanceof PinMismatchError) {
      return unreachable(
        `The server at ${url} presented a certificate with SHA-256 fingerprint ${error.presented}, but this computer trusts only ` +
          `${error.pinned} for the board server. Nothing was sent. If the board has a new certificate, check its fingerprint with ` +
          `the board’s administrator and choose the server again; otherwise something may be pretending to be the board server.`,
      );
    }
    if (error instanceof TransportError) {
      if (error.sent && kind !== 'read') {
        return unreachable(
          `The board server at ${url} stopped answering before it replied (${error.reason}). The change may or may not have been ` +
            `saved on the server: look at the records when it is back. Nothing was saved on this computer.`,
        );
      }
      return cannotReach(error.reason);
    }
    return cannotReach(error instanceof Error ? error.message : 'unknown error');
  };

  const headers = (extra: Record<string, string> = {}) => {
    const cookie = jar.header();
    return { [CSRF_HEADER]: csrf, ...(cookie ? { cookie } : {}), ...extra };
  };

  const sessionListeners = new Set<() => void>();
  /** Keeps the session the server hands over (a new cookie and token at sign-in; gone at sign-out). */
  const keepSession = (answer: Answer) => {
    const before = `${jar.header()} ${csrf}`;
    const setCookie = answer.headers['set-cookie'];
    jar.take(Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : undefined);
    const token = answer.headers[CSRF_HEADER];
    if (typeof token === 'string') csrf = token;
    if (`${jar.header()} ${csrf}` !== before) for (const listener of [...sessionListeners]) listener();
  };

  /** The server's answer, read as the contract's: anything else is not shown. */
  const readAnswer = (channel: Channel, answer: Answer, hadSession: boolean): Result<unknown> => {
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      return failure(
        `The server at ${url} answered with something that is not the app’s answer (HTTP ${answer.status}, ` +
          `${String(answer.headers['content-type'] ?? 'no content type')}), so nothing from it is shown. If a proxy sits in between, ` +
          `check that it passes the app’s requests through to the board server.`,
      );
    }
    const result = resultSchema.safeParse(body);
    if (!result.success) {
      return failure(
        `The server at ${url} answered in a form this version of the app does not know (HTTP ${answer.status}), so it is not shown.`,
      );
    }
    if (!result.data.ok) {
      const { message, problems, code, currentVersion } = result.data.error;
      if (code === 'signed_out' && hadSession && !jar.held) {
        // The server no longer knows the cookie (restarted, or the session was ended there): say so, and ask for a sign-in.
        return {
          ok: false,
          error: {
            message: `The board server at ${url} no longer has this window’s sign-in (it may have restarted, or the session was ended there). Sign in again; nothing was saved.`,
            problems,
            code,
          },
        };
      }
      if (code === 'stale' && currentVersion !== undefined) return staleRefusal(message, currentVersion);
      return { ok: false, error: code ? { message, problems, code } : { message, problems } };
    }
    // The same output check as the local dispatcher's: an answer the contract does not describe is never shown.
    const checked = contract[channel].output.safeParse(result.data.value);
    if (!checked.success)
      return failure('The board server sent an answer this app could not check, so it was not shown. Please report this.');
    return { ok: true, value: checked.data };
  };

  /** exports:deliver: the server offers the file as a download; it is fetched to where the person chooses. */
  const download = async (href: string, fileName: string): Promise<Result<unknown>> => {
    const target = new URL(href, `${url}/`);
    if (target.origin !== url || !/^\/download\/[0-9a-f-]{36}$/.test(target.pathname))
      return failure('The board server offered the export at an address that is not its own download, so it was not fetched.');
    const path = options.chooseSavePath ? await options.chooseSavePath(fileName) : null;
    if (path === null) return { ok: true, value: { how: 'cancelled' } };
    // Written whole under another name, then renamed: a half-fetched file never takes the chosen name.
    const partial = `${path}.${randomBytes(4).toString('hex')}.part`;
    const sink = createWriteStream(partial, { flags: 'wx' });
    try {
      const answer = await pinnedExchange({
        origin: url,
        fingerprint,
        method: 'GET',
        path: target.pathname,
        headers: headers(),
        idleTimeoutMs: TASK_TIMEOUT_MS,
        sink,
        localAddress: options.localAddress,
      });
      if (answer.status !== 200) {
        sink.destroy();
        rmSync(partial, { force: true });
        return failure(`The board server did not hand over the workbook: ${answer.text.slice(0, 200) || `HTTP ${answer.status}`}`);
      }
      renameSync(partial, path);
      return { ok: true, value: deliverySchema.parse({ how: 'saved', path }) };
    } catch (error) {
      sink.destroy();
      rmSync(partial, { force: true });
      return transportFailure(error, 'read');
    }
  };

  const dispatchAsync: ClientDispatch = async (channelName, rawInput) => {
    if (!isChannel(channelName)) return failure(`There is no channel called ${JSON.stringify(String(channelName)).slice(0, 80)}.`);
    const kind = contract[channelName].kind as 'read' | 'write' | 'task';
    let body: string;
    try {
      body = JSON.stringify(rawInput === undefined ? {} : rawInput);
    } catch {
      return failure('Nothing was sent: what the window gave could not be written as JSON.');
    }
    const hadSession = jar.held;
    let answer: Answer;
    try {
      answer = await pinnedExchange({
        origin: url,
        fingerprint,
        method: 'POST',
        path: `/api/${encodeURIComponent(channelName)}`,
        headers: headers({ 'content-type': 'application/json' }),
        body,
        idleTimeoutMs: kind === 'task' ? Math.max(timeoutMs, TASK_TIMEOUT_MS) : timeoutMs,
        localAddress: options.localAddress,
      });
    } catch (error) {
      return transportFailure(error, kind);
    }
    keepSession(answer);
    const result = readAnswer(channelName, answer, hadSession);
    if (channelName === 'exports:deliver' && result.ok) {
      const delivery = result.value as z.infer<typeof deliverySchema>;
      if (delivery.how === 'download') return download(delivery.url, delivery.fileName);
    }
    return result;
  };

  const probe: BoardClient['probe'] = async () => {
    const answer = await dispatchAsync('app:info', {});
    return answer.ok ? { reachable: true } : { reachable: false, problem: answer.error.message };
  };

  const streamChanges: BoardClient['streamChanges'] = async (events, { silenceMs, signal }) => {
    if (!jar.held) return 'refused';
    let opened = false;
    let buffered = '';
    // Server-sent events: blocks end with a blank line; "data:" lines are notices, ":" lines only say it is still there.
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        if (!opened) {
          opened = true;
          events.opened();
        }
        buffered += chunk.toString('utf8');
        const blocks = buffered.split('\n\n');
        buffered = blocks.pop()!;
        if (blocks.some((block) => block.split('\n').some((line) => line.startsWith('data:')))) events.notice();
        done();
      },
    });
    try {
      const answer = await pinnedExchange({
        origin: url,
        fingerprint,
        method: 'GET',
        path: '/api/events',
        headers: headers({ accept: 'text/event-stream' }),
        idleTimeoutMs: silenceMs,
        sink,
        signal,
        localAddress: options.localAddress,
      });
      if (answer.status === 200) return 'ended';
      return answer.status === 401 || answer.status === 403 ? 'refused' : 'unreachable';
    } catch {
      return 'unreachable';
    }
  };

  const onSessionChange: BoardClient['onSessionChange'] = (listener) => {
    sessionListeners.add(listener);
    return () => {
      sessionListeners.delete(listener);
    };
  };

  return { url, fingerprint, dispatchAsync, probe, streamChanges, onSessionChange };
}
