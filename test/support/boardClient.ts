// A member of staff's browser, simulated in Node against the board server over HTTPS: the server's
// own certificate pinned as the only authority, a cookie jar, the session's CSRF token kept as the
// page keeps it, and a network address of its own on loopback (127.0.0.x), as each person's machine
// has. Used by the hostile-request test, the SIGKILL test and the bench's board-server section.
import { Agent, request } from 'node:https';
import { checkServerIdentity } from 'node:tls';
import type { Result } from '../../shared/result';
import type { Channel } from '../../shared/contract';
import type { RecordKind } from '../../shared/domain/recordVersion';
import { versionRule } from '../../shared/domain/versionedWrites';

/** The read a page makes to show a record, and so learns the version its form's write is based on. */
const READ_OF: Record<RecordKind, (id: number) => { channel: string; input: Record<string, unknown> }> = {
  case: (id) => ({ channel: 'escalations:get', input: { escalationId: id } }),
  panel: (id) => ({ channel: 'panels:get', input: { panelId: id } }),
  agency: (id) => ({ channel: 'agencies:get', input: { agencyId: id } }),
  settings: () => ({ channel: 'settings:get', input: {} }),
};

export interface BoardTarget {
  /** The address dialled (the certificate is checked for it), e.g. 127.0.0.2. */
  host: string;
  port: number;
  /** The origin the server's pages are served from (what a browser sends as Origin). */
  origin: string;
  /** The server's certificate (PEM), pinned. */
  ca: string;
}

export interface BoardAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  localAddress?: string;
  /** A keep-alive agent (a browser's connections); without one, a connection of its own. */
  agent?: Agent;
}

/** One HTTPS request as written (no tidying of the path), settling with the whole answer. */
export function boardRequest(target: BoardTarget, path: string, options: RequestOptions = {}): Promise<BoardAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: target.host,
        port: target.port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `${target.host}:${target.port}`, ...options.headers },
        ca: target.ca,
        checkServerIdentity: (_name, cert) => checkServerIdentity(target.host, cert),
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        agent: options.agent ?? false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString() }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/**
 * A keep-alive agent trusting the server's certificate alone, as a browser keeps its connections to a site.
 * Idle connections are let go after 30 s, before the server's own keep-alive limit (72 s) closes them:
 * otherwise a request sent just as the server hangs up meets a reset (a browser would quietly retry it).
 */
export const staffAgent = (target: BoardTarget, localAddress: string) =>
  new Agent({
    timeout: 30_000,
    keepAlive: true,
    maxSockets: 2,
    ca: target.ca,
    localAddress,
    checkServerIdentity: (_n, cert) => checkServerIdentity(target.host, cert),
  });

/** One person's browser: cookies, the page's token, their own address. */
export class StaffBrowser {
  private readonly cookies = new Map<string, string>();
  token = 'none';
  agent: Agent;

  constructor(
    public target: BoardTarget,
    readonly localAddress: string,
  ) {
    this.agent = staffAgent(target, localAddress);
  }

  private remember(answer: BoardAnswer): void {
    for (const line of ([] as string[]).concat(answer.headers['set-cookie'] ?? [])) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      if (/Expires=Thu, 01 Jan 1970/i.test(line) || value.join('=') === '') this.cookies.delete(name!);
      else this.cookies.set(name!, value.join('='));
    }
    const token = answer.headers['x-desk-csrf'];
    if (typeof token === 'string') this.token = token;
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Forgets the session (a server restarted from nothing in memory knows it no more). */
  forget(): void {
    this.cookies.clear();
    this.token = 'none';
  }

  /** The server moved (a restart on another port): the browser's connections go with the old one. */
  retarget(target: BoardTarget): void {
    this.target = target;
    this.agent.destroy();
    this.agent = staffAgent(target, this.localAddress);
  }

  /** POST /api/<channel> as the page does. Rejects when the connection fails (refused, reset). */
  async call<T = unknown>(channel: string, input: unknown = {}): Promise<{ status: number; body: Result<T> }> {
    const answer = await boardRequest(this.target, `/api/${channel}`, {
      method: 'POST',
      headers: {
        origin: this.target.origin,
        'x-desk-csrf': this.token,
        'content-type': 'application/json',
        ...(this.cookies.size ? { cookie: this.cookieHeader } : {}),
      },
      body: JSON.stringify(input),
      agent: this.agent,
    });
    this.remember(answer);
    return { status: answer.status, body: JSON.parse(answer.body) as Result<T> };
  }

  /**
   * Every write the load tests make goes through here: the one place to add what a write must carry
   * (such as the version it was based on) when the contract asks for more.
   */
  async write<T = unknown>(channel: string, input: Record<string, unknown>): Promise<{ status: number; body: Result<T> }> {
    return this.call<T>(channel, await this.basedOnLatest(channel, input));
  }

  /**
   * A versioned write's input with the version of the record as the server has it now, read as the
   * page reads it before a form is filled in (an input that names its version is sent as it is).
   */
  async basedOnLatest(channel: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
    const rule = versionRule(channel as Channel);
    if (!rule || 'basedOnVersion' in input) return input;
    const [record] = rule.records(input as never);
    if (record.via !== undefined)
      throw new Error(`${channel}: the load tests read a record by its own id only, not through a ${record.via}.`);
    const read = READ_OF[record.kind](record.id);
    const answer = await this.call<{ version: number }>(read.channel, read.input);
    if (!answer.body.ok) throw new Error(`${channel}: reading its record failed: ${answer.body.error.message}`);
    return { ...input, basedOnVersion: answer.body.value.version };
  }

  async signIn(userName: string, password: string): Promise<void> {
    this.forget();
    const answer = await this.call('session:signIn', { userName, password });
    if (!answer.body.ok) throw new Error(`${userName} could not sign in: ${answer.body.error.message}`);
  }

  close(): void {
    this.agent.destroy();
  }
}
