// A board's old spreadsheet register coming in (issue 18): a messy file made here, checked, refused
// while it has problems, corrected, imported whole, counted in the learning hub's trend for its own
// quarters, and imported again without a case twice. Through the desk's channels, as the screen and
// the board server call them, on real SQLite files; the .xlsx is a real workbook written by exceljs.
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { LegacyPreview } from '../../shared/domain/legacyRegister';
import { logEscalation, seedBoard, type Board } from '../support/boardFixture';
import { join } from 'node:path';
import { DATABASE_FILE_NAME } from '../../electron/db/open';
import { dbFingerprint } from '../support/dbFingerprint';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';
import { onLatest } from '../support/latest';
import { OTHER_BOARDS_HEADINGS } from '../support/legacyRegisters';

const NOW = new Date('2026-11-23T10:00:00Z');
let desk: TestDesk;
afterEach(() => desk.cleanup());

function start(): Board {
  desk = openTestDesk({ now: () => NOW });
  return seedBoard(desk, 'bromley');
}

const HEADINGS = OTHER_BOARDS_HEADINGS;
// Another board's wording, order and habits: "BCC" for Bristol City Council, stages as "Stg 2",
// text dates, an Excel serial date (45458 is 15/06/2024), a repeated row, a child's name in the
// notes and an agency that is not in the directory.
const MESSY = [
  [
    'LR-001',
    'AB',
    '03/02/2023',
    'Avon and Somerset Police',
    'BCC',
    'Level of need or threshold',
    'Stg 1',
    'Original decision upheld',
    '10/02/2023',
    'Threshold disagreement',
  ],
  ['LR-002', 'CD', '45458', 'Hollyfield Primary School', 'BCC', 'Level of need or threshold', 'Stg 2', 'Changed', '01/07/2024', ''],
  [
    'LR-003',
    'EF',
    '14/10/2025',
    'Sirona Care and Health',
    'Avon and Somerset Police',
    'Level of need or threshold',
    'Stage 3',
    '',
    '',
    'Still being discussed',
  ],
  ['LR-002', 'CD', '45458', 'Hollyfield Primary School', 'BCC', 'Level of need or threshold', 'Stg 2', 'Changed', '01/07/2024', ''],
  [
    'LR-004',
    'GH',
    '05/05/2025',
    'Hollyfield Primary School',
    'BCC',
    'Level of need or threshold',
    'Stg 1',
    'Withdrawn',
    '09/05/2025',
    'Jayden Okafor told the teacher',
  ],
  ['LR-005', 'JK', '12/12/2024', 'Westbury Youth Club', 'BCC', 'Level of need or threshold', 'Stg 1', 'Upheld', '20/12/2024', ''],
];

const csv = (rows: string[][]) => [HEADINGS, ...rows].map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\r\n');
const base64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

/** Rows in every table: what a rolled-back write must leave as it found. */
function rowCounts(): Record<string, number> {
  const tables = desk.store.reader
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  return Object.fromEntries(tables.map((t) => [t, desk.store.reader.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]));
}

async function preview(fileName: string, content: string | Buffer, extra: object = {}): Promise<LegacyPreview> {
  return ok(await desk.callAsync('legacy:preview', { fileName, contentBase64: base64(content), ...extra }));
}

