// The board server SIGKILLed under load, many times (issue 15, item 7): a few members of staff,
// each signed in over HTTPS from a machine of their own, keep logging cases and adding agencies and
// note every write the server acknowledged. The server is killed at random moments (no backup, no
// goodbye) and started again on the same data folder; staff notice the loss, sign in again and carry
// on. Afterwards every acknowledged write is there exactly once (read through the server and from
// the file), a write that got no answer is there once or not at all, the audit chain verifies and
// the file passes its integrity check.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../electron/db/open';
import { verifyAuditChain } from '../../electron/services/audit';
import type { ReadableDb } from '../../electron/db/types';
import { StaffBrowser, type BoardTarget } from '../support/boardClient';
import { tempFolder } from '../support/tempStore';
import { startServe, type RunningServe } from './boardServerProcess';
import { openTestDb } from '../support/testKey';

const KILLS = Number(process.env.KILLS ?? 8);
const STAFF = ['alex', 'bea', 'cal'] as const;
const PASSWORD = 'correct horse battery staple';
const SEED = 20261123;

let data = '';
let server: RunningServe | null = null;
afterAll(async () => {
  await server?.stop();
  if (data) rmSync(data, { recursive: true, force: true });
});

interface Board {
  school: number;
  council: number;
  categoryId: number;
}

