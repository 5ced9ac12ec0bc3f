// The desktop app as a client of the board's server (issue 15, item 5), tested in Node against the
// real server (serve.ts in its own process on 127.0.0.2, over real TLS with its self-signed
// certificate), dialled from 127.0.0.5 as a colleague's machine would: the forwarding the main
// process registers in the desk's place, since the Electron binary cannot run here.
import ExcelJS from 'exceljs';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBoardClient, type BoardClient } from '../../electron/client/boardClient';
import { openConnectionHost } from '../../electron/client/connectionHost';
import { CONNECTION_FILE } from '../../electron/client/connection';
import { DATABASE_FILE_NAME } from '../../electron/db/open';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';
import type { JobView } from '../../shared/domain/exports';
import type { Result } from '../../shared/result';
import { tempFolder } from '../support/tempStore';
import { startServe, type RunningServe } from './boardServerProcess';
import { openTestDb } from '../support/testKey';

const folders: string[] = [];
const running: RunningServe[] = [];
const folder = (prefix: string) => {
  const made = tempFolder(prefix);
  folders.push(made);
  return made;
};
afterAll(async () => {
  for (const server of running) await server.stop();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

const PASSWORD = 'correct horse battery staple';
const FROM = '127.0.0.5';

const typed =
  (client: BoardClient) =>
  <C extends Channel>(channel: C, input: ChannelInput<C>) =>
    client.dispatchAsync(channel, input) as Promise<Result<ChannelOutput<C>>>;

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got: ${result.error.message}`);
  return result.value;
}

const apiRequestsLogged = (server: RunningServe) => (server.stdout().match(/POST \/api\/:channel \d+/g) ?? []).length;

async function serve(data: string, listen = '127.0.0.2:0'): Promise<RunningServe> {
  const server = await startServe(['--data', data, '--listen', listen]);
  running.push(server);
  return server;
}

async function finished(call: ReturnType<typeof typed>, job: JobView): Promise<JobView> {
  for (let i = 0; i < 400; i += 1) {
    const view = value(await call('exports:status', { jobId: job.jobId }));
    if (view.state !== 'running') return view;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error('export never finished');
}

describe('the desktop app connected to the board server', () => {
  const data = folder('desk-client-server-');
  const appData = folder('desk-client-appdata-');
  const saved = folder('desk-client-saved-');
  let server: RunningServe;

  it('signs in, records an agency and a case on the server, and reads them back through the client and from the server’s file', async () => {
    server = await serve(data);
    expect(server.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const client = createBoardClient({ url: server.origin, fingerprint: server.fingerprint!, localAddress: FROM });
    const call = typed(client);

    expect(value(await call('app:info', {}))).toMatchObject({ mode: 'web' });
    expect(value(await call('session:status', {}))).toEqual({ state: 'no_accounts' });
    const setUp = value(
      await call('session:setUp', {
        userName: 'coordinator',
        displayName: 'Board Coordinator',
        password: PASSWORD,
        repeatPassword: PASSWORD,
      }),
    );
    expect(setUp).toMatchObject({ state: 'signed_in', user: { userName: 'coordinator' } });
    // The session the server made is the client's, kept in memory, presented on the next calls.
    expect(value(await call('session:status', {}))).toMatchObject({ state: 'signed_in' });

    const agency = value(
      await call('agencies:create', { name: 'Hollyfield Primary School', sector: 'education', statutoryPartner: false }),
    );
    const council = value(
      await call('agencies:create', { name: 'Bristol City Council', sector: 'childrens_social_care', statutoryPartner: true }),
    );
    const settings = value(await call('settings:get', {}));
    const profile = settings.profiles.find((p) => p.basedOn === null)!;
    value(await call('profiles:choose', { profileId: profile.id, basedOnVersion: settings.version }));
    const created = value(
      await call('escalations:create', {
        reference: 'CS-1001',
        childInitials: 'AB',
        raisingAgencyId: agency.id,
        raisingWorkerRole: 'Designated safeguarding lead',
        raisingWorkerEmail: 'dsl@hollyfield.example.uk',
        challengedAgencyIds: [council.id],
        categoryId: settings.categories[0]!.id,
        childStatus: 'child_in_need',
        summary: 'The school believes the threshold decision leaves the child without a plan.',
        openedOn: '2026-11-16',
        immediateRisk: false,
      }),
    );

    // Read back through the client…
    expect(value(await call('agencies:get', { agencyId: agency.id }))).toMatchObject({ name: 'Hollyfield Primary School' });
    expect(value(await call('escalations:get', { escalationId: created.id }))).toMatchObject({ reference: 'CS-1001', childInitials: 'AB' });
    // …and straight from the server's own records file.
    const db = openTestDb(join(data, DATABASE_FILE_NAME), { readonly: true, fileMustExist: true });
    try {
      expect(db.prepare('SELECT name FROM agency WHERE id = ?').get(agency.id)).toEqual({ name: 'Hollyfield Primary School' });
      expect(db.prepare('SELECT reference FROM escalation WHERE id = ?').get(created.id)).toEqual({ reference: 'CS-1001' });
    } finally {
      db.close();
    }

    // A contract refusal from the server comes back as the server said it, problems and all.
    const refused = await call('agencies:create', { name: '', sector: 'education', statutoryPartner: false });
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Nothing was saved/) } });
    if (refused.ok) throw new Error('expected a refusal');
    expect(refused.error.problems.length).toBeGreaterThan(0);
  });

  it('hands an export over as a file where the person chose, read back with exceljs', async () => {
    const target = join(saved, 'board-return-2026-Q3.xlsx');
    const asked: string[] = [];
    const client = createBoardClient({
      url: server.origin,
      fingerprint: server.fingerprint!,
      localAddress: FROM,
      chooseSavePath: async (fileName) => (asked.push(fileName), target),
    });
    const call = typed(client);
    value(await call('session:signIn', { userName: 'coordinator', password: PASSWORD }));
    const done = await finished(call, value(await call('exports:boardReturn', { quarter: '2026-Q3' })));
    expect(done.state).toBe('done');
    expect(value(await call('exports:deliver', { jobId: done.jobId }))).toEqual({ how: 'saved', path: target });
    expect(asked).toEqual(['board-return-2026-Q3.xlsx']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(target) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toContain('Register');
    const cells: string[] = [];
    workbook.getWorksheet('Register')!.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.value))));
    expect(cells).toContain('CS-1001');
    // Only the workbook: no half-written copy left beside it.
    expect(readdirSync(saved)).toEqual(['board-return-2026-Q3.xlsx']);
    // Handed over once: the server no longer holds it.
    expect(await call('exports:deliver', { jobId: done.jobId })).toMatchObject({ ok: false });
  });

  it('refuses a server with another certificate before sending a single request, naming both fingerprints', async () => {
    const wrong = Array.from({ length: 32 }, (_, i) => (i * 7 + 16).toString(16).toUpperCase().padStart(2, '0')).join(':');
    expect(wrong).not.toBe(server.fingerprint);
    const before = apiRequestsLogged(server);
    const client = createBoardClient({ url: server.origin, fingerprint: wrong, localAddress: FROM });
    const answer = await client.dispatchAsync('session:signIn', { userName: 'coordinator', password: PASSWORD });
    expect(answer).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    if (answer.ok) throw new Error('expected a refusal');
    expect(answer.error.message).toContain(server.fingerprint!);
    expect(answer.error.message).toContain(wrong);
    expect(answer.error.message).toMatch(/Nothing was sent/);
    // The server answered no request: its log has no new line (a request it read would be logged).
    const probe = createBoardClient({ url: server.origin, fingerprint: server.fingerprint!, localAddress: FROM });
    value(await probe.dispatchAsync('app:info', {}));
    expect(apiRequestsLogged(server)).toBe(before + 1);
  });

  it('says plainly when the server cannot be reached, keeps nothing here, and works again (with a new sign-in) once it is back', async () => {
    const opened: string[] = [];
    const host = openConnectionHost({
      appDataFolder: appData,
      fromFlags: null,
      openLocal: () => {
        opened.push('local');
        throw new Error('the records on this computer must not be opened while connected to the server');
      },
      localAddress: FROM,
    });
    expect(value(await host.dispatchAsync('connection:get', {}))).toEqual({ mode: 'unchosen', problem: null });
    expect(await host.dispatchAsync('agencies:list', {})).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/Choose first/) },
    });
    expect(
      value(
        await host.dispatchAsync('connection:choose', {
          mode: 'server',
          url: `${server.origin}/`,
          fingerprint: server.fingerprint!.toLowerCase(),
        }),
      ),
    ).toEqual({
      mode: 'server',
      url: server.origin,
      fingerprint: server.fingerprint,
      reachable: true,
      problem: null,
    });
    expect(JSON.parse(readFileSync(join(appData, CONNECTION_FILE), 'utf8'))).toEqual({
      mode: 'server',
      url: server.origin,
      fingerprint: server.fingerprint,
    });
    expect(statSync(join(appData, CONNECTION_FILE)).mode & 0o777).toBe(0o600);
    const call = <C extends Channel>(channel: C, input: ChannelInput<C>) =>
      host.dispatchAsync(channel, input) as Promise<Result<ChannelOutput<C>>>;
    value(await call('session:signIn', { userName: 'coordinator', password: PASSWORD }));
    expect(value(await call('agencies:list', {})).map((a) => a.name)).toContain('Bristol City Council');

    const port = server.port;
    expect(await server.stop()).toEqual({ code: 0, signal: null });
    const offline = await call('agencies:create', { name: 'Sirona Care and Health', sector: 'health', statutoryPartner: true });
    expect(offline).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    if (offline.ok) throw new Error('expected a refusal');
    expect(offline.error.message).toBe(
      `The board server at ${server.origin} cannot be reached (connection refused: the server is not running, or not on that port). ` +
        'Nothing was saved on this computer; try again when the server is back.',
    );
    expect(value(await host.dispatchAsync('connection:get', {}))).toMatchObject({
      mode: 'server',
      reachable: false,
      problem: offline.error.message,
    });
    // Nothing kept here: no local records were opened, and the app-data folder holds the choice alone.
    expect(opened).toEqual([]);
    expect(readdirSync(appData)).toEqual([CONNECTION_FILE]);

    server = await serve(data, `127.0.0.2:${port}`);
    // The server's sessions went with it: said plainly, and the window is asked to sign in again.
    const lost = await call('agencies:list', {});
    expect(lost).toMatchObject({ ok: false, error: { code: 'signed_out' } });
    if (lost.ok) throw new Error('expected a refusal');
    expect(lost.error.message).toMatch(/no longer has this window’s sign-in \(it may have restarted/);
    value(await call('session:signIn', { userName: 'coordinator', password: PASSWORD }));
    const names = value(await call('agencies:list', {})).map((a) => a.name);
    expect(names).toContain('Bristol City Council');
    expect(names).not.toContain('Sirona Care and Health');
  });
});
