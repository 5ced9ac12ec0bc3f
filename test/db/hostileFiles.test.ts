// Files a coordinator will one day be sent instead of a completed return. Each is refused with
// words that say what is wrong and what to do, and the database is left byte for byte as it was.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ExcelJS from 'exceljs';
import { seedBoard, type Board } from '../support/boardFixture';
import { dbFingerprint } from '../support/dbFingerprint';
import { openTestDesk, type TestDesk } from '../support/tempStore';
import { readAgencyReturn } from '../../electron/services/returns/readAgencyReturn';
import {
  NOW,
  compoundFile,
  day,
  fillReturn,
  importReturn,
  makeTemplate,
  rowBomb,
  unzipParts,
  zipOf,
  type ReturnEntry,
  type ImportOutcome,
} from '../support/workbooks';

let desk: TestDesk;
let board: Board;
afterEach(() => desk.cleanup());

function start(): void {
  desk = openTestDesk({ now: () => NOW });
  board = seedBoard(desk, 'bromley');
}

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

/** Imports the bytes, expects a refusal, and checks that nothing at all was written. */
async function refused(bytes: Buffer, fileName = 'return.xlsx'): Promise<Extract<ImportOutcome, { ok: false }>> {
  const before = dbFingerprint(desk.store.file);
  const outcome = await importReturn(desk, fileName, bytes);
  expect(outcome.ok).toBe(false);
  expect(dbFingerprint(desk.store.file)).toBe(before);
  return outcome as Extract<ImportOutcome, { ok: false }>;
}

const schoolReturn = async (fill: Parameters<typeof fillReturn>[1]) => fillReturn(await makeTemplate(desk, board.school), fill);
const wheres = (outcome: { problems: { where: string; message: string }[] }) => outcome.problems.map((p) => `${p.where}: ${p.message}`);

describe('files that are not a workbook at all', () => {
  it('refuses random bytes, a text file and an empty file', async () => {
    start();
    expect((await refused(randomBytes(4096))).message).toContain('This file is not an Excel workbook (.xlsx)');
    expect((await refused(Buffer.from('Case reference,Initials\nHPS-0001,AB\n'), 'return.csv')).message).toContain(
      'This file is not an Excel workbook (.xlsx)',
    );
    expect((await refused(Buffer.alloc(0))).message).toContain('This file is empty');
  });

  it('refuses a file over 20 MB without reading it', async () => {
    start();
    expect((await refused(Buffer.alloc(21 * 1024 * 1024, 0x50))).message).toContain('the limit is 20 MB');
  });

  it('tells an old Excel 97-2003 .xls from a password-protected workbook', async () => {
    start();
    const xls = await refused(compoundFile(['Workbook', 'SummaryInformation']), 'return.xls');
    expect(xls.message).toContain('an Excel 97-2003 .xls file');
    expect(xls.message).toContain('save it again as an Excel workbook (.xlsx)');
    const locked = await refused(compoundFile(['EncryptionInfo', 'EncryptedPackage']));
    expect(locked.message).toContain('password-protected');
    expect(locked.message).toContain('remove the password');
  });

  it('refuses a zip archive renamed to .xlsx, and one cut short', async () => {
    start();
    const renamed = await refused(
      zipOf([
        { name: 'notes.txt', data: 'Minutes of the meeting' },
        { name: 'figures.csv', data: 'a,b\n1,2\n', deflate: true },
      ]),
    );
    expect(renamed.message).toContain('This is a zip file, not an Excel workbook');
    const whole = await schoolReturn({ rows: [row()] });
    expect((await refused(whole.subarray(0, Math.floor(whole.length / 2)))).message).toContain('damaged or incomplete');
  });

  it('refuses a workbook that unpacks to far more than a return could hold, even when it understates its size', async () => {
    start();
    const huge = Buffer.alloc(120 * 1024 * 1024, 0x20);
    for (const claimedSize of [undefined, 1000]) {
      const bomb = zipOf([
        { name: 'xl/workbook.xml', data: '<workbook/>' },
        { name: 'xl/worksheets/sheet1.xml', data: huge, deflate: true, ...(claimedSize ? { claimedSize } : {}) },
      ]);
      expect(bomb.length).toBeLessThan(1024 * 1024);
      expect((await refused(bomb)).message).toContain('unpacks to far more data than a quarterly return could hold');
    }
  }, 90_000);

  it('never throws on a real return with bytes damaged at random', async () => {
    start();
    // The zip carries the time it was written, so the clock is fixed; the board's id is still new
    // each run, so which part the damage lands in varies and any plain refusal is accepted below.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-07-20T10:00:00Z') });
    const good = await schoolReturn({ rows: [row()] }).finally(() => vi.useRealTimers());
    const before = dbFingerprint(desk.store.file);
    let seed = 20260715;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 120; i += 1) {
      const bytes = Buffer.from(good);
      for (let k = 0; k < 1 + Math.floor(next() * 5); k += 1) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
      const outcome = await readAgencyReturn(desk.store.reader, { fileName: 'damaged.xlsx', bytes, now: NOW });
      // Any refusal will do, as long as it is a sentence for a person rather than a library's error.
      if (!outcome.ok) expect(outcome.message).toMatch(/^(This|The) [^\n]*\.$/);
      if (!outcome.ok) expect(outcome.message).not.toMatch(/Error|undefined|null|\bat \w+ \(/);
    }
    expect(dbFingerprint(desk.store.file)).toBe(before);
  });
});

