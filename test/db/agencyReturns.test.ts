// The quarterly return, end to end: the template the board sends, an agency filling it in, the
// import into the register, and the coordinator's view of who has sent theirs.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { returnsStatusSchema } from '../../shared/domain/agencyReturn';
import { returnsStatus } from '../../electron/services/returns/returnsStatus';
import { seedBoard, type Board } from '../support/boardFixture';
import { dbFingerprint } from '../support/dbFingerprint';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';
import { NOW, QUARTER, day, fillReturn, importReturn, loadWorkbook, makeTemplate, type ReturnEntry } from '../support/workbooks';
import { onLatest } from '../support/latest';

// The bug this guards against only shows where the clock is on British Summer Time.
const originalTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/London';
});
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

let desk: TestDesk;
afterEach(() => desk.cleanup());

function start(): Board {
  desk = openTestDesk({ now: () => NOW });
  const board = seedBoard(desk, 'bromley');
  for (const name of ['Threshold decisions', 'Information sharing']) ok(onLatest(desk, 'themes:add', { name }));
  return board;
}

const validation = (sheet: ExcelJS.Worksheet, address: string) => sheet.getCell(address).dataValidation;

const row = (overrides: Partial<ReturnEntry> = {}): ReturnEntry => ({
  reference: 'HPS-0001',
  initials: 'AB',
  challenged: 'Bristol City Council',
  category: 'Level of need or threshold',
  raised: day(2026, 7, 15),
  stage: '2 - Escalate to line manager',
  outcome: 'Still open',
  ...overrides,
});

