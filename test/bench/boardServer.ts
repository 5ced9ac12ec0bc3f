// The board server under a board's day (issue 15, item 7): `npm run serve` in its own process over
// HTTPS on loopback, a 100,000-case board, and 50 signed-in staff of every role, each on an address
// of their own, doing a realistic mix with think time (one request every 1 to 2 s per person):
// register pages and filters, a case opened, the deadlines screen, the learning hub's quarter and
// the panels list as reads; a stage discussion recorded, a case logged, an agency officer added as
// writes. Each kind's p50/p95/p99 beside the same calls made in-process through the desk (the
// ratio is what the server costs), the errors, and the lost updates: every acknowledged write is
// looked for in the file afterwards.
//
// BENCH_SERVER_SECONDS (default 60), BENCH_SERVER_CASES (default 100000) and BENCH_SERVER_STAFF
// (default 50) shorten it for a quick check.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { quarterOf, shiftQuarter } from '../../shared/domain/quarter';
import type { Role } from '../../shared/domain/accounts';
import type { Desk } from '../../electron/desk/desk';
import type { Channel } from '../../shared/contract';
import { inputOnLatest } from '../support/latest';
import { StaffBrowser, type BoardTarget } from '../support/boardClient';
import { startServe } from '../db/boardServerProcess';
import { copiedBoard, openBenchDesk, type Board } from './boards';
import { count, ms, percentile, type Result } from './results';
import { openTestDb } from '../support/testKey';

const PASSWORD = 'correct horse battery staple';
const READ_P95_MS = 50;
const WRITE_P95_MS = 150;
/** Calls of each kind made in-process, for the side the server is compared with. */
const IN_PROCESS_RUNS = 40;

export interface ServerLoadOptions {
  seconds: number;
  cases: number;
  staff: number;
}

export const serverLoadOptions = (env: NodeJS.ProcessEnv): ServerLoadOptions => ({
  seconds: Number(env.BENCH_SERVER_SECONDS ?? 60),
  cases: Number(env.BENCH_SERVER_CASES ?? 100_000),
  staff: Number(env.BENCH_SERVER_STAFF ?? 50),
});

type Kind =
  | 'register page'
  | 'register filter'
  | 'open a case'
  | 'deadlines'
  | 'dashboard quarter'
  | 'panels list'
  | 'record a stage discussion'
  | 'log a new case'
  | 'add an agency officer';
const READS: Kind[] = ['register page', 'register filter', 'open a case', 'deadlines', 'dashboard quarter', 'panels list'];
const WRITES: Kind[] = ['record a stage discussion', 'log a new case', 'add an agency officer'];

/** What the board holds that the calls name: read once from the file. */
interface Fixtures {
  agencies: number[];
  openCases: number[];
  references: string[];
  quarter: string;
  categoryId: number;
}

