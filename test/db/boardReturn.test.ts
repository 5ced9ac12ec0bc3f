// The board's quarterly return, written to a real file and read back with exceljs (and, where
// LibreOffice is installed, opened by it): every figure equals the dashboard's, the register holds
// exactly the cases active in the quarter, and dates land on the right day in British Summer Time.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../shared/domain/dashboard';
import type { WritableDb } from '../../electron/db/types';
import { quarterDashboard } from '../../electron/services/dashboard/dashboard';
import { writeBoardReturn } from '../../electron/services/returns/boardReturn';
import { exportFileName } from '../../electron/services/returns/exportFileName';
import { logEscalation, seatBoard, seedBoard, type Board } from '../support/boardFixture';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';
import { onLatest } from '../support/latest';

// The bug this guards against only shows in British Summer Time: run as a machine in England would.
process.env.TZ = 'Europe/London';

const NOW = new Date('2026-11-23T10:00:00Z');
const QUARTER = '2026-Q2'; // July to September 2026: the whole quarter is in BST
const SHEETS = [
  'Cover',
  'Summary',
  'Agencies',
  'Agency pairs',
  'Categories',
  'Stages',
  'Outcomes',
  'Timeliness',
  'Notifications',
  'Panels',
  'Themes',
  'Policy gaps',
  'Returns',
  'Trend',
  'Register',
];

type AgencyKey = 'police' | 'school' | 'health' | 'council';
interface Spec {
  ref: string;
  raising: AgencyKey;
  challenged: AgencyKey[];
  openedOn: string;
  childStatus?: string;
  immediateRisk?: boolean;
  referralOn?: string;
  steps?: string[];
  end?:
    | { kind: 'resolve'; on: string; effect: 'upheld' | 'changed' | 'partly_changed'; theme?: boolean; policyGap?: boolean }
    | { kind: 'withdraw'; on: string };
}

// Bromley: stages 1-4, five working days each.
const SPECS: Spec[] = [
  { ref: 'R-01', raising: 'police', challenged: ['health'], openedOn: '2026-06-30', steps: ['2026-07-03'] }, // last day of Q1, still open: overdue at Q2's end
  {
    ref: 'R-02',
    raising: 'school',
    challenged: ['council'],
    openedOn: '2026-04-15',
    end: { kind: 'resolve', on: '2026-05-06', effect: 'upheld' },
  }, // ended before Q2: not on its register
  {
    ref: 'R-03',
    raising: 'health',
    challenged: ['council', 'school'],
    openedOn: '2026-06-29',
    end: { kind: 'resolve', on: '2026-07-01', effect: 'changed' },
  }, // ended on Q2's first day
  {
    ref: 'R-04',
    raising: 'school',
    challenged: ['council'],
    openedOn: '2026-07-01',
    steps: ['2026-07-08', '2026-07-20'],
    end: { kind: 'resolve', on: '2026-08-03', effect: 'partly_changed', policyGap: true },
  },
  {
    ref: 'R-05',
    raising: 'school',
    challenged: ['police'],
    openedOn: '2026-07-15',
    childStatus: 'child_protection_plan',
    end: { kind: 'withdraw', on: '2026-08-10' },
  }, // BST
  {
    ref: 'R-06',
    raising: 'police',
    challenged: ['council'],
    openedOn: '2026-09-30',
    immediateRisk: true,
    referralOn: '2026-09-30',
    steps: ['2026-09-30'],
    end: { kind: 'resolve', on: '2026-10-01', effect: 'upheld' },
  }, // resolved after Q2's end
  { ref: 'R-07', raising: 'health', challenged: ['police'], openedOn: '2026-10-01' }, // Q3: not on Q2's register
  {
    ref: 'R-08',
    raising: 'council',
    challenged: ['health'],
    openedOn: '2026-08-28',
    immediateRisk: true,
    referralOn: '2026-08-28',
    steps: ['2026-09-01'],
  },
  {
    ref: 'R-09',
    raising: 'health',
    challenged: ['school'],
    openedOn: '2026-09-14',
    childStatus: 'looked_after',
    end: { kind: 'resolve', on: '2026-09-30', effect: 'changed', theme: true },
  },
];

