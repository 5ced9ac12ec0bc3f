// The Excel conventions every sheet of the board's return follows, in one place: a bold, frozen,
// filtered header row; widths that fit the content; dates and numbers as real Excel values.
// Dates are built with Date.UTC: exceljs turns a Date into a serial from its UTC time, so a
// local-time Date written in British Summer Time would land on the day before.
import type ExcelJS from 'exceljs';
import { printedSheet } from '../printSetup';

export type Value = string | number | Date | null;
/** A value whose number format differs from its column's (a share in a column of counts). */
export interface Formatted {
  value: Value;
  numFmt: string;
}
export type CellInput = Value | Formatted;

export const FMT = {
  count: '#,##0',
  days: '#,##0',
  share: '0.0%',
  countChange: '+#,##0;-#,##0;0',
  shareChange: '+0.0%;-0.0%;0.0%',
  date: 'dd/mm/yyyy',
  dateTime: 'dd/mm/yyyy hh:mm',
} as const;

export const MAX_WIDTH = 60;

export interface TableColumn {
  header: string;
  numFmt?: string;
  /** Characters the widest value is expected to take, where the rows are not all in hand (the register). */
  contentChars?: number;
  /** Where the rows are not in hand to tell: numbers right, dates and short codes centred. */
  align?: Align;
}

export interface TableSpec {
  name: string;
  columns: readonly TableColumn[];
  rows: readonly CellInput[][];
  /** Lines under the table and outside its filter, after a blank row: notes and overall shares. */
  after?: readonly CellInput[][];
  /** Columns kept in view when scrolling right (the matrix keeps its row names). */
  freezeColumns?: number;
  /** Wrap long headers (the matrix's agency names) instead of widening the column to fit them. */
  wrapHeaderAt?: number;
}

const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { name: 'Calibri', size: 11, bold: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } },
  border: { bottom: { style: 'thin', color: { argb: 'FF8EA9C8' } } },
  alignment: { vertical: 'bottom', wrapText: true },
};

export function isFormatted(cell: CellInput): cell is Formatted {
  return cell !== null && typeof cell === 'object' && !(cell instanceof Date);
}

/** An ISO calendar date as an Excel date: midnight UTC, so the serial is that day in any time zone. */
export function excelDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** The London wall-clock time of an instant, as an Excel date-time (the board works in England). */
export function londonDateTime(now: Date): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  return new Date(
    Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
    ),
  );
}

/** Roughly how many characters Excel shows for a value: enough to size a column. */
export function displayLength(cell: CellInput): number {
  const value = isFormatted(cell) ? cell.value : cell;
  const fmt = isFormatted(cell) ? cell.numFmt : '';
  if (value === null) return 0;
  if (value instanceof Date) return fmt.includes('hh') ? 16 : 10;
  if (typeof value === 'number') {
    if (fmt.includes('%')) return 7;
    const digits = String(Math.round(Math.abs(value))).length;
    return digits + Math.floor((digits - 1) / 3) + 1;
  }
  return Math.max(...value.split('\n').map((line) => line.length));
}

/** Header plus room for the filter button, or the content, whichever is wider; never over MAX_WIDTH. */
export function columnWidth(header: string, contentChars: number, wrapHeaderAt = MAX_WIDTH): number {
  const headerChars = Math.min(header.length, wrapHeaderAt) + 3;
  // Never 9: exceljs leaves a width of 9 out of the file as its default, and Excel would show 8.43.
  return Math.min(MAX_WIDTH, Math.max(10, headerChars, contentChars + 2));
}

/** Lines a text needs at a column width, up to a limit: wrapped text gets a taller row. */
export function linesAt(text: string, width: number, limit = MAX_WRAPPED_LINES): number {
  return Math.min(
    limit,
    text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / Math.max(1, width - 2))), 0),
  );
}
const MAX_WRAPPED_LINES = 8;
const LINE_HEIGHT = 15;

export function addRow(sheet: ExcelJS.Worksheet, cells: readonly CellInput[]): ExcelJS.Row {
  const row = sheet.addRow(cells.map((c) => (isFormatted(c) ? c.value : c)));
  cells.forEach((c, i) => {
    if (isFormatted(c) && c.value !== null) row.getCell(i + 1).numFmt = c.numFmt;
  });
  return row;
}

/** Text longer than its column wraps onto more lines, and the row grows to show them. */
export function wrapLongText(row: ExcelJS.Row, cells: readonly CellInput[], widths: readonly number[], aligns: readonly Align[]): void {
  const lines = Math.max(1, ...cells.map((c, i) => (typeof c === 'string' && c.length > 0 ? linesAt(c, widths[i] ?? MAX_WIDTH) : 1)));
  if (lines === 1) return;
  row.height = lines * LINE_HEIGHT;
  cells.forEach((_, i) => {
    row.getCell(i + 1).alignment = { horizontal: aligns[i] ?? 'left', vertical: 'top', wrapText: true };
  });
}

