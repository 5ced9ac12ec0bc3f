// Live refresh and the graceful stop (issue 15, items 3 and 6), over the real web server and a real
// desk: a signed-in page's event stream hears of another person's write, carries no case data, is
// refused without a live session and ends with it; a stop lets a write under way answer (and
// commit), refuses what arrives meanwhile, and ends the streams instead of waiting on them.
import { afterEach, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../electron/web/server';
import type { DispatchAsync } from '../../electron/desk/dispatch';
import type { Result } from '../../shared/result';
import { ok, openTestDesk, tempFolder, type TestDesk } from '../support/tempStore';
import { TEST_PASSWORD, WebBrowser as Browser } from '../support/webBrowser';

const PASSWORD = TEST_PASSWORD;
const now = () => new Date('2026-11-23T10:00:00Z');

/** Reads server-sent events off a response: each `data:` line parsed, and whether the stream has ended. */
function reader(response: Response) {
  const body = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  const events: unknown[] = [];
  let ended = false;
  const waiting = new Set<() => void>();
  void (async () => {
    for (;;) {
      const { value, done } = await body.read().catch(() => ({ value: undefined, done: true }));
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let at: number;
      while ((at = buffered.indexOf('\n\n')) >= 0) {
        const block = buffered.slice(0, at);
        buffered = buffered.slice(at + 2);
        for (const line of block.split('\n')) if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)));
      }
      for (const wake of [...waiting]) wake();
    }
    ended = true;
    for (const wake of [...waiting]) wake();
  })();
  const until = (check: () => boolean, withinMs: number, what: string) =>
    new Promise<void>((resolve, reject) => {
      if (check()) return resolve();
      const timer = setTimeout(() => reject(new Error(`${what} did not happen within ${withinMs} ms`)), withinMs);
      const wake = () => {
        if (!check()) return;
        clearTimeout(timer);
        waiting.delete(wake);
        resolve();
      };
      waiting.add(wake);
    });
  return {
    events,
    get ended() {
      return ended;
    },
    /** Waits for the stream to hold `count` events. */
    received: (count: number, withinMs: number) => until(() => events.length >= count, withinMs, `Event ${count}`),
    end: (withinMs: number) => until(() => ended, withinMs, 'The end of the stream'),
    cancel: () => body.cancel().catch(() => undefined),
  };
}

let desk: TestDesk | undefined;
let server: WebServer | undefined;
afterEach(async () => {
  await server?.close();
  desk?.cleanup();
  server = undefined;
  desk = undefined;
});

/** A board with a coordinator and a chair, served as the web mode serves it, its change feed passed to the server. */
async function board(options: { dispatch?: (real: DispatchAsync) => DispatchAsync; stopWaitMs?: number } = {}) {
  desk = openTestDesk({ signIn: true, now });
  ok(desk.call('session:setUp', { userName: 'jcoord', displayName: 'Jo Coordinator', password: PASSWORD, repeatPassword: PASSWORD }));
  ok(desk.call('users:create', { userName: 'chair', displayName: 'Pat Chair', role: 'chair', password: PASSWORD }));
  ok(desk.call('session:signOut', {}));
  const d = desk;
  server = await startWebServer({
    dispatch: options.dispatch ? options.dispatch(d.dispatchAsync) : d.dispatchAsync,
    sessions: () => d.sessions,
    changes: d.changes,
    rendererDir: tempFolder(),
    ...(options.stopWaitMs !== undefined ? { stopWaitMs: options.stopWaitMs } : {}),
  });
  return { desk: d, server };
}

const agency = (name: string) => ({ name, sector: 'police', statutoryPartner: true });