function fixturesOf(board: Board, desk: Desk): Fixtures {
  const db = openTestDb(board.file, { readonly: true });
  try {
    const agencies = (db.prepare('SELECT id FROM agency ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    const openCases = (
      db.prepare("SELECT id FROM escalation WHERE status = 'open' ORDER BY id DESC LIMIT 5000").all() as { id: number }[]
    ).map((r) => r.id);
    const references = (db.prepare('SELECT reference FROM escalation ORDER BY id LIMIT 2000').all() as { reference: string }[]).map(
      (r) => r.reference,
    );
    const newest = (db.prepare('SELECT max(opened_on) AS newest FROM escalation').get() as { newest: string }).newest;
    const settings = desk.call('settings:get', {});
    if (!settings.ok) throw new Error(settings.error.message);
    return {
      agencies,
      openCases,
      references,
      quarter: shiftQuarter(quarterOf(newest, 4).key, -1, 4).key,
      categoryId: settings.value.categories[0]!.id,
    };
  } finally {
    db.close();
  }
}

/** One call of a kind: its channel and input. `token` makes a write findable afterwards; `mine` are the cases this person writes to. */
function callOf(
  kind: Kind,
  fx: Fixtures,
  pick: (n: number) => number,
  token: string,
  mine: number[],
): { channel: string; input: Record<string, unknown> } {
  switch (kind) {
    case 'register page':
      return { channel: 'escalations:list', input: { offset: pick(5) * 100, limit: 100 } };
    case 'register filter':
      return [
        { channel: 'escalations:list', input: { status: 'open', agencyId: fx.agencies[pick(fx.agencies.length)]!, limit: 100 } },
        { channel: 'escalations:list', input: { search: fx.references[pick(fx.references.length)]!, limit: 100 } },
        { channel: 'escalations:list', input: { status: 'open', state: 'overdue', limit: 100 } },
        { channel: 'escalations:list', input: { stage: 2, quarter: fx.quarter, limit: 100 } },
      ][pick(4)]!;
    case 'open a case':
      return { channel: 'escalations:get', input: { escalationId: fx.openCases[pick(fx.openCases.length)]! } };
    case 'deadlines':
      return { channel: 'escalations:overdue', input: {} };
    case 'dashboard quarter':
      return { channel: 'dashboard:quarter', input: { quarter: fx.quarter } };
    case 'panels list':
      return { channel: 'panels:list', input: {} };
    case 'record a stage discussion':
      return {
        channel: 'escalations:recordStage',
        input: {
          escalationId: mine[pick(mine.length)]!,
          discussion: `Discussed at the stage meeting; both agencies agreed next steps (note ${token}).`,
        },
      };
    case 'log a new case':
      return {
        channel: 'escalations:create',
        input: {
          reference: token,
          childInitials: 'AB',
          raisingAgencyId: fx.agencies[0]!,
          raisingWorkerRole: 'Designated safeguarding lead',
          raisingWorkerEmail: 'dsl@school.example.uk',
          challengedAgencyIds: [fx.agencies[1]!],
          categoryId: fx.categoryId,
          childStatus: 'child_in_need',
          summary: 'The school asks the council to look again at its threshold decision.',
          openedOn: '2026-11-20',
          immediateRisk: false,
        },
      };
    case 'add an agency officer':
      return {
        channel: 'officers:add',
        input: {
          agencyId: fx.agencies[pick(fx.agencies.length)]!,
          name: 'Sam Taylor',
          role: 'Safeguarding lead',
          email: `${token.toLowerCase()}@agency.example.gov.uk`,
          senior: false,
          boardRepresentative: false,
        },
      };
  }
}

const isWrite = (kind: Kind) => WRITES.includes(kind);

/**
 * A write's input based on the record as it stands, as the page has it before the person saves:
 * looked up before the clock starts, since a person's form already holds it.
 */
async function ready(via: { desk: Desk } | { browser: StaffBrowser }, channel: string, input: Record<string, unknown>) {
  if ('desk' in via) return inputOnLatest(via.desk, channel as Channel, input as never) as Record<string, unknown>;
  return via.browser.basedOnLatest(channel, input);
}

/** Each write goes through here (in-process or over the server): the one place to add what a write must carry. */
async function sendWrite(
  via: { desk: Desk } | { browser: StaffBrowser },
  channel: string,
  input: Record<string, unknown>,
): Promise<{ ok: boolean; message?: string; stale?: boolean }> {
  const result = 'desk' in via ? via.desk.call(channel as never, input as never) : (await via.browser.write(channel, input)).body;
  return result.ok ? { ok: true } : { ok: false, message: result.error.message, stale: result.error.code === 'stale' };
}

/** A read, in-process or over the server, answered the same way as a write. */
async function sendRead(
  via: { desk: Desk } | { browser: StaffBrowser },
  channel: string,
  input: Record<string, unknown>,
): Promise<{ ok: boolean; message?: string }> {
  const result = 'desk' in via ? via.desk.call(channel as never, input as never) : (await via.browser.call(channel, input)).body;
  return result.ok ? { ok: true } : { ok: false, message: result.error.message };
}

const percentiles = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95), p99: percentile(xs, 99) });
const spread = (xs: number[]) => {
  const p = percentiles(xs);
  return `${ms(p.p50)} / ${ms(p.p95)} / ${ms(p.p99)}`;
};

/** The same calls through the desk in this process: what the work itself costs, without HTTPS, JSON and the network. */
async function inProcess(desk: Desk, fx: Fixtures): Promise<Map<Kind, number[]>> {
  const times = new Map<Kind, number[]>();
  const pick = seeded(7);
  for (const kind of [...READS, ...WRITES]) {
    const taken: number[] = [];
    for (let i = 0; i < IN_PROCESS_RUNS + 1; i += 1) {
      const call = callOf(kind, fx, pick, `INPROC-${kind.length}-${i}`, fx.openCases.slice(-100));
      const { channel } = call;
      const input = isWrite(kind) ? await ready({ desk }, channel, call.input) : call.input;
      const started = performance.now();
      const answer = await (isWrite(kind) ? sendWrite : sendRead)({ desk }, channel, input);
      const took = performance.now() - started;
      if (!answer.ok) throw new Error(`in-process ${kind} was refused: ${answer.message}`);
      if (i > 0) taken.push(took); // the first warms the statements
    }
    times.set(kind, taken);
  }
  return times;
}