describe('the return template', () => {
  it('has instructions, a frozen and filtered Return table, hidden lists its dropdowns point at, and hidden metadata', async () => {
    const board = start();
    const workbook = await loadWorkbook(await makeTemplate(desk, board.school));
    expect(workbook.worksheets.map((s) => [s.name, s.state])).toEqual([
      ['Instructions', 'visible'],
      ['Return', 'visible'],
      ['Lists', 'hidden'],
      ['About', 'veryHidden'],
    ]);

    const instructions = workbook.getWorksheet('Instructions')!;
    const text = instructions
      .getSheetValues()
      .flat()
      .filter((v) => typeof v === 'string')
      .join('\n');
    expect(text).toContain('Safeguarding Children Board');
    expect(text).toContain('Q2 2026-27 (Jul-Sep)');
    expect(text).toContain('Hollyfield Primary School');
    expect(text).toContain('Never enter a child’s name');
    expect(text).toContain('case reference and, at most, the child’s initials');
    expect(text).toContain('Nil return');
    // 1 July is in British Summer Time: the date cell must still read back as 1 July.
    expect(instructions.getCell('B6').value).toEqual(day(2026, 7, 1));
    expect(instructions.getCell('B7').value).toEqual(day(2026, 9, 30));

    const sheet = workbook.getWorksheet('Return')!;
    expect(sheet.getRow(5).values).toEqual([
      undefined,
      'Case reference',
      'Child’s initials',
      'Agency challenged',
      'Category',
      'Date raised',
      'Highest stage reached',
      'Immediate risk (Yes/No)',
      'Chair involved (Yes/No)',
      'Meeting held (Yes/No)',
      'Panel convened (Yes/No)',
      'Outcome',
      'Date resolved',
      'Learning theme',
    ]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 5, topLeftCell: 'A6' });
    expect(sheet.autoFilter).toBe('A5:M5');
    // Named as Excel names it, or LibreOffice drops the filter.
    expect(workbook.definedNames.model).toContainEqual(
      expect.objectContaining({ name: '_xlnm._FilterDatabase', ranges: ['Return!$A$5:$M$5'] }),
    );
    expect(sheet.getCell('C2').value).toBe('Hollyfield Primary School');
    expect(sheet.getCell('D3').value).toBe('Tick Yes if your agency made no escalations this quarter');
    expect(validation(sheet, 'C3')).toMatchObject({ type: 'list', formulae: ['Lists!$E$2:$E$3'] });

    const lists = workbook.getWorksheet('Lists')!;
    expect(lists.getColumn(1).values.slice(1)).toEqual([
      'Agencies',
      'Avon and Somerset Police',
      'Bristol City Council',
      'Hollyfield Primary School',
      'Sirona Care and Health',
    ]);
    expect(lists.getColumn(3).values.slice(2)).toEqual([
      '1 - Discuss with the other worker',
      '2 - Escalate to line manager',
      '3 - Escalate to senior managers',
      '4 - Resolution by BSCP Chair',
    ]);
    expect(lists.getColumn(5).values.slice(2)).toEqual(['Yes', 'No']);
    expect(lists.getColumn(6).values.slice(2)).toEqual(['Information sharing', 'Threshold decisions']);
    for (const address of ['C6', 'C1005'])
      expect(validation(sheet, address)).toMatchObject({ type: 'list', formulae: ['Lists!$A$2:$A$5'] });
    expect(validation(sheet, 'D6')).toMatchObject({ type: 'list', formulae: ['Lists!$B$2:$B$7'] });
    expect(validation(sheet, 'F6')).toMatchObject({ type: 'list', formulae: ['Lists!$C$2:$C$5'] });
    for (const address of ['G6', 'H6', 'I6', 'J6'])
      expect(validation(sheet, address)).toMatchObject({ type: 'list', formulae: ['Lists!$E$2:$E$3'] });
    expect(validation(sheet, 'K6')).toMatchObject({ type: 'list', formulae: ['Lists!$D$2:$D$6'] });
    expect(validation(sheet, 'M6')).toMatchObject({ type: 'list', formulae: ['Lists!$F$2:$F$3'] });
    expect(validation(sheet, 'E6')).toMatchObject({ type: 'date', operator: 'between', formulae: [day(2026, 7, 1), day(2026, 9, 30)] });
    expect(validation(sheet, 'L6')).toMatchObject({ type: 'date', operator: 'between' });
    expect(validation(sheet, 'L6')!.formulae[0]).toEqual(day(2026, 7, 1));

    const about = Object.fromEntries(
      workbook
        .getWorksheet('About')!
        .getSheetValues()
        .slice(1)
        .map((r) => (r as unknown[]).slice(1, 3)),
    );
    expect(about).toEqual({
      format: 'escalation-desk/agency-return',
      version: 2,
      board: 'Safeguarding Children Board',
      quarter: '2026-Q2',
      quarterFrom: '2026-07-01',
      quarterTo: '2026-09-30',
      agencyId: board.school,
      agencyName: 'Hollyfield Primary School',
      madeAt: NOW.toISOString(),
      appVersion: '0.0.0-test',
      boardId: (desk.store.reader.prepare('SELECT board_id FROM board_identity').get() as { board_id: string }).board_id,
    });
  });

  it('offers every agency in a “Your agency” dropdown for one template to all, and keeps a long list working through the range', async () => {
    start();
    for (let i = 1; i <= 40; i += 1) {
      ok(
        desk.call('agencies:create', {
          name: `Northfield and District Community Early Years Setting number ${String(i).padStart(2, '0')}`,
          sector: 'early_years',
          statutoryPartner: false,
        }),
      );
    }
    const workbook = await loadWorkbook(await makeTemplate(desk, null));
    const lists = workbook.getWorksheet('Lists')!;
    const names = lists.getColumn(1).values.slice(2) as string[];
    expect(names).toHaveLength(44);
    // A typed-in list this long would break in Excel: 255 characters is its limit.
    expect(names.join(',').length).toBeGreaterThan(255 * 10);
    const sheet = workbook.getWorksheet('Return')!;
    expect(sheet.getCell('C2').value).toBeNull();
    expect(validation(sheet, 'C2')).toMatchObject({ type: 'list', formulae: ['Lists!$A$2:$A$45'] });
    expect(validation(sheet, 'C6')).toMatchObject({ formulae: ['Lists!$A$2:$A$45'] });
    const about = workbook.getWorksheet('About')!;
    expect([about.getCell('B7').value, about.getCell('B8').value]).toEqual(['all', 'all']);

    // An agency picks itself from the long list and its return reads.
    const bytes = await fillReturn(await makeTemplate(desk, null, 'all.xlsx'), { agency: names[39], rows: [row()] });
    const imported = await importReturn(desk, 'northfield-40.xlsx', bytes);
    expect(imported).toMatchObject({ ok: true, summary: { agencyName: names[39], rows: 1 } });
  });

  it('refuses to make a template before the board has chosen its policy, since the stages come from it', async () => {
    desk = openTestDesk({ now: () => NOW });
    ok(desk.call('agencies:create', { name: 'Avon and Somerset Police', sector: 'police', statutoryPartner: true }));
    await expect(makeTemplate(desk, null)).rejects.toThrow('Choose the board’s escalation policy');
  });
});