describe('workbooks not made from the template', () => {
  it('refuses a workbook without the template’s sheets, and one from an unknown template version', async () => {
    start();
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('Sheet1').getCell('A1').value = 'Case reference';
    const message = (await refused(Buffer.from(await plain.xlsx.writeBuffer()))).message;
    expect(message).toContain('not made from the board’s return template');
    expect(message).toContain('no “Return” and “About” sheet');
    const newer = await schoolReturn({ rows: [row()], edit: (_s, wb) => (wb.getWorksheet('About')!.getCell('B2').value = 7) });
    expect((await refused(newer)).message).toContain('newer version of Escalation Desk (template version 7)');
  });

  it('refuses a return made for an agency no longer in the directory', async () => {
    start();
    const bytes = await schoolReturn({ rows: [row()], edit: (_s, wb) => (wb.getWorksheet('About')!.getCell('B7').value = 9999) });
    expect((await refused(bytes)).message).toContain('which is not in the board’s agency directory');
  });
});

describe('a completed template with problems', () => {
  it('refuses more than 10,000 rows, saying how many there are', async () => {
    start();
    const bytes = await schoolReturn({
      edit: (sheet) => {
        for (let r = 6; r < 6 + 10_001; r += 1)
          sheet.getRow(r).values = [
            `HPS-${r}`,
            'AB',
            'Bristol City Council',
            'Level of need or threshold',
            day(2026, 7, 15),
            '1',
            'No',
            'No',
            'No',
            'No',
            'Still open',
          ];
      },
    });
    expect((await refused(bytes)).message).toContain(
      'The Return sheet has 10,001 filled-in rows; a quarterly return can hold at most 10,000',
    );
  }, 90_000);

  it('names a formula typed where a date belongs', async () => {
    start();
    const bytes = await schoolReturn({
      rows: [row({ raised: { formula: 'DATE(2026,7,15)', result: day(2026, 7, 15) } as ExcelJS.CellValue })],
    });
    const outcome = await refused(bytes);
    expect(wheres(outcome)).toEqual(['Sheet “Return”, row 6, column “Date raised”: This cell holds a formula; type the value itself.']);
  });

  it('names merged cells by their range', async () => {
    start();
    const bytes = await schoolReturn({ rows: [row(), row({ reference: 'HPS-0002' })], edit: (sheet) => sheet.mergeCells('C7:D7') });
    const outcome = await refused(bytes);
    expect(outcome.message).toContain('layout was changed');
    expect(wheres(outcome)).toEqual([expect.stringContaining('Sheet “Return”, row 7: Cells C7:D7 are merged')]);
  });

  it('names a column that is not in the template, by heading and letter', async () => {
    start();
    const bytes = await schoolReturn({
      rows: [row()],
      edit: (sheet) => {
        sheet.getCell('N5').value = 'Notes';
        sheet.getCell('N6').value = 'Discussed at supervision';
        sheet.getCell('P8').value = 'stray';
      },
    });
    const outcome = await refused(bytes);
    expect(wheres(outcome)).toEqual([
      'Sheet “Return”, row 5, column “Notes”: The column “Notes” (column N) is not part of the template. Delete the column, keeping the template’s 13 columns.',
      'Sheet “Return”, row 8: Column P holds an entry but is not part of the template. Delete it, or move it into the right column.',
    ]);
    const inserted = await schoolReturn({
      rows: [row()],
      edit: (sheet) => {
        sheet.spliceColumns(3, 0, []);
        sheet.getCell('C5').value = 'Worker';
        sheet.getCell('C6').value = 'Team lead';
      },
    });
    expect(wheres(await refused(inserted))[0]).toContain('The column “Worker” (column C) is not part of the template');
  });

  it('lists every problem in every row with its sheet, row and column', async () => {
    start();
    const bytes = await schoolReturn({
      rows: [
        row({ reference: 'HPS 0001', initials: 'ABCDE' }),
        row({ challenged: 'Ministry of Nowhere', category: 'Weather', stage: '9 - Nonsense', immediateRisk: 'Maybe' }),
        row({ raised: '31/02/2026', outcome: 'Original decision upheld' }),
        row({ raised: day(2026, 5, 1), outcome: 'Still open', resolved: day(2026, 9, 1) }),
        row({ challenged: 'Hollyfield Primary School', outcome: 'Withdrawn', raised: day(2026, 9, 1), resolved: day(2026, 8, 1) }),
        row({ raised: day(2026, 12, 1) }),
      ],
    });
    const outcome = await refused(bytes);
    expect(outcome.message).toBe('This return was not imported: 10 problems need correcting in the workbook. Nothing was saved.');
    expect(wheres(outcome)).toEqual([
      'Sheet “Return”, row 6, column “Case reference”: A case reference is letters, digits, “-”, “/” or “_”, up to 30 characters, with no spaces (never the child’s name)',
      'Sheet “Return”, row 6, column “Child’s initials”: Initials are 1 to 4 letters (never the child’s name)',
      'Sheet “Return”, row 7, column “Agency challenged”: “Ministry of Nowhere” is not one of the agencies in the dropdown list',
      'Sheet “Return”, row 7, column “Category”: “Weather” is not one of the categories in the dropdown list',
      'Sheet “Return”, row 7, column “Highest stage reached”: “9 - Nonsense” is not one of the stages of the board’s policy in the dropdown list',
      'Sheet “Return”, row 7, column “Immediate risk (Yes/No)”: “Maybe” is not Yes or No',
      'Sheet “Return”, row 8, column “Date raised”: “31/02/2026” is not a real date',
      // ICU spells September “Sep” or “Sept” depending on its version.
      expect.stringMatching(
        /^Sheet “Return”, row 9, column “Date raised”: 1 May 2026 is not in the quarter this return covers \(1 Jul 2026 to 30 Sept? 2026\): list only escalations raised in it$/,
      ),
      'Sheet “Return”, row 10, column “Agency challenged”: An agency cannot escalate against itself: a disagreement inside one agency is not a multi-agency escalation',
      'Sheet “Return”, row 11, column “Date raised”: 1 Dec 2026 is in the future',
    ]);
  });

  it('checks the date resolved against the outcome and the date raised, and finds a case listed twice', async () => {
    start();
    const bytes = await schoolReturn({
      rows: [
        row({ outcome: 'Original decision upheld' }),
        row({ reference: 'HPS-0002', outcome: 'Withdrawn', raised: day(2026, 9, 1), resolved: day(2026, 8, 1) }),
        row({ reference: 'HPS-0003', resolved: day(2026, 9, 1) }),
        row({ reference: 'HPS-0004' }),
        row({ reference: 'hps-0004' }),
      ],
    });
    expect(wheres(await refused(bytes))).toEqual([
      'Sheet “Return”, row 6, column “Date resolved”: Give the date resolved for a closed case, and leave it blank for one still open',
      'Sheet “Return”, row 7, column “Date resolved”: The date resolved cannot be before the date raised',
      'Sheet “Return”, row 8, column “Date resolved”: Give the date resolved for a closed case, and leave it blank for one still open',
      'Sheet “Return”, row 10, column “Case reference”: Repeats row 9: the same case, agency challenged and date raised. List each escalation once.',
    ]);
  });

  it('caps a long list of problems and says how many more there are', async () => {
    start();
    const bytes = await schoolReturn({ rows: Array.from({ length: 150 }, (_, i) => row({ reference: `HPS ${i}`, category: 'Weather' })) });
    const outcome = await refused(bytes);
    expect(outcome.message).toContain('300 problems need correcting');
    expect(outcome.problems).toHaveLength(201);
    expect(outcome.problems[200]).toEqual({ where: 'Sheet “Return”', message: '…and 100 more problems not listed here.' });
  });

  it('refuses a nil return that lists rows, and a return with neither', async () => {
    start();
    expect(wheres(await refused(await schoolReturn({ nil: 'Yes', rows: [row()] })))).toEqual([
      'Sheet “Return”, row 3, column “Nil return”: Nil return says Yes, but the table has 1 row. Set Nil return to No, or delete the rows.',
    ]);
    const empty = await refused(await schoolReturn({ nil: 'No' }));
    expect(wheres(empty)).toEqual([
      expect.stringContaining('This is an empty return: add a row for each escalation, or set Nil return to Yes'),
    ]);
  });

  it('skips blank rows in the middle and imports the rest', async () => {
    start();
    const before = dbFingerprint(desk.store.file);
    const outcome = await importReturn(
      desk,
      'gaps.xlsx',
      await schoolReturn({
        rows: [row(), row({ at: 12, reference: 'HPS-0002' }), row({ at: 40, reference: 'HPS-0003' })],
        edit: (sheet) => (sheet.getCell('A9').value = '   '),
      }),
    );
    expect(outcome).toMatchObject({ ok: true, summary: { rows: 3 } });
    expect(dbFingerprint(desk.store.file)).not.toBe(before);
    expect(desk.store.reader.prepare('SELECT reference FROM escalation ORDER BY id').all()).toEqual([
      { reference: 'HPS-0001' },
      { reference: 'HPS-0002' },
      { reference: 'HPS-0003' },
    ]);
  });

  it('refuses to read a return before the board has chosen its policy', async () => {
    start();
    const bytes = readFileSync(await makeTemplate(desk, board.school));
    desk.store.writer.prepare("DELETE FROM board_setting WHERE key = 'active_profile_id'").run();
    expect((await refused(bytes)).message).toContain('Choose the board’s escalation policy in Settings before importing returns');
  });
});

