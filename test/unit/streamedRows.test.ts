// The register's rows are written as XML straight into the sheet's stream (streamedRows.ts), not
// through exceljs's rows and cells. The file must be the one exceljs would have written: here the
// same rows go both ways, after the same header and an earlier sheet, and every part of the two
// files must be equal byte for byte (the sheet, and the styles each way registered, in order).
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StreamedRows, VALUE_TYPE, type PlainCell } from '../../electron/services/returns/streamedRows';
import { unzipParts } from '../support/workbooks';

const COLUMN_STYLES: Partial<ExcelJS.Style>[] = [
  {},
  { alignment: { horizontal: 'center' } },
  { numFmt: 'dd/mm/yyyy', alignment: { horizontal: 'center' } },
  { numFmt: '#,##0', alignment: { horizontal: 'center' } },
  { numFmt: '0.0%' },
  { alignment: { horizontal: 'right' } },
];
const DATE_COLUMN = 2;

/** A day as the register holds it (its Excel serial) and as the old code gave it to exceljs (a Date at midnight UTC). */
const serialOf = (date: Date) => 25569 + date.getTime() / 86_400_000;

type Way = 'exceljs' | 'streamed';

async function workbook(rows: readonly PlainCell[][], way: Way): Promise<Map<string, string>> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.created = new Date(Date.UTC(2026, 10, 23));
  book.modified = book.created;
  // An earlier sheet, so the style table already holds styles of its own.
  const first = book.addWorksheet('First');
  first.addRow(['Heading', 3, new Date(Date.UTC(2026, 6, 1))]).commit();
  first.getRow(2).getCell(1).font = { bold: true };
  first.addRow(['x', 0.25]).commit();
  first.commit();
  const sheet = book.addWorksheet('Rows');
  sheet.columns = COLUMN_STYLES.map((style) => ({ width: 12, style }));
  const header = sheet.addRow(COLUMN_STYLES.map((_, i) => `Column ${i + 1}`));
  header.getCell(1).font = { bold: true };
  header.commit();
  if (way === 'exceljs') {
    for (const values of rows) {
      const dated = values.map((v, i) => (i === DATE_COLUMN && typeof v === 'number' ? new Date((v - 25569) * 86_400_000) : v));
      sheet.addRow(dated).commit();
    }
  } else {
    const streamed = new StreamedRows(book, sheet, COLUMN_STYLES, 2);
    rows.forEach((values, i) => {
      streamed.add(values);
      if (i % 7 === 6) streamed.flush();
    });
    streamed.flush();
  }
  sheet.autoFilter = 'A1:F1';
  sheet.commit();
  await book.commit();
  return new Map(unzipParts(Buffer.concat(chunks)).map((p) => [p.name, p.data.toString('utf8')]));
}

async function expectSameFile(rows: readonly PlainCell[][]): Promise<void> {
  const [reference, streamed] = await Promise.all([workbook(rows, 'exceljs'), workbook(rows, 'streamed')]);
  expect([...streamed.keys()]).toEqual([...reference.keys()]);
  for (const [name, xml] of reference) expect(streamed.get(name), name).toBe(xml);
}

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('', '=HYPERLINK("http://example.invalid","Open")', '+SUM(1,2)', '-2+3 Council', '@SUM(A1)', '\tTabbed', '\rReturned'),
  fc.constantFrom('Tom & Jerry <b>', `"quoted" and 'single'`, 'bell\u0007 del\u007f nul\u0000 ff\u000c', 'line\nbreak', 'émoji 🙂 Ünïcode'),
);
const day = fc
  .integer({ min: Date.UTC(1990, 0, 1) / 86_400_000, max: Date.UTC(2100, 0, 1) / 86_400_000 })
  .map((d) => serialOf(new Date(d * 86_400_000)));
const number = fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.double({ noNaN: true, noDefaultInfinity: true }));
const cell = (column: number): fc.Arbitrary<PlainCell> =>
  column === DATE_COLUMN ? fc.option(day, { nil: null }) : fc.oneof(fc.constant(null), text, number);
const row = fc.tuple(...COLUMN_STYLES.map((_, i) => cell(i))) as fc.Arbitrary<PlainCell[]>;

describe('rows streamed as XML', () => {
  it('name the kinds of value by exceljs’s own numbers (kept here so the services need not load exceljs)', () => {
    expect(VALUE_TYPE).toEqual({ Null: ExcelJS.ValueType.Null, Number: ExcelJS.ValueType.Number, String: ExcelJS.ValueType.String });
  });

  it('write the file exceljs writes for the same rows: text, formula-like text, numbers, dates, empty cells and empty rows', async () => {
    await expectSameFile([
      ['R-01', 'AB', serialOf(new Date(Date.UTC(2026, 6, 15))), 2, 0.5, 'Yes'],
      ['=1+1', null, null, null, null, null],
      [null, null, null, null, null, null],
      ['', '', serialOf(new Date(Date.UTC(2026, 8, 30))), 0, -0.25, 7],
      ['Tom & Jerry <b> "q" \'s\'', 'ctl\u0001\u001f\u007f', null, 1e21, 1e-7, null],
    ]);
  });

  it('write the file exceljs writes for any rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 25 }), async (rows) => {
        await expectSameFile(rows);
      }),
      { numRuns: 40 },
    );
  });
});