describe('importing a return', () => {
  it('turns each row into an escalation from the agency, with its stage, outcome, theme and flags', async () => {
    const board = start();
    const template = await makeTemplate(desk, null);
    const bytes = await fillReturn(template, {
      agency: 'hollyfield primary school ',
      nil: 'No',
      rows: [
        row(),
        row({
          reference: 'HPS-0002',
          initials: 'c.d.',
          challenged: 'Avon and Somerset Police',
          category: 'Information sharing and communication',
          raised: day(2026, 8, 3),
          stage: '4 - Resolution by BSCP Chair',
          immediateRisk: 'Yes',
          chair: 'Yes',
          meeting: 'yes',
          panel: 'Yes',
          outcome: 'Original decision upheld',
          resolved: day(2026, 9, 30),
          theme: 'Information sharing',
        }),
        // A blank row in the middle is skipped; text dates in dd/mm/yyyy are read the British way.
        row({
          at: 10,
          reference: 'HPS-0003',
          initials: null,
          raised: '04/09/2026',
          stage: '1',
          outcome: 'Withdrawn',
          resolved: '05/09/2026',
        }),
        row({
          reference: 4711,
          challenged: 'Sirona Care and Health',
          raised: day(2026, 9, 1),
          stage: '3 - Escalate to senior managers',
          outcome: 'original decision partly changed',
          resolved: day(2026, 10, 2),
          theme: 'Threshold decisions',
        }),
      ],
    });
    const imported = await importReturn(desk, 'hollyfield-q2.xlsx', bytes);
    expect(imported).toEqual({
      ok: true,
      summary: {
        returnId: expect.any(Number),
        agencyId: board.school,
        agencyName: 'Hollyfield Primary School',
        quarter: QUARTER,
        nilReturn: false,
        rows: 4,
      },
    });

    const db = desk.store.reader;
    const cases = db.prepare('SELECT * FROM escalation ORDER BY id').all() as Record<string, unknown>[];
    expect(
      cases.map((c) => [
        c.reference,
        c.child_initials,
        c.status,
        c.opened_on,
        c.highest_stage,
        c.first_stage,
        c.current_stage,
        c.current_due_on,
        c.ended_on,
        c.immediate_risk,
      ]),
    ).toEqual([
      ['HPS-0001', 'AB', 'open', '2026-07-15', 2, 2, 2, null, null, 0],
      ['HPS-0002', 'CD', 'resolved', '2026-08-03', 4, 4, null, null, '2026-09-30', 1],
      ['HPS-0003', '', 'withdrawn', '2026-09-04', 1, 1, null, null, '2026-09-05', 0],
      ['4711', 'AB', 'resolved', '2026-09-01', 3, 3, null, null, '2026-10-02', 0],
    ]);
    for (const c of cases) {
      expect(c).toMatchObject({
        origin: 'agency_return',
        agency_return_id: imported.ok && imported.summary.returnId,
        raising_agency_id: board.school,
        reference_key: String(c.reference).toUpperCase(),
      });
      expect(c).toMatchObject({
        raising_worker_role: 'Reported in agency return',
        summary: 'Agency-internal escalation reported in the quarterly return',
      });
    }
    expect(cases.map((c) => [c.return_chair_involved, c.return_meeting_held, c.return_panel_convened])).toEqual([
      [0, 0, 0],
      [1, 1, 1],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    const ids = cases.map((c) => c.id as number);
    expect(db.prepare('SELECT escalation_id, agency_id FROM escalation_challenged ORDER BY escalation_id').all()).toEqual([
      { escalation_id: ids[0], agency_id: board.council },
      { escalation_id: ids[1], agency_id: board.police },
      { escalation_id: ids[2], agency_id: board.council },
      { escalation_id: ids[3], agency_id: board.health },
    ]);
    expect(
      db
        .prepare('SELECT escalation_id, stage_number, started_on, due_on, ended_on, end_reason FROM stage_entry ORDER BY escalation_id')
        .all(),
    ).toEqual([
      { escalation_id: ids[0], stage_number: 2, started_on: '2026-07-15', due_on: null, ended_on: null, end_reason: null },
      { escalation_id: ids[1], stage_number: 4, started_on: '2026-08-03', due_on: null, ended_on: '2026-09-30', end_reason: 'resolved' },
      { escalation_id: ids[2], stage_number: 1, started_on: '2026-09-04', due_on: null, ended_on: '2026-09-05', end_reason: 'withdrawn' },
      { escalation_id: ids[3], stage_number: 3, started_on: '2026-09-01', due_on: null, ended_on: '2026-10-02', end_reason: 'resolved' },
    ]);
    expect(db.prepare('SELECT escalation_id, effect, statement, agreed_by, resolved_on FROM outcome ORDER BY escalation_id').all()).toEqual(
      [
        {
          escalation_id: ids[1],
          effect: 'upheld',
          statement: 'Reported in Hollyfield Primary School’s return for Q2 2026-27 (Jul-Sep)',
          agreed_by: 'Hollyfield Primary School',
          resolved_on: '2026-09-30',
        },
        {
          escalation_id: ids[3],
          effect: 'partly_changed',
          statement: 'Reported in Hollyfield Primary School’s return for Q2 2026-27 (Jul-Sep)',
          agreed_by: 'Hollyfield Primary School',
          resolved_on: '2026-10-02',
        },
      ],
    );
    expect(db.prepare('SELECT escalation_id, on_date FROM escalation_withdrawal').all()).toEqual([
      { escalation_id: ids[2], on_date: '2026-09-05' },
    ]);
    expect(
      (
        db
          .prepare('SELECT t.name FROM escalation_theme et JOIN learning_theme t ON t.id = et.theme_id ORDER BY et.escalation_id')
          .all() as { name: string }[]
      ).map((t) => t.name),
    ).toEqual(['Information sharing', 'Threshold decisions']);
    expect(db.prepare("SELECT action, entity FROM audit_entry WHERE entity IN ('agency_return', 'escalation') ORDER BY id").all()).toEqual([
      { action: 'agencyReturn.import', entity: 'agency_return' },
      ...ids.map(() => ({ action: 'escalation.importFromReturn', entity: 'escalation' })),
    ]);
    expect(db.prepare('SELECT file_name, row_count, nil_return, imported_by FROM agency_return').get()).toEqual({
      file_name: 'hollyfield-q2.xlsx',
      row_count: 4,
      nil_return: 0,
      imported_by: 'test coordinator',
    });

    // The case screen reads an imported case, and its timeline says where it came from.
    const detail = ok(desk.call('escalations:get', { escalationId: ids[1]! }));
    expect(detail).toMatchObject({ origin: 'agency_return', status: 'resolved', highestStage: 4, outcome: { effect: 'upheld' } });
    expect(JSON.stringify(detail.timeline)).toContain('Hollyfield Primary School’s return for Q2 2026-27');
  });

  it('shows who has returned, who sent a nil return and who is missing, and refuses the same file or a second return', async () => {
    const board = start();
    const school = await fillReturn(await makeTemplate(desk, board.school, 'school.xlsx'), { rows: [row()] });
    const police = await fillReturn(await makeTemplate(desk, board.police, 'police.xlsx'), { nil: 'Yes' });
    expect(await importReturn(desk, 'school.xlsx', school)).toMatchObject({ ok: true, summary: { rows: 1, nilReturn: false } });
    expect(await importReturn(desk, 'police.xlsx', police)).toMatchObject({ ok: true, summary: { rows: 0, nilReturn: true } });
    expect(desk.store.reader.prepare('SELECT count(*) AS n FROM escalation WHERE raising_agency_id = ?').get(board.police)).toEqual({
      n: 0,
    });

    const status = returnsStatusSchema.parse(returnsStatus(desk.store.reader, QUARTER));
    expect(status.agencies.map((a) => [a.name, a.status, a.rows, a.fileName, a.importedAt])).toEqual([
      ['Avon and Somerset Police', 'nil', 0, 'police.xlsx', NOW.toISOString()],
      ['Bristol City Council', 'missing', 0, null, null],
      ['Hollyfield Primary School', 'returned', 1, 'school.xlsx', NOW.toISOString()],
      ['Sirona Care and Health', 'missing', 0, null, null],
    ]);
    // Another quarter: everyone is still to send theirs.
    expect(returnsStatus(desk.store.reader, '2026-Q3').agencies.every((a) => a.status === 'missing')).toBe(true);

    const before = dbFingerprint(desk.store.file);
    const again = await importReturn(desk, 'school-copy.xlsx', school);
    expect(again).toMatchObject({
      ok: false,
      message: expect.stringContaining('This file was already imported on 23 Nov 2026 by test coordinator'),
    });
    const second = await importReturn(
      desk,
      'school-v2.xlsx',
      await fillReturn(await makeTemplate(desk, board.school, 'school2.xlsx'), { rows: [row({ reference: 'HPS-0099' })] }),
    );
    expect(second).toMatchObject({
      ok: false,
      message: expect.stringContaining(
        'Hollyfield Primary School’s return for Q2 2026-27 (Jul-Sep) was already imported from “school.xlsx” on 23 Nov 2026',
      ),
    });
    expect(dbFingerprint(desk.store.file)).toBe(before);
  });

  it('reads a date raised in British Summer Time as the day the agency typed', async () => {
    const board = start();
    const bytes = await fillReturn(await makeTemplate(desk, board.school), { rows: [row({ raised: day(2026, 7, 15) })] });
    // The same bytes read with exceljs, as any other tool would, show 15 July too.
    const sheet = (await loadWorkbook(bytes)).getWorksheet('Return')!;
    expect((sheet.getCell('E6').value as Date).toISOString()).toBe('2026-07-15T00:00:00.000Z');
    await importReturn(desk, 'bst.xlsx', bytes);
    expect(desk.store.reader.prepare('SELECT opened_on FROM escalation').get()).toEqual({ opened_on: '2026-07-15' });
  });
});

describe('a return is filed only under the board and agency it was made for', () => {
  /** Imports the bytes, expects a refusal, and checks that nothing at all was written. */
  async function refused(bytes: Buffer): Promise<string> {
    const before = dbFingerprint(desk.store.file);
    const outcome = await importReturn(desk, 'return.xlsx', bytes);
    expect(outcome.ok).toBe(false);
    expect(dbFingerprint(desk.store.file)).toBe(before);
    return outcome.ok ? '' : outcome.message;
  }
  const idOf = (d: TestDesk) => (d.store.reader.prepare('SELECT board_id FROM board_identity').get() as { board_id: string }).board_id;

  it('gives each board an id of its own, made once and kept', () => {
    start();
    const neighbour = openTestDesk({ now: () => NOW });
    try {
      expect(idOf(desk)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(idOf(neighbour)).not.toBe(idOf(desk));
      // Renaming the board leaves its identity as it was.
      const first = idOf(desk);
      ok(onLatest(desk, 'settings:update', { boardName: 'Bristol Safeguarding Children Partnership', quarterStartMonth: 4 }));
      expect(idOf(desk)).toBe(first);
    } finally {
      neighbour.cleanup();
    }
  });

  it('refuses a neighbouring board’s template, naming both boards, even with the same agencies and ids', async () => {
    const board = start();
    ok(onLatest(desk, 'settings:update', { boardName: 'Bristol Safeguarding Children Partnership', quarterStartMonth: 4 }));
    const neighbour = openTestDesk({ now: () => NOW });
    let bytes: Buffer;
    let neighbourId: string;
    try {
      const theirs = seedBoard(neighbour, 'bromley');
      expect(theirs.school).toBe(board.school);
      ok(
        onLatest(neighbour, 'settings:update', {
          boardName: 'South Gloucestershire Safeguarding Children Partnership',
          quarterStartMonth: 4,
        }),
      );
      bytes = await fillReturn(await makeTemplate(neighbour, theirs.school), { rows: [row()] });
      neighbourId = idOf(neighbour);
    } finally {
      neighbour.cleanup();
    }
    const message = await refused(bytes);
    expect(message).toContain(`made by “South Gloucestershire Safeguarding Children Partnership” (board id ${neighbourId.slice(0, 8)})`);
    expect(message).toContain(`not by this board, “Bristol Safeguarding Children Partnership” (board id ${idOf(desk).slice(0, 8)})`);
    // The board's own template, filled in the same way, imports.
    expect(
      await importReturn(desk, 'ours.xlsx', await fillReturn(await makeTemplate(desk, board.school), { rows: [row()] })),
    ).toMatchObject({ ok: true });
  });

  it('refuses a per-agency template when the agency with that id now has another name, naming both', async () => {
    const board = start();
    const bytes = await fillReturn(await makeTemplate(desk, board.school), { rows: [row()] });
    ok(
      onLatest(desk, 'agencies:update', {
        agencyId: board.school,
        name: 'Hollyfield Church of England Academy',
        sector: 'education',
        statutoryPartner: false,
      }),
    );
    const message = await refused(bytes);
    expect(message).toContain(
      `made for agency ${board.school}, “Hollyfield Primary School”, but agency ${board.school} here is “Hollyfield Church of England Academy”`,
    );
  });

  it('refuses a template made before templates carried the board’s identity, asking for a fresh one', async () => {
    const board = start();
    const bytes = await fillReturn(await makeTemplate(desk, board.school), {
      rows: [row()],
      edit: (_sheet, workbook) => {
        const about = workbook.getWorksheet('About')!;
        about.getCell('B2').value = 1;
        about.spliceRows(11, 1);
      },
    });
    const message = await refused(bytes);
    expect(message).toContain('made by an earlier version of Escalation Desk, before templates said which board made them');
    expect(message).toContain('Make a fresh template for the quarter');
  });
});