let desk: TestDesk;
let board: Board;
let file: string;
let workbook: ExcelJS.Workbook;
let dashboard: Dashboard;
let previous: Dashboard;
const progress: number[] = [];
let result: { registerRows: number; sheets: string[] };

/** An escalation as an agency's return records it: the highest stage only, no stage history. */
function insertAgencyCase(
  db: WritableDb,
  c: {
    ref: string;
    raising: number;
    challenged: number;
    categoryId: number;
    openedOn: string;
    highest: number;
    returnId: number | null;
    resolvedOn?: string;
  },
): number {
  const profileId = (db.prepare("SELECT id FROM policy_profile WHERE key = 'bromley' ORDER BY version LIMIT 1").get() as { id: number }).id;
  const info = db
    .prepare(
      `INSERT INTO escalation (reference, reference_key, child_initials, origin, profile_id, raising_agency_id, raising_worker_role, category_id, child_status, summary,
         opened_on, immediate_risk, status, first_stage, highest_stage, ended_on, created_at, agency_return_id, resolved_on, outcome_effect, within_timescale)
       VALUES (@ref, upper(@ref), 'CD', 'agency_return', @profileId, @raising, 'From the agency return', @categoryId, 'none', '', @openedOn, 0, @status, 1, @highest, @resolvedOn, @openedOn, @returnId,
         @resolvedOn, @effect, @within)`,
    )
    // How the case ended is kept on the case as the import writes it (migration 0060).
    .run({
      ...c,
      profileId,
      status: c.resolvedOn ? 'resolved' : 'open',
      resolvedOn: c.resolvedOn ?? null,
      effect: c.resolvedOn ? 'upheld' : null,
      // An agency's return records no due dates: neither within nor outside a timescale.
      within: null,
    });
  const id = Number(info.lastInsertRowid);
  db.prepare('INSERT INTO escalation_challenged (escalation_id, agency_id) VALUES (?, ?)').run(id, c.challenged);
  if (c.resolvedOn)
    db.prepare(
      "INSERT INTO outcome (escalation_id, resolved_on, statement, effect, agreed_by, policy_gap) VALUES (?, ?, 'From the return', 'upheld', 'Agency', 0)",
    ).run(id, c.resolvedOn);
  return id;
}

function insertReturn(db: WritableDb, agencyId: number, nil: boolean, rows: number): number {
  return Number(
    db
      .prepare(
        "INSERT INTO agency_return (agency_id, quarter_key, nil_return, file_name, file_sha256, row_count, imported_at, imported_by) VALUES (?, ?, ?, 'return.xlsx', ?, ?, '2026-10-05T09:00:00Z', 'test')",
      )
      .run(agencyId, QUARTER, nil ? 1 : 0, `${agencyId}`.padStart(64, '0'), rows).lastInsertRowid,
  );
}