export type Align = 'left' | 'center' | 'right';

/** Numbers to the right, dates centred, text to the left, unless the column says otherwise. */
function alignOf(column: TableColumn, values: readonly CellInput[]): Align {
  if (column.align) return column.align;
  const present = values.map((v) => (isFormatted(v) ? v.value : v)).filter((v) => v !== null);
  if (present.length > 0 && present.every((v) => typeof v === 'number')) return 'right';
  if (present.length > 0 && present.every((v) => v instanceof Date)) return 'center';
  return 'left';
}

export function columnStyle(column: TableColumn, align: Align): Partial<ExcelJS.Style> {
  return { ...(column.numFmt ? { numFmt: column.numFmt } : {}), ...(align === 'left' ? {} : { alignment: { horizontal: align } }) };
}

export function writeHeaderRow(
  sheet: ExcelJS.Worksheet,
  headers: readonly string[],
  aligns: readonly Align[],
  wrapHeaderAt?: number,
): void {
  const row = sheet.addRow([...headers]);
  headers.forEach((_, i) => {
    row.getCell(i + 1).style = { ...HEADER_STYLE, alignment: { ...HEADER_STYLE.alignment, horizontal: aligns[i] ?? 'left' } };
  });
  if (wrapHeaderAt !== undefined) row.height = Math.max(...headers.map((h) => linesAt(h, wrapHeaderAt + 2, 4))) * LINE_HEIGHT;
  row.commit();
}

/**
 * The options every table sheet opens with: header row frozen and, on paper, landscape, fitted to
 * the page width, the header row repeated on every page, marked and numbered.
 */
export function tableSheetOptions(freezeColumns = 0): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    views: [{ state: 'frozen', xSplit: freezeColumns, ySplit: 1 }],
    ...printedSheet({ orientation: 'landscape', titleRows: '1:1' }),
  };
}

/** Prints just the table and the notes under it (a streamed sheet knows its last row only at the end). */
export function setPrintArea(sheet: ExcelJS.Worksheet, lastColumn: number, lastRow: number): void {
  sheet.pageSetup.printArea = `A1:${columnName(lastColumn)}${Math.max(1, lastRow)}`;
}

function columnName(col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** A whole small table, rows in hand: the breakdown sheets. */
export function writeTableSheet(workbook: ExcelJS.Workbook, spec: TableSpec): void {
  const sheet = workbook.addWorksheet(spec.name, tableSheetOptions(spec.freezeColumns));
  // A note alone on its line runs on across the empty cells beside it, so it does not size a column.
  const sized = [...spec.rows, ...(spec.after ?? []).filter((r) => r.filter((c) => c !== null).length > 1)];
  const widths = spec.columns.map((c, i) =>
    columnWidth(c.header, Math.max(c.contentChars ?? 0, ...sized.map((r) => displayLength(r[i] ?? null))), spec.wrapHeaderAt),
  );
  const aligns = spec.columns.map((c, i) =>
    alignOf(
      c,
      spec.rows.map((r) => r[i] ?? null),
    ),
  );
  sheet.columns = spec.columns.map((c, i) => ({ width: widths[i], style: columnStyle(c, aligns[i]!) }));
  writeHeaderRow(
    sheet,
    spec.columns.map((c) => c.header),
    aligns,
    spec.wrapHeaderAt,
  );
  for (const cells of spec.rows) {
    const row = addRow(sheet, cells);
    wrapLongText(row, cells, widths, aligns);
    row.commit();
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + spec.rows.length, column: spec.columns.length } };
  let lastRow = 1 + spec.rows.length;
  if (spec.after && spec.after.length > 0) {
    sheet.addRow([]).commit();
    for (const r of spec.after) addRow(sheet, r).commit();
    lastRow += 1 + spec.after.length;
  }
  setPrintArea(sheet, Math.max(spec.columns.length, ...(spec.after ?? []).map((r) => r.length)), lastRow);
  sheet.commit();
}

interface PipedStream {
  writableLength?: number;
  readableLength?: number;
  _writableState?: { length: number };
  _readableState?: { length: number };
}

/**
 * Bytes a streaming sheet has written that the zip has not compressed yet. exceljs hands each
 * committed row on without waiting for the zip, so a long register would pile up in memory
 * unless the writer waits for this to fall. Reads exceljs's and archiver's stream buffers; if
 * a later version changes them it returns 0 and the export simply stops waiting.
 */
export function unzippedBacklog(sheet: ExcelJS.Worksheet): number {
  const stream = (sheet as unknown as { stream?: { buffers?: unknown[]; pipes?: PipedStream[] } }).stream;
  if (!stream) return 0;
  const own = (stream.buffers?.length ?? 0) * 65_536;
  const piped = (stream.pipes ?? []).reduce(
    (n, p) => n + (p.writableLength ?? p._writableState?.length ?? 0) + (p.readableLength ?? p._readableState?.length ?? 0),
    0,
  );
  return own + piped;
}