/** A seeded pick of 0..n-1 (mulberry32: so runs are comparable). */
function seeded(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const ROLE_MIX: Role[] = [
  'coordinator',
  'coordinator',
  'coordinator',
  'coordinator',
  'chair',
  'chair',
  'learning_hub',
  'learning_hub',
  'learning_hub',
  'read_only',
];

interface Staff {
  userName: string;
  role: Role;
  browser: StaffBrowser;
  mine: number[];
}

export async function measureBoardServer(options: ServerLoadOptions): Promise<Result[]> {
  const say = (line: string) => process.stderr.write(`  ${line}\n`);
  say(`board server: building a ${count(options.cases)}-case board`);
  const built = performance.now();
  const board = copiedBoard(options.cases);
  const buildMs = performance.now() - built;
  say(`board server: ${count(board.escalations)} cases built in ${ms(buildMs)}`);

  const desk = openBenchDesk(board.folder);
  const fx = fixturesOf(board, desk);
  say('board server: the same calls in-process');
  const local = await inProcess(desk, fx);
  desk.close();

  const server = await startServe(['--data', board.folder, '--listen', '127.0.0.2:0']);
  const target: BoardTarget = {
    host: '127.0.0.2',
    port: server.port,
    origin: server.origin,
    ca: readFileSync(join(board.folder, 'tls', 'server-cert.pem'), 'utf8'),
  };
  const staff: Staff[] = [];
  const samples = new Map<Kind, number[]>([...READS, ...WRITES].map((k) => [k, []]));
  const errors: string[] = [];
  const conflicts: string[] = [];
  const acknowledged: { kind: Kind; token: string }[] = [];
  let elapsed: number;
  try {
    const lead = new StaffBrowser(target, '127.0.0.99');
    const setUp = await lead.call('session:setUp', {
      userName: 'lead',
      displayName: 'Lead Coordinator',
      password: PASSWORD,
      repeatPassword: PASSWORD,
    });
    if (!setUp.body.ok) throw new Error(setUp.body.error.message);
    say(`board server: ${options.staff} staff signing in`);
    const coordinators = Array.from({ length: options.staff }, (_, i) => ROLE_MIX[i % ROLE_MIX.length]!).filter(
      (r) => r === 'coordinator',
    ).length;
    let c = 0;
    for (let i = 0; i < options.staff; i += 1) {
      const role = ROLE_MIX[i % ROLE_MIX.length]!;
      const userName = `staff${i + 1}`;
      const made = await lead.call('users:create', { userName, displayName: `Staff Member ${i + 1}`, role, password: PASSWORD });
      if (!made.body.ok) throw new Error(made.body.error.message);
      const browser = new StaffBrowser(target, `127.0.0.${100 + i}`);
      await browser.signIn(userName, PASSWORD);
      // Each coordinator records discussions on cases of their own: two people on one case is the versions test's business.
      const mine = role === 'coordinator' ? fx.openCases.filter((_, k) => k % coordinators === c) : [];
      if (role === 'coordinator') c += 1;
      staff.push({ userName, role, browser, mine });
    }
    lead.close();

    say(`board server: ${options.staff} staff at work for ${options.seconds} s`);
    const started = performance.now();
    const until = started + options.seconds * 1000;
    await Promise.all(
      staff.map(async (person, i) => {
        const pick = seeded(1000 + i);
        let n = 0;
        // Staggered start, then one request every 1 to 2 s.
        await sleep(pick(1500));
        while (performance.now() < until) {
          n += 1;
          const writes = person.role === 'coordinator' && pick(10) < 4;
          const kind = writes ? WRITES[[0, 0, 1, 2][pick(4)]!]! : READS[pick(READS.length)]!;
          const token = `LOAD-${person.userName.toUpperCase()}-${n}`;
          const call = callOf(kind, fx, pick, token, person.mine);
          const { channel } = call;
          try {
            const input = isWrite(kind) ? await ready({ browser: person.browser }, channel, call.input) : call.input;
            const sent = performance.now();
            let answer = await (isWrite(kind) ? sendWrite : sendRead)({ browser: person.browser }, channel, input);
            samples.get(kind)!.push(performance.now() - sent);
            // Two coordinators saved the same agency at once: the later is told who changed it and
            // saves again on the record as it now stands, as the refusal asks. Not an error.
            if (!answer.ok && 'stale' in answer && answer.stale) {
              conflicts.push(`${kind}: ${answer.message}`);
              answer = await sendWrite({ browser: person.browser }, channel, await ready({ browser: person.browser }, channel, call.input));
            }
            if (!answer.ok) errors.push(`${kind}: ${answer.message}`);
            else if (isWrite(kind)) acknowledged.push({ kind, token });
          } catch (error) {
            errors.push(`${kind}: ${error instanceof Error ? error.message : String(error)}`);
          }
          await sleep(1000 + pick(1000));
        }
      }),
    );
    elapsed = (performance.now() - started) / 1000;
  } finally {
    for (const person of staff) person.browser.close();
    await server.stop();
  }

  const lost = lostUpdates(board.file, acknowledged);
  rmSync(board.folder, { recursive: true, force: true });
  const calls = [...samples.values()].reduce((sum, xs) => sum + xs.length, 0);
  const results: Result[] = [...READS, ...WRITES].map((kind) => {
    const over = samples.get(kind)!;
    const inside = local.get(kind)!;
    const goal = isWrite(kind) ? WRITE_P95_MS : READ_P95_MS;
    const p95 = percentile(over, 95);
    return {
      measure: `board server, ${isWrite(kind) ? 'write' : 'read'}: ${kind} (p50 / p95 / p99, ${count(over.length)} calls)`,
      size: board.escalations,
      app: over.length ? spread(over) : 'no calls',
      raw: `${spread(inside)} in-process`,
      ratio: `${(p95 / Math.max(percentile(inside, 95), 0.01)).toFixed(1)}x at p95`,
      goal: `p95 < ${goal} ms`,
      met: over.length > 0 && p95 < goal,
    };
  });
  results.push({
    measure: `board server: ${options.staff} staff for ${Math.round(elapsed)} s over HTTPS, errors and lost updates`,
    size: board.escalations,
    app: `${count(errors.length)} errors, ${count(lost.length)} lost of ${count(acknowledged.length)} acknowledged writes`,
    raw: '—',
    ratio: '—',
    goal: '0 errors, 0 lost',
    met: errors.length === 0 && lost.length === 0,
    notes: [
      `${count(calls)} calls in ${Math.round(elapsed)} s: ${(calls / Math.max(elapsed, 1)).toFixed(1)} requests/s from ${options.staff} staff (think time 1-2 s each)`,
      `board of ${count(board.escalations)} cases built in ${ms(buildMs)} (${count(Math.min(options.cases, 20_000))} seeded through the services, the rest copies)`,
      `${count(conflicts.length)} saves refused because another person had just changed the same record, each saved again on the record as it then stood`,
      ...errors.slice(0, 5).map((e) => `error: ${e}`),
      ...lost.slice(0, 5).map((l) => `lost: ${l}`),
    ],
  });
  return results;
}

/** Every acknowledged write, looked for in the file: a case by its reference, an officer by e-mail, a discussion in the audit trail. */
function lostUpdates(file: string, acknowledged: { kind: Kind; token: string }[]): string[] {
  const db = openTestDb(file, { readonly: true });
  try {
    const caseBy = db.prepare('SELECT count(*) AS n FROM escalation WHERE reference = ?');
    const officerBy = db.prepare('SELECT count(*) AS n FROM officer WHERE email = ?');
    const noted = new Set<string>();
    for (const row of db
      .prepare("SELECT after_json AS after FROM audit_entry WHERE after_json LIKE '%(note LOAD-%'")
      .iterate() as Iterable<{ after: string }>) {
      for (const found of row.after.matchAll(/\(note (LOAD-[A-Z0-9]+-\d+)\)/g)) noted.add(found[1]!);
    }
    return acknowledged
      .filter(({ kind, token }) =>
        kind === 'log a new case'
          ? (caseBy.get(token) as { n: number }).n !== 1
          : kind === 'add an agency officer'
            ? (officerBy.get(`${token.toLowerCase()}@agency.example.gov.uk`) as { n: number }).n !== 1
            : !noted.has(token),
      )
      .map(({ kind, token }) => `${kind} ${token}`);
  } finally {
    db.close();
  }
}

const sleep = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));
