// Exports run as background jobs with progress, and reach the person as a download (web mode).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '../../shared/domain/exports';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { logEscalation, seedBoard } from '../support/boardFixture';
import { openTestDesk, tempFolder, type TestDesk } from '../support/tempStore';

let desk: TestDesk;
let server: WebServer;
beforeAll(async () => {
  desk = openTestDesk();
  const board = seedBoard(desk, 'bromley');
  logEscalation(desk, board, { openedOn: '2026-10-05' });
  server = await startWebServer({ dispatch: desk.dispatchAsync, downloads: desk.exports, rendererDir: tempFolder() });
});
afterAll(async () => {
  await server.close();
  desk.cleanup();
});

async function finished(job: JobView): Promise<JobView> {
  for (let i = 0; i < 200; i += 1) {
    const r = desk.dispatch('exports:status', { jobId: job.jobId });
    if (!r.ok) throw new Error(r.error.message);
    const view = r.value as JobView;
    if (view.state !== 'running') return view;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error('export never finished');
}

describe('export jobs', () => {
  it('writes the quarterly return in the background and hands it over once as a download', async () => {
    const started = await desk.dispatchAsync('exports:boardReturn', { quarter: '2026-Q3' });
    expect(started).toMatchObject({ ok: true, value: { state: 'running', fileName: 'board-return-2026-Q3.xlsx' } });
    const done = await finished((started as { value: JobView }).value);
    expect(done).toMatchObject({ state: 'done', progress: 1 });
    expect(done.message).toMatch(/1 escalations? on the register/);

    const delivery = await desk.dispatchAsync('exports:deliver', { jobId: done.jobId });
    expect(delivery).toEqual({ ok: true, value: { how: 'download', url: `./download/${done.jobId}`, fileName: 'board-return-2026-Q3.xlsx' } });
    const response = await fetch(`http://127.0.0.1:${server.port}/download/${done.jobId}`, { headers: { 'x-desk-token': server.token } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="board-return-2026-Q3.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toContain('Register');
    // Handed over once: the file holding case references does not linger.
    await new Promise((ok) => setTimeout(ok, 50));
    expect(desk.dispatch('exports:status', { jobId: done.jobId })).toMatchObject({ ok: false, error: { message: 'That export is no longer available: start it again.' } });
  });

  it('refuses a download without the launch token', async () => {
    const started = (await desk.dispatchAsync('exports:agencyTemplate', { quarter: '2026-Q3', agencyId: null })) as { ok: true; value: JobView };
    const done = await finished(started.value);
    expect(done.state).toBe('done');
    expect((await fetch(`http://127.0.0.1:${server.port}/download/${done.jobId}`)).status).toBe(403);
  });

  it('says plainly when a job is asked for that does not exist', async () => {
    expect(await desk.dispatchAsync('exports:deliver', { jobId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, error: { message: 'That export is no longer available: start it again.' } });
  });
});