describe('the event stream', () => {
  it('tells a signed-in page of another person’s write within 2 seconds, with no case data', async () => {
    const { server } = await board();
    const chair = new Browser(server);
    const coordinator = new Browser(server);
    for (const [browser, name] of [
      [chair, 'chair'],
      [coordinator, 'jcoord'],
    ] as const) {
      await browser.open();
      await browser.signIn(name);
    }
    const response = await chair.events();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const stream = reader(response);

    expect((await coordinator.call('agencies:create', agency('Bromley Police'))).body.ok).toBe(true);
    await stream.received(1, 2_000);
    expect(stream.events[0]).toEqual({ seq: expect.any(Number), channel: 'agencies:create' });
    // A notice of which channel changed the records, never what it wrote.
    expect(JSON.stringify(stream.events)).not.toContain('Bromley');

    // A refused write changes nothing and tells nobody; a read tells nobody; the next write does.
    expect((await coordinator.call('agencies:create', { name: '' })).body.ok).toBe(false);
    expect((await coordinator.call('agencies:list')).body.ok).toBe(true);
    expect((await coordinator.call('agencies:create', agency('Sirona Care and Health'))).body.ok).toBe(true);
    await stream.received(2, 2_000);
    expect(stream.events).toHaveLength(2);
    const [first, second] = stream.events as { seq: number }[];
    expect(second!.seq).toBeGreaterThan(first!.seq);
    await stream.cancel();
  });

  it('is refused in plain words without a live session, or without the page’s header', async () => {
    const { server } = await board();
    const stranger = new Browser(server);
    await stranger.open(); // the launch key, no session
    const refused = await stranger.events();
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ ok: false, error: { message: expect.stringContaining('Sign in to the app') } });

    const person = new Browser(server);
    await person.open();
    await person.signIn('jcoord');
    // The cookie without the page's token (what another site or program could send): refused.
    expect((await person.events({})).status).toBe(403);
    expect((await person.events({ 'x-desk-csrf': 'x'.repeat(43) })).status).toBe(403);
    // A locked session is not a live one.
    ok((await person.call('session:lock')).body);
    expect((await person.events()).status).toBe(403);
  });

  it('ends when the person signs out, or locks', async () => {
    const { server } = await board();
    const person = new Browser(server);
    await person.open();
    await person.signIn('jcoord');
    const first = reader(await person.events());
    ok((await person.call('session:lock')).body);
    await first.end(5_000);

    await person.signIn('jcoord');
    const second = reader(await person.events());
    ok((await person.call('session:signOut')).body);
    await second.end(5_000);
    // Nothing reaches a page whose person has gone, not even the notice of their own sign-out.
    expect(second.events).toEqual([]);
  });
});

describe('a graceful stop', () => {
  it('lets a write under way answer and commit, refuses new requests in plain words, and ends the event streams', async () => {
    let arrived!: () => void;
    const writeArrived = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The coordinator's write is held at the dispatcher's door until the test lets it go: a write under way when the stop begins.
    const { desk, server } = await board({
      dispatch: (real) => async (channel, input, caller) => {
        if (channel === 'agencies:create') {
          arrived();
          await held;
        }
        return real(channel, input, caller);
      },
    });
    const coordinator = new Browser(server);
    await coordinator.open();
    await coordinator.signIn('jcoord');
    const stream = reader(await coordinator.events());

    const write = coordinator.call('agencies:create', agency('Bromley Police'));
    await writeArrived;
    let stopped = false;
    const stopping = server.close().then(() => (stopped = true));

    // While it stops: a new request is refused, in words.
    const late = await new Browser(server).call('app:info');
    expect(late.status).toBe(503);
    expect(late.body).toMatchObject({ ok: false, error: { message: expect.stringContaining('The server is stopping') } });
    expect(stopped).toBe(false);

    release();
    const answer = await write;
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: true, value: { name: 'Bromley Police' } });
    await stopping;
    await stream.end(5_000);
    expect(desk.store.reader.prepare("SELECT count(*) AS n FROM agency WHERE name = 'Bromley Police'").get()).toEqual({ n: 1 });
  });

  it('does not wait past its cap for a request that never finishes', async () => {
    const { server } = await board({
      dispatch: (real) => async (channel, input, caller) =>
        channel === 'agencies:create' ? new Promise<Result<unknown>>(() => undefined) : real(channel, input, caller),
      stopWaitMs: 200,
    });
    const coordinator = new Browser(server);
    await coordinator.open();
    await coordinator.signIn('jcoord');
    let arrived = false;
    const never = coordinator.call('agencies:create', agency('Bromley Police')).then(
      () => 'answered',
      () => 'connection closed',
    );
    void never.then(() => (arrived = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(arrived).toBe(false);
    await server.close();
    // The connection went when the cap ran out: the caller hears that, rather than the stop hanging.
    expect(await never).toBe('connection closed');
  });
});