describe('small files made to exhaust the app', () => {
  const template = async () => readFileSync(await makeTemplate(desk, board.school));

  it('refuses the row bomb, a few MB of 2.3 million empty rows, by its size before unpacking it', async () => {
    start();
    const bomb = rowBomb(await template(), 2_300_000);
    expect(bomb.length).toBeLessThan(12 * 1024 * 1024);
    const outcome = await refused(bomb);
    expect(outcome.message).toBe(
      'This workbook unpacks to far more data than a quarterly return could hold, so it was not opened. Check you chose the right file.',
    );
  }, 60_000);

  it('stops reading at the row limit when the empty rows fit in the size limit, through the import channel too', async () => {
    start();
    const bomb = rowBomb(await template(), 1_000_000);
    const rowLimit =
      'The sheet “Return” has more than 20,000 rows (filled in or only formatted); a quarterly return can hold at most 10,000. Check it is the right file, and delete any empty rows below the table.';
    expect((await refused(bomb)).message).toBe(rowLimit);
    // As the window and the web mode send it: base64, decoded on the reader's thread.
    const before = dbFingerprint(desk.store.file);
    const viaChannel = await desk.dispatchAsync('returns:import', { fileName: 'bomb.xlsx', contentBase64: bomb.toString('base64') });
    expect(viaChannel).toMatchObject({ ok: false, error: { message: rowLimit } });
    const notBase64 = await desk.dispatchAsync('returns:import', { fileName: 'return.xlsx', contentBase64: 'UEsDBBQ%%%not base64' });
    expect(notBase64).toMatchObject({ ok: false, error: { message: 'The file content did not arrive intact: choose the file again.' } });
    expect(dbFingerprint(desk.store.file)).toBe(before);
  }, 60_000);

  it('refuses a sheet of more cells than a return could have, and XML with a document type (an entity bomb)', async () => {
    start();
    const parts = unzipParts(await template());
    const sheet = parts.find((p) => p.name.startsWith('xl/worksheets/sheet') && p.data.includes('<autoFilter'))!;
    const end = sheet.data.indexOf('</sheetData>');
    // 10,000 rows of 50 empty styled cells: under the row limit, over the cell limit.
    const cells = Array.from({ length: 50 }, (_, c) => `<c r="${String.fromCharCode(65 + (c % 26))}${c < 26 ? '' : 'A'}X" s="1"/>`).join(
      '',
    );
    const rows = Array.from({ length: 10_000 }, (_, i) => `<row r="${i + 6}">${cells}</row>`).join('');
    const wide = parts.map((p) =>
      p === sheet ? { ...p, data: Buffer.concat([p.data.subarray(0, end), Buffer.from(rows), p.data.subarray(end)]) } : p,
    );
    expect((await refused(zipOf(wide.map((p) => ({ ...p, deflate: true }))))).message).toContain(
      'the sheet “Return” has more than 400,000 cells',
    );

    const laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>';
    const withDoctype = parts.map((p) =>
      p === sheet ? { ...p, data: Buffer.from(laughs + p.data.toString('utf8').replace(/^<\?xml[^>]*>/, '')) } : p,
    );
    expect((await refused(zipOf(withDoctype.map((p) => ({ ...p, deflate: true }))))).message).toContain('a document type declaration');
  }, 60_000);
});