beforeAll(async () => {
  desk = openTestDesk({ now: () => NOW });
  board = seedBoard(desk, 'bromley');
  seatBoard(desk, board);
  const themeId = ok(onLatest(desk, 'themes:add', { name: 'Threshold understanding' })).themes[0]!.id;
  for (const s of SPECS) {
    const e = logEscalation(desk, board, {
      reference: s.ref,
      raisingAgencyId: board[s.raising],
      challengedAgencyIds: s.challenged.map((c) => board[c]),
      openedOn: s.openedOn,
      childStatus: s.childStatus ?? 'child_in_need',
      immediateRisk: s.immediateRisk ?? false,
      referral: s.referralOn ? { to: 'mash', madeOn: s.referralOn } : null,
    });
    (s.steps ?? []).forEach((on, i) =>
      ok(onLatest(desk, 'escalations:escalate', { escalationId: e.id, toStage: i + 2, on, reason: 'Not resolved' })),
    );
    if (s.end?.kind === 'resolve') {
      ok(
        onLatest(desk, 'escalations:resolve', {
          escalationId: e.id,
          resolvedOn: s.end.on,
          statement: 'Agreed.',
          effect: s.end.effect,
          agreedBy: 'Both agencies',
          themeIds: s.end.theme ? [themeId] : [],
          policyGap: s.end.policyGap ?? false,
          policyGapNote: s.end.policyGap ? 'Guidance silent on step-down' : '',
        }),
      );
    } else if (s.end?.kind === 'withdraw') {
      ok(onLatest(desk, 'escalations:withdraw', { escalationId: e.id, on: s.end.on, reason: 'Raised in error' }));
    }
    if (s.ref === 'R-05') {
      const detail = ok(desk.call('escalations:get', { escalationId: e.id }));
      ok(
        onLatest(desk, 'escalations:recordNotification', {
          notificationId: detail.notifications[0]!.id,
          madeOn: '2026-07-16',
          madeBy: 'Coordinator',
          method: 'email',
        }),
      );
    }
  }
  // The police sent a return with two agency-internal escalations; the school sent a nil return.
  const w = desk.store.writer;
  w.transaction(() => {
    const policeReturn = insertReturn(w, board.police, false, 2);
    insertReturn(w, board.school, true, 0);
    insertAgencyCase(w, {
      ref: 'AR-1',
      raising: board.police,
      challenged: board.council,
      categoryId: board.categoryId,
      openedOn: '2026-07-20',
      highest: 2,
      returnId: policeReturn,
      resolvedOn: '2026-08-20',
    });
    insertAgencyCase(w, {
      ref: 'AR-2',
      raising: board.police,
      challenged: board.school,
      categoryId: board.categoryId,
      openedOn: '2026-08-05',
      highest: 1,
      returnId: policeReturn,
    });
  })();

  dashboard = quarterDashboard({ db: desk.store.reader, now: NOW }, { quarter: QUARTER });
  previous = quarterDashboard({ db: desk.store.reader, now: NOW }, { quarter: '2026-Q1' });
  file = join(desk.dataFolder, exportFileName('board-return', QUARTER));
  result = await writeBoardReturn(desk.store.reader, {
    now: NOW,
    quarter: QUARTER,
    file,
    appVersion: '1.2.3',
    onProgress: (f) => progress.push(f),
  });
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
});
afterAll(() => desk.cleanup());

const sheet = (name: string) => workbook.getWorksheet(name)!;
const values = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);
const rowWhere = (ws: ExcelJS.Worksheet, first: unknown): ExcelJS.Row => {
  for (let r = 1; r <= ws.rowCount; r += 1) if (ws.getRow(r).getCell(1).value === first) return ws.getRow(r);
  throw new Error(`no row starting “${String(first)}” on ${ws.name}`);
};
const utcDay = (v: unknown) => (v instanceof Date ? v.toISOString() : `not a date: ${String(v)}`);

