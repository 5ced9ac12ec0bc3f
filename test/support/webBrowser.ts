// One browser on the local web mode, as the server sees it: the cookies it keeps for 127.0.0.1
// (whatever the port) and the session token its page keeps in its own storage and sends in the
// x-desk-csrf header. Shared by the web-session, live-refresh and access-record tests.
import type { WebServer } from '../../electron/web/server';
import type { Result } from '../../shared/result';

export const TEST_PASSWORD = 'correct horse battery staple';

export class WebBrowser {
  readonly cookies = new Map<string, string>();
  token = 'none';
  constructor(private readonly server: WebServer) {}

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      if (/Expires=Thu, 01 Jan 1970/i.test(line) || value.join('=') === '') this.cookies.delete(name!);
      else this.cookies.set(name!, value.join('='));
    }
    const token = response.headers.get('x-desk-csrf');
    if (token !== null) this.token = token;
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Opens the printed address (with its launch key); answers the status (303: the key became a cookie). */
  async open(): Promise<number> {
    const response = await fetch(this.server.url, { redirect: 'manual' });
    this.remember(response);
    return response.status;
  }

  async call(channel: string, input: unknown = {}): Promise<{ status: number; body: Result<unknown> }> {
    const response = await fetch(`http://127.0.0.1:${this.server.port}/api/${channel}`, {
      method: 'POST',
      headers: { cookie: this.cookieHeader, 'x-desk-csrf': this.token, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    this.remember(response);
    return { status: response.status, body: (await response.json()) as Result<unknown> };
  }

  /** Signs in; throws with the server's own words when refused. */
  async signIn(userName: string, password = TEST_PASSWORD): Promise<void> {
    const answer = await this.call('session:signIn', { userName, password });
    const value = answer.body.ok ? (answer.body.value as { signedIn?: boolean }) : null;
    if (!value?.signedIn) throw new Error(`${userName} could not sign in: ${JSON.stringify(answer.body)}`);
  }

  /** The page's event stream, read as the page reads it (fetch, with its header). */
  events(headers: Record<string, string> = { 'x-desk-csrf': this.token }): Promise<Response> {
    return fetch(`http://127.0.0.1:${this.server.port}/api/events`, { headers: { cookie: this.cookieHeader, ...headers } });
  }
}
