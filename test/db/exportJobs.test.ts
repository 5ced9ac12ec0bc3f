// Exports run as background jobs with progress, and reach the person as a download (web mode).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '../../shared/domain/exports';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { logEscalation, seedBoard } from '../support/boardFixture';
import { ok, openTestDesk, tempFolder, type TestDesk } from '../support/tempStore';

let desk: TestDesk;
let server: WebServer;
beforeAll(async () => {
  desk = openTestDesk();
  const board = seedBoard(desk, 'bromley');
  logEscalation(desk, board, { openedOn: '2026-10-05' });
  server = await startWebServer({
    dispatch: desk.dispatchAsync,
    sessions: () => desk.sessions,
    downloads: desk.exports,
    rendererDir: tempFolder(),
  });
});
afterAll(async () => {
  await server.close();
  desk.cleanup();
});

/** A person signed in through the web mode: the session cookie their browser would hold. */
let cookie: string | null = null;
async function sessionCookie(): Promise<string> {
  if (cookie) return cookie;
  const response = await fetch(`http://127.0.0.1:${server.port}/api/session:setUp`, {
    method: 'POST',
    headers: { 'x-desk-token': server.token, 'x-desk-csrf': 'none' },
    body: JSON.stringify({
      userName: 'hub',
      displayName: 'Hub Analyst',
      password: 'a long pass phrase',
      repeatPassword: 'a long pass phrase',
    }),
  });
  expect(response.status).toBe(200);
  cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('desk_session='))!
    .split(';')[0]!;
  return cookie;
}

async function finished(job: JobView): Promise<JobView> {
  for (let i = 0; i < 200; i += 1) {
    const r = desk.call('exports:status', { jobId: job.jobId });
    if (!r.ok) throw new Error(r.error.message);
    const view = r.value;
    if (view.state !== 'running') return view;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error('export never finished');
}

describe('export jobs', () => {
  it('writes the quarterly return in the background and hands it over once as a download', async () => {
    const started = await desk.callAsync('exports:boardReturn', { quarter: '2026-Q3' });
    expect(started).toMatchObject({ ok: true, value: { state: 'running', fileName: 'board-return-2026-Q3.xlsx' } });
    const done = await finished(ok(started));
    expect(done).toMatchObject({ state: 'done', progress: 1 });
    expect(done.message).toMatch(/1 escalations? on the register/);

    const delivery = await desk.callAsync('exports:deliver', { jobId: done.jobId });
    expect(delivery).toEqual({
      ok: true,
      value: { how: 'download', url: `./download/${done.jobId}`, fileName: 'board-return-2026-Q3.xlsx' },
    });
    // The download goes to a signed-in person: the key and their session's cookie, as the browser sends them.
    const response = await fetch(`http://127.0.0.1:${server.port}/download/${done.jobId}`, {
      headers: { 'x-desk-token': server.token, cookie: await sessionCookie() },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="board-return-2026-Q3.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toContain('Register');
    // Handed over once: the file holding case references does not linger.
    await new Promise((ok) => setTimeout(ok, 50));
    expect(desk.call('exports:status', { jobId: done.jobId })).toMatchObject({
      ok: false,
      error: { message: 'That export is no longer available: start it again.' },
    });
  });

  it('refuses a download without the launch token, or with the token but no signed-in session', async () => {
    const started = ok(await desk.callAsync('exports:agencyTemplate', { quarter: '2026-Q3', agencyId: null }));
    const done = await finished(started);
    expect(done.state).toBe('done');
    const url = `http://127.0.0.1:${server.port}/download/${done.jobId}`;
    expect((await fetch(url, { headers: { cookie: await sessionCookie() } })).status).toBe(403);
    const keyOnly = await fetch(url, { headers: { 'x-desk-token': server.token } });
    expect(keyOnly.status).toBe(403);
    expect(await keyOnly.text()).toBe('Sign in to the app to download this file.');
    expect((await fetch(url, { headers: { 'x-desk-token': server.token, cookie: 'desk_session=made-up' } })).status).toBe(403);
    // Still there for the person it was made for.
    expect(desk.call('exports:status', { jobId: done.jobId })).toMatchObject({ ok: true });
  });

  it('says plainly when a job is asked for that does not exist', async () => {
    expect(await desk.callAsync('exports:deliver', { jobId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { message: 'That export is no longer available: start it again.' },
    });
  });
});