describe('the board return workbook', () => {
  it('has every sheet, in order, and says what it wrote', () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual(SHEETS);
    expect(result).toEqual({ registerRows: 9, sheets: SHEETS });
    expect(progress.at(-1)).toBe(1);
    expect(existsSync(`${file}.part`)).toBe(false);
    expect(file.endsWith('board-return-2026-Q2.xlsx')).toBe(true);
  });

  it('has a cover that says what it is, for whom, when and what it holds', () => {
    const cover = sheet('Cover');
    expect(cover.getCell('A1').value).toBe('Quarterly return of professional disagreements (escalations)');
    expect(rowWhere(cover, 'Board').getCell(2).value).toBe('Safeguarding Children Board');
    expect(rowWhere(cover, 'Quarter').getCell(2).value).toBe('Q2 2026-27 (Jul-Sep)');
    expect(utcDay(rowWhere(cover, 'From').getCell(2).value)).toBe('2026-07-01T00:00:00.000Z');
    expect(utcDay(rowWhere(cover, 'To').getCell(2).value)).toBe('2026-09-30T00:00:00.000Z');
    expect(rowWhere(cover, 'To').getCell(2).numFmt).toBe('dd/mm/yyyy');
    // 10:00 GMT on 23 November is 10:00 in London.
    const madeAt = rowWhere(cover, 'Made at').getCell(2);
    expect(utcDay(madeAt.value)).toBe('2026-11-23T10:00:00.000Z');
    expect(madeAt.numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(rowWhere(cover, 'Made with').getCell(2).value).toBe('Escalation Desk 1.2.3');
    expect(String(rowWhere(cover, 'Data protection').getCell(2).value)).toContain('Contains case references and initials only');
    expect(String(rowWhere(cover, 'What it is').getCell(2).value)).toContain(
      'quarterly return of professional disagreements (escalations)',
    );
    const contents = rowWhere(cover, 'Contents').number;
    expect(SHEETS.map((_, i) => cover.getRow(contents + 1 + i).getCell(1).value)).toEqual(SHEETS);
  });

  it('gives every dashboard figure beside the previous quarter, split by origin', () => {
    const summary = sheet('Summary');
    expect(values(summary, 1)).toEqual(['Figure', 'This quarter', 'Board-level', 'Agency-internal', 'Previous quarter', 'Change']);
    for (const h of dashboard.headlines) {
      const row = values(summary, rowWhere(summary, h.label).number);
      expect(row, h.label).toEqual([h.label, h.value.total, h.value.board, h.value.agencyInternal, h.previous, h.value.total - h.previous]);
    }
    const cell = (label: string, col: number) => rowWhere(summary, label).getCell(col);
    expect(cell('Share of resolved cases resolved at stages 1-2', 2).value).toBe(dashboard.resolvedAtStages12Share);
    expect(cell('Share of resolved cases resolved at stages 1-2', 2).numFmt).toBe('0.0%');
    expect(cell('Share of resolved cases resolved at stages 1-2', 5).value).toBe(previous.resolvedAtStages12Share);
    expect(cell('Share of resolved cases with a timescale resolved within it', 2).value).toBe(
      dashboard.timeToResolution.withinTimescaleShare,
    );
    expect(cell('Median working days from raised to resolved', 2).value).toBe(dashboard.timeToResolution.medianWorkingDays);
    expect(cell('90th percentile working days from raised to resolved', 2).value).toBe(dashboard.timeToResolution.p90WorkingDays);
    expect(cell('Same-day compliance for the board’s immediate-risk cases (share)', 2).value).toBe(dashboard.immediateRisk.compliantShare);
    expect(cell('Resolution panels held', 2).value).toBe(dashboard.chair.panelsHeld);
    expect(cell('Notifications required', 2).value).toBe(dashboard.notifications.reduce((n, x) => n + x.required, 0));
    for (const o of dashboard.outcomes)
      expect(values(summary, rowWhere(summary, o.label).number).slice(1, 4)).toEqual([
        o.count.total,
        o.count.board,
        o.count.agencyInternal,
      ]);
  });

  it('gives the numbers counted by hand from the cases', () => {
    const summary = sheet('Summary');
    const row = (label: string) => values(summary, rowWhere(summary, label).number);
    // New in Q2: at the board, AR-1 and AR-2 from the police return; Q1 had.
    expect(row('New escalations')).toEqual(['New escalations', 7, 5, 2, 3, 4]);
    // Resolved in Q2: R-03 (1 July), R-04, R-09 and AR-1; R-06 was resolved on 1 October.
    expect(row('Resolved').slice(1, 4)).toEqual([4, 3, 1]);
    expect(row('Withdrawn').slice(1, 2)).toEqual([1]);
    // Open on 30 September, AR-2. Carried in.
    expect(row('Still open at the end of the quarter').slice(1, 4)).toEqual([4, 3, 1]);
    expect(row('Carried over from earlier quarters').slice(1, 2)).toEqual([2]);
    expect(row('Agencies that sent a return with escalations').slice(1, 2)).toEqual([1]);
    expect(row('Agencies whose return is missing').slice(1, 2)).toEqual([2]);
  });

  it('keeps numbers as numbers and shares as fractions with a percentage format', () => {
    const summary = sheet('Summary');
    for (let r = 2; r <= summary.rowCount; r += 1) {
      for (let c = 2; c <= 6; c += 1) {
        const v = summary.getRow(r).getCell(c).value;
        if (v !== null) expect(typeof v, `Summary ${summary.getRow(r).getCell(1).value} column ${c}`).toBe('number');
      }
    }
    const shares = rowWhere(sheet('Stages'), 'Resolved at stages 1-2').getCell(5);
    expect(shares.value).toBe(dashboard.resolvedAtStages12Share);
    expect(shares.numFmt).toContain('%');
  });

  it('breaks the quarter down exactly as the dashboard does', () => {
    const agencies = sheet('Agencies');
    for (const a of dashboard.agencies) {
      const row = values(agencies, rowWhere(agencies, a.name).number);
      expect(row[1], a.name).toBe(dashboard.byRaisingAgency.find((x) => x.agencyId === a.id)?.count.total ?? 0);
      expect(row[5], a.name).toBe(dashboard.byChallengedAgency.find((x) => x.agencyId === a.id)?.count.total ?? 0);
    }
    const pairs = sheet('Agency pairs');
    const header = values(pairs, 1) as string[];
    for (const p of dashboard.pairs) {
      const raising = dashboard.agencies.find((a) => a.id === p.raisingAgencyId)!.name;
      const challenged = dashboard.agencies.find((a) => a.id === p.challengedAgencyId)!.name;
      expect(rowWhere(pairs, raising).getCell(header.indexOf(challenged) + 1).value).toBe(p.count);
    }
    expect(pairs.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    const categories = sheet('Categories');
    for (const c of board.settings.categories)
      expect(rowWhere(categories, c.name).getCell(2).value).toBe(dashboard.byCategory.find((x) => x.id === c.id)?.count.total ?? 0);
    const stages = sheet('Stages');
    for (const s of dashboard.byHighestStage) expect(rowWhere(stages, s.stage).getCell(2).value).toBe(s.count.total);
    const notifications = sheet('Notifications');
    for (const n of dashboard.notifications)
      expect(values(notifications, rowWhere(notifications, n.label).number).slice(1, 3)).toEqual([n.required, n.made]);
    expect(values(sheet('Policy gaps'), 2)).toEqual([
      'R-04',
      'Hollyfield Primary School',
      new Date(Date.UTC(2026, 7, 3)),
      'Guidance silent on step-down',
    ]);
    expect(rowWhere(sheet('Themes'), 'Threshold understanding').getCell(2).value).toBe(1);
    const returns = sheet('Returns');
    expect(values(returns, rowWhere(returns, 'Avon and Somerset Police').number)).toEqual(['Avon and Somerset Police', 'Returned', 2]);
    expect(rowWhere(returns, 'Hollyfield Primary School').getCell(2).value).toBe('Nil return');
    expect(rowWhere(returns, 'Bristol City Council').getCell(2).value).toBe('Missing');
    const trend = sheet('Trend');
    expect(trend.rowCount).toBe(10);
    dashboard.trend.forEach((t, i) =>
      expect(values(trend, i + 2)).toEqual([
        t.label,
        expect.any(Date),
        t.new,
        t.resolved,
        t.openAtEnd,
        t.carriedOver,
        t.resolvedAtStages12,
        t.overdueAtEnd,
      ]),
    );
    expect(utcDay(trend.getRow(10).getCell(2).value)).toBe('2026-07-01T00:00:00.000Z');
  });

  it('lists every escalation active in the quarter, oldest first, as it stood at the quarter’s end', () => {
    const register = sheet('Register');
    expect(register.rowCount).toBe(10);
    expect(values(register, 1)).toEqual([
      'Reference',
      'Initials',
      'Origin',
      'Raising agency',
      'Challenged agencies',
      'Category',
      'Date raised',
      'Immediate risk',
      'First stage',
      'First stage started',
      'Stage at quarter end',
      'Stage name',
      'Stage started',
      'Stage due',
      'Highest stage reached',
      'State at quarter end',
      'Deadline at quarter end',
      'Outcome',
      'Date resolved',
      'Date withdrawn or closed',
    ]);
    expect(Array.from({ length: 9 }, (_, i) => register.getRow(i + 2).getCell(1).value)).toEqual([
      'R-03',
      'R-01',
      'R-04',
      'R-05',
      'AR-1',
      'AR-2',
      'R-08',
      'R-09',
      'R-06',
    ]);
    const category = board.settings.categories[0]!.name;
    const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day));
    // Raised in British Summer Time: reads back as 15 July, not 14 July at 23:00.
    const r05 = rowWhere(register, 'R-05');
    expect(values(register, r05.number)).toEqual([
      'R-05',
      'AB',
      'Board',
      'Hollyfield Primary School',
      'Avon and Somerset Police',
      category,
      d(2026, 7, 15),
      'No',
      1,
      d(2026, 7, 15),
      1,
      expect.any(String),
      d(2026, 7, 15),
      expect.any(Date),
      1,
      'Withdrawn',
      'None',
      undefined,
      undefined,
      d(2026, 8, 10),
    ]);
    expect(utcDay(r05.getCell(7).value)).toBe('2026-07-15T00:00:00.000Z');
    expect(r05.getCell(7).numFmt).toBe('dd/mm/yyyy');
    expect(r05.getCell(20).numFmt).toBe('dd/mm/yyyy');
    // Carried in from Q1, at stage 2 since 3 July and due on 10 July: overdue at the quarter's end.
    const r01 = values(register, rowWhere(register, 'R-01').number);
    expect(r01.slice(6, 17)).toEqual([
      d(2026, 6, 30),
      'No',
      1,
      d(2026, 6, 30),
      2,
      expect.any(String),
      d(2026, 7, 3),
      d(2026, 7, 10),
      2,
      'Open',
      'Overdue',
    ]);
    // Resolved on 1 October: still open at the end of September, with no outcome yet.
    const r06 = rowWhere(register, 'R-06');
    expect(r06.getCell(16).value).toBe('Open');
    expect(r06.getCell(18).value).toBeNull();
    const r04 = rowWhere(register, 'R-04');
    expect([r04.getCell(15).value, r04.getCell(16).value, r04.getCell(17).value, r04.getCell(18).value, r04.getCell(19).value]).toEqual([
      3,
      'Resolved',
      'None',
      'Original decision partly changed',
      d(2026, 8, 3),
    ]);
    // From an agency's return: no stage history, so the stage is the highest it reached.
    const ar1 = values(register, rowWhere(register, 'AR-1').number);
    expect([ar1[2], ar1[3], ar1[4], ar1[10], ar1[14], ar1[15], ar1[17], ar1[18]]).toEqual([
      'Agency return',
      'Avon and Somerset Police',
      'Bristol City Council',
      2,
      2,
      'Resolved',
      'Original decision upheld',
      d(2026, 8, 20),
    ]);
    for (const c of [9, 11, 15]) expect(typeof r05.getCell(c).value).toBe('number');
  });

  it('freezes, filters and sizes every table sheet', () => {
    for (const ws of workbook.worksheets.filter((w) => w.name !== 'Cover')) {
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter, ws.name).toBeTruthy();
      expect(ws.getRow(1).getCell(1).font?.bold, ws.name).toBe(true);
      ws.columns.forEach((c, i) => {
        expect(c.width, `${ws.name} column ${i + 1}`).toBeGreaterThanOrEqual(10);
        expect(c.width, `${ws.name} column ${i + 1}`).toBeLessThanOrEqual(60);
      });
    }
    const register = sheet('Register');
    expect(register.autoFilter).toBe('A1:T10');
    expect(register.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(register.getColumn(4).width).toBe('Hollyfield Primary School'.length + 2);
    expect(register.getColumn(7).width).toBe('Date raised'.length + 3);
  });
});