async function importAndWait(fileName: string, content: string | Buffer, extra: object = {}) {
  const started = await desk.callAsync('legacy:import', { fileName, contentBase64: base64(content), remember: true, ...extra });
  if (!started.ok) return started;
  for (;;) {
    const job = ok(desk.call('legacy:status', { jobId: started.value.jobId }));
    if (job.state !== 'running') return { ok: true as const, value: job };
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('importing a legacy register', () => {
  it('guesses the columns, reads text and serial dates, and lists every problem row in plain words', async () => {
    const board = start();
    const seen = await preview('old register.csv', csv(MESSY));
    expect(seen.columns).toMatchObject({
      reference: 0,
      childInitials: 1,
      openedOn: 2,
      raisingAgency: 3,
      challengedAgency: 4,
      category: 5,
      stage: 6,
      outcome: 7,
      endedOn: 8,
      summary: 9,
    });
    expect(seen.rows).toBe(6);
    // The abbreviation is asked about, with the agency whose initials it is offered.
    expect(seen.unknown).toContainEqual({ kind: 'agency', text: 'BCC', rows: 5, suggestion: String(board.council) });
    expect(seen.unknown).toContainEqual({ kind: 'agency', text: 'Westbury Youth Club', rows: 1, suggestion: null });
    const problems = seen.problems.map((p) => `${p.row} ${p.column}: ${p.message}`);
    expect(problems).toContain(
      '6 Notes: “Jayden Okafor” looks like a person’s full name. The register keeps a case reference and initials only: remove the name from the file.',
    );
    expect(problems).toContain(
      '7 Agency raising the concern: “Westbury Youth Club” is not an agency in the directory: say what it means below.',
    );
    expect(problems.filter((p) => p.includes('BCC'))).toHaveLength(5);
    // "Stg 2", "Stage 3" and "Changed" are understood without asking.
    expect(seen.unknown.filter((u) => u.kind !== 'agency')).toEqual([]);
    // A row is looked up on the register only once it has no problem of its own.
    expect(seen.skipped).toEqual([]);
  });

  it('refuses to import while any row has a problem, and leaves the register exactly as it was', async () => {
    start();
    const before = dbFingerprint(join(desk.dataFolder, DATABASE_FILE_NAME));
    const refused = await desk.callAsync('legacy:import', {
      fileName: 'old register.csv',
      contentBase64: base64(csv(MESSY)),
      remember: true,
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/^Nothing was imported: \d+ rows have problems/);
    expect(dbFingerprint(join(desk.dataFolder, DATABASE_FILE_NAME))).toEqual(before);
  });

  it('imports the corrected file whole, marks each case as imported from its row, counts it in its own quarter, and skips it the next time', async () => {
    const board = start();
    // Corrected: the name taken out of the notes, the youth club row removed; "BCC" mapped by the coordinator.
    const fixed = MESSY.filter((r) => r[0] !== 'LR-005').map((r) => (r[0] === 'LR-004' ? [...r.slice(0, 9), 'Told the teacher'] : r));
    const values = { agency: { BCC: String(board.council) } };
    const checked = await preview('old register.csv', csv(fixed), { values });
    expect(checked.problems).toEqual([]);
    expect([checked.ready, checked.skippedCount]).toEqual([4, 1]);
    expect(checked.skipped).toEqual([{ row: 5, reference: 'LR-002', why: 'The same as row 3.' }]);

    const done = ok(await importAndWait('old register.csv', csv(fixed), { values }));
    expect(done).toMatchObject({ state: 'done', imported: 4, skipped: 1 });
    expect(done.message).toBe('Imported 4 cases from “old register.csv”; skipped 1 case already on the register or repeated in the file.');

    const rows = desk.store.reader
      .prepare(
        `SELECT e.reference, e.origin, e.status, e.highest_stage, e.opened_on, e.ended_on, e.outcome_effect, e.legacy_row, l.file_name, a.name AS challenged
         FROM escalation e JOIN legacy_import l ON l.id = e.legacy_import_id JOIN escalation_challenged c ON c.escalation_id = e.id JOIN agency a ON a.id = c.agency_id ORDER BY e.reference`,
      )
      .all();
    expect(rows).toEqual([
      {
        reference: 'LR-001',
        origin: 'board',
        status: 'resolved',
        highest_stage: 1,
        opened_on: '2023-02-03',
        ended_on: '2023-02-10',
        outcome_effect: 'upheld',
        legacy_row: 2,
        file_name: 'old register.csv',
        challenged: 'Bristol City Council',
      },
      {
        reference: 'LR-002',
        origin: 'board',
        status: 'resolved',
        highest_stage: 2,
        opened_on: '2024-06-15',
        ended_on: '2024-07-01',
        outcome_effect: 'changed',
        legacy_row: 3,
        file_name: 'old register.csv',
        challenged: 'Bristol City Council',
      },
      {
        reference: 'LR-003',
        origin: 'board',
        status: 'open',
        highest_stage: 3,
        opened_on: '2025-10-14',
        ended_on: null,
        outcome_effect: null,
        legacy_row: 4,
        file_name: 'old register.csv',
        challenged: 'Avon and Somerset Police',
      },
      {
        reference: 'LR-004',
        origin: 'board',
        status: 'withdrawn',
        highest_stage: 1,
        opened_on: '2025-05-05',
        ended_on: '2025-05-09',
        outcome_effect: null,
        legacy_row: 6,
        file_name: 'old register.csv',
        challenged: 'Bristol City Council',
      },
    ]);
    // Working deadlines out again (a closure day added) leaves an imported case untracked, not years overdue.
    ok(onLatest(desk, 'calendar:addClosureDay', { date: '2025-12-24', reason: 'Office closed' }));
    expect(desk.store.reader.prepare("SELECT current_due_on FROM escalation WHERE reference = 'LR-003'").get()).toEqual({
      current_due_on: null,
    });
    // The case's history says where it came from.
    const id = (desk.store.reader.prepare("SELECT id FROM escalation WHERE reference = 'LR-002'").get() as { id: number }).id;
    const timeline = ok(desk.call('escalations:get', { escalationId: id })).timeline.map((t) => t.title);
    expect(timeline).toContain('Imported from the board’s previous register');

    // The learning hub's trend counts each case in the quarter it was opened (April-March board years).
    const trend = ok(desk.call('dashboard:quarter', { quarter: '2025-Q3' })).trend;
    const q = (key: string) => trend.find((t) => t.key === key);
    expect(q('2024-Q1')).toMatchObject({ new: 1, resolved: 0, openAtEnd: 1 });
    expect(q('2024-Q2')).toMatchObject({ new: 0, resolved: 1, carriedOver: 1 });
    expect(q('2025-Q1')).toMatchObject({ new: 1 });
    expect(q('2025-Q3')).toMatchObject({ new: 1, resolved: 0 });

    // The mapping was remembered: the next file needs no answer for "BCC".
    const again = await preview('old register.csv', csv(fixed));
    expect(again.unknown).toEqual([]);
    // Matched by its key, shown as the file spells it.
    expect(Object.keys(again.values.agency)).toContain('bcc');
    expect(again.spellings.agency.bcc).toBe('BCC');
    expect([again.ready, again.skippedCount]).toEqual([0, 5]);
    expect(again.skipped[0]).toEqual({
      row: 2,
      reference: 'LR-001',
      why: 'Already on the register: imported from “old register.csv”, row 2.',
    });
    const before = (desk.store.reader.prepare('SELECT count(*) AS n FROM escalation').get() as { n: number }).n;
    const second = ok(await importAndWait('old register.csv', csv(fixed)));
    expect(second).toMatchObject({ state: 'done', imported: 0, skipped: 5 });
    expect((desk.store.reader.prepare('SELECT count(*) AS n FROM escalation').get() as { n: number }).n).toBe(before);
  });

  it('starts tracking an imported open case’s deadline from the day the coordinator gives, and only such a case', async () => {
    const board = start();
    const fixed = MESSY.filter((r) => r[0] !== 'LR-005').map((r) => (r[0] === 'LR-004' ? [...r.slice(0, 9), 'Told the teacher'] : r));
    ok(await importAndWait('old register.csv', csv(fixed), { values: { agency: { BCC: String(board.council) } } }));
    const idOf = (reference: string) =>
      (desk.store.reader.prepare('SELECT id FROM escalation WHERE reference = ?').get(reference) as { id: number }).id;
    const open = ok(desk.call('escalations:get', { escalationId: idOf('LR-003') }));
    expect(open.importedFrom).toEqual({ fileName: 'old register.csv', row: 4 });
    expect(open.currentStage).toMatchObject({ number: 3, dueOn: null });

    // Refused in words, and nothing written: a day before the stage started, a day after today.
    const before = rowCounts();
    for (const [from, words] of [
      ['2025-10-13', /cannot be before 14\/10\/2025/],
      ['2026-11-24', /after today \(23 Nov 2026\)/],
    ] as const) {
      const refused = onLatest(desk, 'escalations:trackDeadline', { escalationId: open.id, from });
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.message).toMatch(words);
    }
    expect(rowCounts()).toEqual(before);

    // Bromley's stage 3 has a week (5 working days): counted from Monday 16 November, due Monday 23rd.
    const tracked = ok(onLatest(desk, 'escalations:trackDeadline', { escalationId: open.id, from: '2026-11-16' }));
    expect(tracked.currentStage).toMatchObject({ number: 3, dueOn: '2026-11-23', state: 'due_soon' });
    expect(tracked.stages.at(-1)).toMatchObject({ startedOn: '2025-10-14', countedFrom: '2026-11-16', dueOn: '2026-11-23' });
    expect(tracked.timeline.map((t) => t.title)).toContain('Deadline tracked by the board');
    const history = desk.store.reader
      .prepare(
        'SELECT h.due_on, h.reason FROM due_date_history h JOIN stage_entry s ON s.id = h.stage_entry_id WHERE s.escalation_id = ? ORDER BY h.id',
      )
      .all(open.id);
    expect(history).toEqual([
      { due_on: null, reason: 'Imported from the board’s previous register (“old register.csv”): no deadline tracked' },
      { due_on: '2026-11-23', reason: 'Tracked by the board from 16 Nov 2026 (imported without a deadline)' },
    ]);
    // Now on the Deadlines screen as due today, not under "no timescale".
    const deadlines = ok(desk.call('escalations:overdue', {}));
    expect(deadlines.dueToday.map((r) => r.reference)).toContain('LR-003');
    expect(deadlines.noTimescale.map((r) => r.reference)).not.toContain('LR-003');

    // A closure day in its count moves it on a day, still counted from the 16th (not from the day the stage started in 2025).
    ok(onLatest(desk, 'calendar:addClosureDay', { date: '2026-11-18', reason: 'Office move' }));
    const moved = ok(desk.call('escalations:get', { escalationId: open.id }));
    expect(moved.currentStage).toMatchObject({ number: 3, dueOn: '2026-11-24' });

    // Once tracked, or for a case the board logged itself, or one that has ended: refused.
    const again = onLatest(desk, 'escalations:trackDeadline', { escalationId: open.id, from: '2026-11-16' });
    expect(!again.ok && again.error.message).toMatch(/already has a deadline \(24 Nov 2026\)/);
    const ended = onLatest(desk, 'escalations:trackDeadline', { escalationId: idOf('LR-001'), from: '2026-11-16' });
    expect(!ended.ok && ended.error.message).toMatch(/is resolved; it cannot be given a deadline/);
    const own = logEscalation(desk, board);
    const notImported = onLatest(desk, 'escalations:trackDeadline', { escalationId: own.id, from: '2026-11-16' });
    expect(!notImported.ok && notImported.error.message).toMatch(/Only a case imported from the board’s previous register/);
  });

  it('reads an .xlsx register with real date cells and serial numbers', async () => {
    const board = start();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Escalations 2019-2024');
    sheet.addRow([
      'Case ref',
      'Agency raising concern',
      'Agency challenged',
      'Category',
      'Highest stage',
      'Date raised',
      'Status',
      'Resolved on',
    ]);
    sheet.addRow([
      'X-1',
      'Avon and Somerset Police',
      'Bristol City Council',
      'Level of need or threshold',
      2,
      new Date(Date.UTC(2022, 4, 3)),
      'Upheld',
      44700,
    ]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const seen = await preview('register.xlsx', bytes);
    expect(seen.problems).toEqual([]);
    const done = ok(await importAndWait('register.xlsx', bytes));
    expect(done).toMatchObject({ state: 'done', imported: 1 });
    expect(
      desk.store.reader.prepare("SELECT opened_on, ended_on, raising_agency_id FROM escalation WHERE reference = 'X-1'").get(),
    ).toEqual({
      opened_on: '2022-05-03',
      ended_on: '2022-05-19',
      raising_agency_id: board.police,
    });
  });

  it('rolls the whole import back when cancelled, and refuses other writes in words while it runs', async () => {
    start();
    const many = Array.from({ length: 5000 }, (_, i) => [
      `C-${i}`,
      'AB',
      '03/02/2023',
      'Avon and Somerset Police',
      'Bristol City Council',
      'Level of need or threshold',
      '1',
      '',
      '',
      '',
    ]);
    const before = rowCounts();
    const started = ok(await desk.callAsync('legacy:import', { fileName: 'big.csv', contentBase64: base64(csv(many)), remember: false }));
    // The import holds the register from the moment it starts: a write now is refused, not joined to it.
    const meanwhile = desk.call('agencies:create', { name: 'Westbury Youth Club', sector: 'voluntary', statutoryPartner: false });
    expect(meanwhile.ok).toBe(false);
    if (!meanwhile.ok)
      expect(meanwhile.error.message).toMatch(/^Nothing was saved: the import of “big\.csv” is being written to the register/);
    ok(desk.call('legacy:cancel', { jobId: started.jobId }));
    let job = ok(desk.call('legacy:status', { jobId: started.jobId }));
    while (job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 5));
      job = ok(desk.call('legacy:status', { jobId: started.jobId }));
    }
    expect(job.state).toBe('cancelled');
    expect(job.message).toContain('Nothing from it was kept');
    // The access record of the import call waited for the rollback, so it is the one row more.
    expect(rowCounts()).toEqual({ ...before, access_entry: before.access_entry! + 1 });
    ok(desk.call('agencies:create', { name: 'Westbury Youth Club', sector: 'voluntary', statutoryPartner: false }));
  });

  it('answers a file that is neither a workbook nor a CSV, or damaged, in words', async () => {
    start();
    const wrong = await desk.callAsync('legacy:preview', { fileName: 'register.pdf', contentBase64: base64('%PDF-1.4') });
    expect(wrong.ok || wrong.error.message).toBe(
      '“register.pdf” is neither an Excel workbook (.xlsx) nor a CSV file (.csv). Save the register as one of those.',
    );
    const damaged = await desk.callAsync('legacy:preview', { fileName: 'register.xlsx', contentBase64: base64('not a zip at all') });
    expect(damaged.ok).toBe(false);
    const empty = await desk.callAsync('legacy:preview', { fileName: 'register.csv', contentBase64: base64(HEADINGS.join(',')) });
    expect(empty.ok || empty.error.message).toBe('The file has headings but no cases below them.');
  });
});
