// Measures backups, the audit check at start-up and the retention review on a million-case records
// file, for docs/RELIABILITY.md. Not part of `npm test` (it takes a few minutes and about 7 GB of
// disk). Run: npx tsx scripts/measure-recovery.ts [empty folder]
// It seeds 20,000 demo cases with the real services, then copies them 50 times over (ids offset) and
// copies the audit trail with it, chained afresh, so the file has the shape and size of a board
// that logged a million cases.
import { multiplyBoard } from '../test/support/multiplyBoard';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDesk } from '../electron/desk/desk';
import { openFrontDesk } from '../electron/desk/frontDesk';
import { AuditWatch } from '../electron/desk/auditWatch';
import { backupBeforeMigration, fileChecksOut } from '../electron/db/backup';
import { DATABASE_FILE_NAME, openStore } from '../electron/db/open';
import { seedDemo } from '../electron/services/demo/seed';
import { verifyAuditChain } from '../electron/services/audit';
import { currentVersion } from '../electron/services/recordVersions';
import { TEST_KEY } from '../test/support/testKey';

const SEEDED = 20_000;
const COPIES = 50;
const folder = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'desk-measure-'));
const file = join(folder, DATABASE_FILE_NAME);
const figures: [string, string][] = [];
const since = (t: number) => performance.now() - t;
const seconds = (t: number) => `${(since(t) / 1000).toFixed(1)} s`;
const millis = (t: number) => `${since(t).toFixed(1)} ms`;
const note = (what: string, value: string) => {
  figures.push([what, value]);
  console.log(`${what}: ${value}`);
};

function seed(): void {
  const desk = openDesk({ key: TEST_KEY, dataFolder: folder, mode: 'web', version: 'measure', actor: () => 'measure' });
  seedDemo(desk.store, { count: SEEDED, seed: 1, until: '2026-11-20' });
  desk.close();
}

function multiply(): void {
  multiplyBoard(file, COPIES);
}

async function measure(): Promise<void> {
  let t = performance.now();
  const store = openStore(file, TEST_KEY);
  note('open the store (pragmas and the start-up quick_check)', seconds(t));
  const count = (sql: string) => (store.reader.prepare(sql).get() as { n: number }).n;
  note(
    'cases; audit entries',
    `${count('SELECT count(*) AS n FROM escalation').toLocaleString('en-GB')}; ${count('SELECT count(*) AS n FROM audit_entry').toLocaleString('en-GB')}`,
  );

  t = performance.now();
  const before = backupBeforeMigration(store.writer, folder, TEST_KEY);
  note('backup before a migration (VACUUM INTO, then quick_check of the copy)', seconds(t));
  rmSync(before);

  t = performance.now();
  const firstStart = new AuditWatch(store);
  firstStart.start();
  note('audit check at once, first start (no checkpoint yet)', millis(t));
  const stalls = monitorEventLoopDelay({ resolution: 5 });
  stalls.enable();
  t = performance.now();
  await firstStart.settled;
  stalls.disable();
  note('whole audit chain walked in the background', seconds(t));
  note('longest pause of the event loop during that walk', `${(stalls.max / 1e6).toFixed(0)} ms`);
  note('audit state after the walk', firstStart.health().state);
  t = performance.now();
  const nextStart = new AuditWatch(store);
  nextStart.start();
  note('audit check at once, next start (checkpoint and the entries after it)', millis(t));
  nextStart.stop();
  t = performance.now();
  verifyAuditChain(store.reader);
  note('verify-audit (whole chain, command line)', seconds(t));
  store.close();

  const host = openFrontDesk({ key: TEST_KEY, dataFolder: folder, mode: 'web', version: 'measure', actor: () => 'measure' });
  const desk = host.desk!;
  desk.dispatch('retention:setPeriod', { years: 1, basedOnVersion: currentVersion(desk.store.reader, 'settings', 1) });
  t = performance.now();
  const review = desk.dispatch('retention:review', { offset: 0, limit: 100 }) as { ok: true; value: { total: number } };
  note(`retention review, first page and count (${review.value.total.toLocaleString('en-GB')} cases due with a 1-year period)`, millis(t));
  t = performance.now();
  desk.dispatch('retention:review', { offset: 500_000, limit: 100 });
  note('retention review, the page at case 500,000', millis(t));
  const old = desk.store.reader
    .prepare("SELECT id, reference FROM escalation WHERE status = 'withdrawn' AND ended_on < '2025-01-01' LIMIT 1")
    .get() as { id: number; reference: string };
  t = performance.now();
  const deleted = desk.dispatch('retention:deleteCase', {
    escalationId: old.id,
    confirmReference: old.reference,
    reason: 'Measuring a deletion at a million cases.',
    basedOnVersion: currentVersion(desk.store.reader, 'case', old.id),
  });
  note('deleting one case after review', `${millis(t)} (${deleted.ok ? 'deleted' : 'refused'})`);
  t = performance.now();
  const backup = (await host.dispatchAsync('backups:create', {})) as { ok: true; value: { name: string; size: number } };
  note('online backup ("Back up now")', `${seconds(t)}, ${(backup.value.size / 1e9).toFixed(2)} GB`);
  t = performance.now();
  fileChecksOut(join(folder, 'backups', backup.value.name), TEST_KEY);
  note('quick_check of that backup (the Backups screen, once per backup)', seconds(t));
  await host.auditSettled();
  host.close();
}

let t = performance.now();
seed();
note(`seeding ${SEEDED.toLocaleString('en-GB')} demo cases`, seconds(t));
t = performance.now();
multiply();
note(`copying them to ${(SEEDED * COPIES).toLocaleString('en-GB')}`, seconds(t));
await measure();
console.log(
  `\n| measured | figure |\n| --- | --- |\n${figures.map(([w, v]) => `| ${w} | ${v} |`).join('\n')}\n\nFiles left in ${folder}: delete it when done.`,
);