describe('when the return cannot be written', () => {
  it('refuses a quarter that is not YYYY-Qn', async () => {
    await expect(
      writeBoardReturn(desk.store.reader, { now: NOW, quarter: '2026-Q5', file: join(desk.dataFolder, 'x.xlsx'), appVersion: '1' }),
    ).rejects.toThrow(/not a quarter/);
  });
  it('fails the export, not the process, and leaves no half-written file', async () => {
    const missing = join(desk.dataFolder, 'no-such-folder', 'board-return.xlsx');
    await expect(writeBoardReturn(desk.store.reader, { now: NOW, quarter: QUARTER, file: missing, appVersion: '1' })).rejects.toThrow(
      /ENOENT/,
    );
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(`${missing}.part`)).toBe(false);
  });
});

describe('export file names', () => {
  it('are built from safe characters only', () => {
    expect(exportFileName('board-return', '2026-Q3')).toBe('board-return-2026-Q3.xlsx');
    expect(exportFileName('agency-template', '2026-Q3', 'Avon and Somerset Police')).toBe(
      'agency-return-template-2026-Q3-avon-and-somerset-police.xlsx',
    );
    expect(exportFileName('agency-template', '2026-Q3', 'St Mary’s C of E / Nursery & Pre-school')).toBe(
      'agency-return-template-2026-Q3-st-marys-c-of-e-nursery-and-pre-school.xlsx',
    );
    expect(exportFileName('agency-template', '2026-Q3', 'Crèche Élan ../../etc')).toBe(
      'agency-return-template-2026-Q3-creche-elan-etc.xlsx',
    );
    expect(exportFileName('agency-template', '2026-Q3', '***')).toBe('agency-return-template-2026-Q3.xlsx');
    expect(() => exportFileName('board-return', '2026-Q3/../x')).toThrow();
  });
});