/** What one person did: each write by its unique name, acknowledged or sent without an answer. */
interface Ledger {
  acknowledged: string[];
  unanswered: string[];
  reconnects: { afterKill: number; ms: number }[];
  refusals: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One person's work: write, note the answer; on a lost connection, sign in again (waiting for the server) and go on. */
async function work(
  who: string,
  browser: StaffBrowser,
  board: Board,
  state: { stopping: boolean; kills: number },
  ledger: Ledger,
): Promise<void> {
  let n = 0;
  while (!state.stopping) {
    n += 1;
    // Unique names: a case reference (letters, digits, -) or an agency's name.
    const write =
      n % 2 === 0
        ? {
            key: `case:K-${who}-${n}`,
            channel: 'escalations:create',
            input: {
              reference: `K-${who}-${n}`,
              childInitials: 'AB',
              raisingAgencyId: board.school,
              raisingWorkerRole: 'Designated safeguarding lead',
              raisingWorkerEmail: 'dsl@school.example.uk',
              challengedAgencyIds: [board.council],
              categoryId: board.categoryId,
              childStatus: 'child_in_need',
              summary: 'The school asks the council to look again at its threshold decision.',
              openedOn: '2026-11-16',
              immediateRisk: false,
            },
          }
        : {
            key: `agency:Agency ${who} ${n}`,
            channel: 'agencies:create',
            input: { name: `Agency ${who} ${n}`, sector: 'health', statutoryPartner: false },
          };
    try {
      const answer = await browser.write(write.channel, write.input);
      if (answer.body.ok) ledger.acknowledged.push(write.key);
      else if (answer.body.error.code === 'signed_out') {
        // A server started afresh knows no sessions: signing in again is the page's own answer to this.
        ledger.unanswered.push(write.key);
        await reconnect(who, browser, state, ledger);
      } else ledger.refusals.push(`${write.key}: ${answer.body.error.message}`);
    } catch {
      // Refused or reset: the server is gone. The write may or may not have been committed.
      ledger.unanswered.push(write.key);
      await reconnect(who, browser, state, ledger);
    }
  }
}

async function reconnect(who: string, browser: StaffBrowser, state: { stopping: boolean; kills: number }, ledger: Ledger): Promise<void> {
  const lost = Date.now();
  for (;;) {
    try {
      browser.retarget(browser.target);
      await browser.signIn(who, PASSWORD);
      ledger.reconnects.push({ afterKill: state.kills, ms: Date.now() - lost });
      console.log(`${who}: the server could not be reached; signed in again after ${Date.now() - lost} ms (after kill ${state.kills})`);
      return;
    } catch {
      if (state.stopping && Date.now() - lost > 60_000) return;
      await sleep(250);
    }
  }
}

describe('the board server SIGKILLed under load', () => {
  it(`keeps every acknowledged write through ${KILLS} kills, and staff reconnect and say so`, async () => {
    data = tempFolder('desk-kill-');
    server = await startServe(['--data', data, '--listen', '127.0.0.2:0']);
    const port = server.port;
    const target: BoardTarget = {
      host: '127.0.0.2',
      port,
      origin: server.origin,
      ca: readFileSync(join(data, 'tls', 'server-cert.pem'), 'utf8'),
    };

    // The coordinator sets the board up and makes the staff's accounts, over the network like everyone else.
    const lead = new StaffBrowser(target, '127.0.0.10');
    expect(
      (
        await lead.call('session:setUp', {
          userName: 'lead',
          displayName: 'Lead Coordinator',
          password: PASSWORD,
          repeatPassword: PASSWORD,
        })
      ).body.ok,
    ).toBe(true);
    const agency = async (name: string, sector: string) => {
      const made = await lead.write<{ id: number }>('agencies:create', { name, sector, statutoryPartner: true });
      if (!made.body.ok) throw new Error(made.body.error.message);
      return made.body.value.id;
    };
    const settings = await lead.call<{ categories: { id: number }[]; profiles: { id: number; key: string; basedOn: number | null }[] }>(
      'settings:get',
      {},
    );
    if (!settings.body.ok) throw new Error(settings.body.error.message);
    const policy = settings.body.value.profiles.find((p) => p.key === 'bromley' && p.basedOn === null)!;
    expect((await lead.write('profiles:choose', { profileId: policy.id })).body.ok).toBe(true);
    const board: Board = {
      school: await agency('Hollyfield Primary School', 'education'),
      council: await agency('Bristol City Council', 'childrens_social_care'),
      categoryId: settings.body.value.categories[0]!.id,
    };
    for (const who of STAFF) {
      const made = await lead.call('users:create', { userName: who, displayName: `Staff ${who}`, role: 'coordinator', password: PASSWORD });
      expect(made.body.ok).toBe(true);
    }
    lead.close();

    const state = { stopping: false, kills: 0 };
    const ledgers = new Map<string, Ledger>();
    const browsers: StaffBrowser[] = [];
    const working = STAFF.map(async (who, i) => {
      const browser = new StaffBrowser(target, `127.0.0.${11 + i}`);
      browsers.push(browser);
      await browser.signIn(who, PASSWORD);
      const ledger: Ledger = { acknowledged: [], unanswered: [], reconnects: [], refusals: [] };
      ledgers.set(who, ledger);
      await work(who, browser, board, state, ledger);
    });

    // Kill at random moments (seeded, so a failure can be replayed), each time once writes are flowing again.
    const pauses = fc.sample(fc.integer({ min: 200, max: 1500 }), { numRuns: KILLS, seed: SEED });
    const acknowledgedSoFar = () => [...ledgers.values()].reduce((sum, l) => sum + l.acknowledged.length, 0);
    for (const pause of pauses) {
      const flowing = acknowledgedSoFar();
      while (acknowledgedSoFar() < flowing + 3) await sleep(50);
      await sleep(pause);
      server.child.kill('SIGKILL');
      expect(await server.exited).toEqual({ code: null, signal: 'SIGKILL' });
      state.kills += 1;
      server = await startServe(['--data', data, '--listen', `127.0.0.2:${port}`]);
    }
    // The last restart: let everyone reconnect and write a little more, then stop the load.
    const flowing = acknowledgedSoFar();
    while (acknowledgedSoFar() < flowing + 6) await sleep(50);
    state.stopping = true;
    await Promise.all(working);

    const all = [...ledgers.values()];
    const acknowledged = all.flatMap((l) => l.acknowledged);
    const unanswered = all.flatMap((l) => l.unanswered);
    expect(all.flatMap((l) => l.refusals)).toEqual([]);
    // Every person noticed every kill they were caught by, and came back: at least one reconnect per kill overall.
    const reconnects = all.flatMap((l) => l.reconnects);
    expect(new Set(reconnects.map((r) => r.afterKill)).size).toBe(KILLS);

    // Read back through the server (a fresh sign-in) ...
    const reader = new StaffBrowser(target, '127.0.0.19');
    await reader.signIn('alex', PASSWORD);
    const agencies = await reader.call<{ name: string }[]>('agencies:list', {});
    if (!agencies.body.ok) throw new Error(agencies.body.error.message);
    const served = new Set(agencies.body.value.map((a) => `agency:${a.name}`));
    for (let offset = 0; ; offset += 500) {
      const page = await reader.call<{ total: number; rows: { reference: string }[] }>('escalations:list', { offset, limit: 500 });
      if (!page.body.ok) throw new Error(page.body.error.message);
      for (const row of page.body.value.rows) served.add(`case:${row.reference}`);
      if (offset + 500 >= page.body.value.total) break;
    }
    reader.close();
    for (const browser of browsers) browser.close();
    expect(acknowledged.filter((key) => !served.has(key))).toEqual([]);

    // ... and straight from the file, once the server has stopped.
    expect(await server.stop()).toEqual({ code: 0, signal: null });
    server = null;
    const db = openTestDb(join(data, DATABASE_FILE_NAME), { readonly: true });
    try {
      const cases = db.prepare("SELECT reference, count(*) AS n FROM escalation WHERE reference LIKE 'K-%' GROUP BY reference").all() as {
        reference: string;
        n: number;
      }[];
      const agencyRows = db.prepare("SELECT name, count(*) AS n FROM agency WHERE name LIKE 'Agency %' GROUP BY name").all() as {
        name: string;
        n: number;
      }[];
      const inFile = new Map<string, number>([
        ...cases.map((c) => [`case:${c.reference}`, c.n] as const),
        ...agencyRows.map((a) => [`agency:${a.name}`, a.n] as const),
      ]);
      // Every acknowledged write exactly once; an unanswered one once or not at all; nothing never asked for.
      expect(acknowledged.filter((key) => inFile.get(key) !== 1)).toEqual([]);
      expect(unanswered.filter((key) => (inFile.get(key) ?? 0) > 1)).toEqual([]);
      const asked = new Set([...acknowledged, ...unanswered]);
      expect([...inFile.keys()].filter((key) => !asked.has(key))).toEqual([]);
      // Never half a write: each case in the file has its audit entry (one transaction with it).
      const unaudited = db
        .prepare(
          "SELECT e.reference FROM escalation e WHERE e.reference LIKE 'K-%' AND NOT EXISTS (SELECT 1 FROM audit_entry a WHERE a.entity = 'escalation' AND a.entity_id = e.id)",
        )
        .all();
      expect(unaudited).toEqual([]);
      expect(verifyAuditChain(db as unknown as ReadableDb).firstBadEntryId).toBeNull();
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const unansweredPresent = unanswered.filter((key) => inFile.has(key)).length;
      console.log(
        `SIGKILL under load: ${KILLS} kills, ${STAFF.length} staff, ${acknowledged.length} acknowledged writes all present once, ` +
          `${unanswered.length} unanswered (${unansweredPresent} committed, ${unanswered.length - unansweredPresent} not), ` +
          `${reconnects.length} reconnects (median ${reconnects.map((r) => r.ms).sort((a, b) => a - b)[Math.floor(reconnects.length / 2)]} ms), ` +
          `audit chain and integrity check ok`,
      );
    } finally {
      db.close();
    }
  }, 600_000);
});