describe('a register of 20,000 escalations', () => {
  let big: TestDesk;
  beforeAll(() => {
    // Mid-July 2026, British Summer Time: the cover's "made at" must read 09:15.
    big = openTestDesk({ now: () => new Date('2026-07-20T08:15:00Z') });
    const b = seedBoard(big, 'bromley');
    const w = big.store.writer;
    const profileId = (w.prepare("SELECT id FROM policy_profile WHERE key = 'bromley' ORDER BY version LIMIT 1").get() as { id: number })
      .id;
    const agencies = [b.police, b.school, b.health, b.council];
    const escalation = w.prepare(
      `INSERT INTO escalation (reference, reference_key, child_initials, profile_id, raising_agency_id, raising_worker_role, category_id, child_status, summary, opened_on, immediate_risk, first_stage, highest_stage, current_stage, created_at)
       VALUES (@ref, @ref, 'XY', @profileId, @raising, 'Social worker', @categoryId, 'child_in_need', 'Bulk', @openedOn, 0, 1, 1, 1, @openedOn)`,
    );
    const challenged = w.prepare('INSERT INTO escalation_challenged (escalation_id, agency_id) VALUES (?, ?)');
    const stage = w.prepare(
      'INSERT INTO stage_entry (escalation_id, stage_number, started_on, timescale_days, due_on, due_soon_from) VALUES (?, 1, ?, 5, ?, ?)',
    );
    w.transaction(() => {
      for (let i = 0; i < 20_000; i += 1) {
        const openedOn = `2026-07-${String(1 + (i % 19)).padStart(2, '0')}`;
        const id = Number(
          escalation.run({
            ref: `BULK-${String(i).padStart(5, '0')}`,
            profileId,
            raising: agencies[i % 4]!,
            categoryId: b.categoryId,
            openedOn,
          }).lastInsertRowid,
        );
        challenged.run(id, agencies[(i + 1) % 4]!);
        stage.run(id, openedOn, '2026-07-31', '2026-07-28');
      }
    })();
  });
  afterAll(() => big.cleanup());

  it('streams to the file, reports progress to 1 and reads back with every row', async () => {
    const out = join(big.dataFolder, 'big.xlsx');
    const seen: number[] = [];
    let peak = process.memoryUsage().rss;
    const before = peak;
    const started = performance.now();
    const written = await writeBoardReturn(big.store.writer, {
      now: new Date('2026-07-20T08:15:00Z'),
      quarter: QUARTER,
      file: out,
      appVersion: '1.2.3',
      onProgress: (f) => {
        seen.push(f);
        peak = Math.max(peak, process.memoryUsage().rss);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const mb = (n: number) => Math.round(n / 1024 / 1024);
    console.log(
      `20,000-row board return: ${seconds.toFixed(1)} s, rss ${mb(before)} MB before, ${mb(peak)} MB peak, ${mb(process.memoryUsage().rss)} MB after`,
    );
    expect(written.registerRows).toBe(20_000);
    expect(seen.at(-1)).toBe(1);
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1]!)).toBe(true);

    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(out);
    const register = back.getWorksheet('Register')!;
    expect(register.rowCount).toBe(20_001);
    expect(register.autoFilter).toBe('A1:T20001');
    expect(register.getRow(20_001).getCell(1).value).toBe('BULK-19987'); // the last raised on 19 July, by id
    expect(utcDay(register.getRow(2).getCell(7).value)).toBe('2026-07-01T00:00:00.000Z');
    const cover = back.getWorksheet('Cover')!;
    expect(utcDay(rowWhere(cover, 'Made at').getCell(2).value)).toBe('2026-07-20T09:15:00.000Z');
    // The quarter is still in progress: figures and deadlines are as at the day the return was made.
    expect(utcDay(rowWhere(cover, 'Figures as at').getCell(2).value)).toBe('2026-07-20T00:00:00.000Z');
    expect(register.getRow(2).getCell(17).value).toBe('On track');
    expect(rowWhere(back.getWorksheet('Summary')!, 'New escalations').getCell(2).value).toBe(20_000);
  });
});

const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();

describe('opened by LibreOffice', () => {
  it.skipIf(soffice === '')(
    soffice === ''
      ? 'skipped: soffice (LibreOffice) is not installed here; CI installs it'
      : 'converts to CSV without complaint, every sheet',
    () => {
      const outDir = mkdtempSync(join(tmpdir(), 'board-return-csv-'));
      const profile = mkdtempSync(join(tmpdir(), 'lo-'));
      try {
        const run = (filter: string) =>
          execFileSync(
            soffice,
            ['--headless', `-env:UserInstallation=file://${profile}`, '--convert-to', filter, '--outdir', outDir, file],
            { timeout: 120_000, stdio: 'pipe' },
          );
        run('csv');
        expect(existsSync(join(outDir, 'board-return-2026-Q2.csv'))).toBe(true);
        expect(readFileSync(join(outDir, 'board-return-2026-Q2.csv'), 'utf8')).toContain('Contains case references and initials only');
        // Every sheet, as shown: the register's BST date is 15/07/2026 to LibreOffice too.
        run('csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1');
        const register = readFileSync(
          join(
            outDir,
            readdirSync(outDir).find((f) => f.endsWith('-Register.csv'))!,
          ),
          'utf8',
        )
          .trim()
          .split('\n');
        expect(register).toHaveLength(10);
        expect(register.find((l) => l.startsWith('R-05'))).toContain('15/07/2026');
        expect(readdirSync(outDir).filter((f) => f.startsWith('board-return-2026-Q2-')).length).toBe(SHEETS.length);
      } finally {
        rmSync(outDir, { recursive: true, force: true });
        rmSync(profile, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
