// Reads a legacy register, .xlsx or .csv, into its headings and rows of cells, and nothing more:
// what the cells mean is checkRegister.ts's. A workbook is read on the return reader's worker
// thread with the same streaming and limits (workbookCells.ts), larger here because a register
// holds a board's whole history; a CSV is parsed by @fast-csv/parse.
import { createHash } from 'node:crypto';
import { parseString } from '@fast-csv/parse';
import { cellValue, CellKind } from '../returns/sheetCells';
import { readWorkbookOffThread, stopIdleWorker } from '../returns/workbookWorker';
import type { SheetLimits } from '../returns/workbookCells';

export type RegisterCell = string | number | boolean | Date | null;

export interface RegisterTable {
  headings: string[];
  /** The rows below the headings, in file order. */
  rows: RegisterCell[][];
  /** The file's row number of rows[0] (the headings are the row above). */
  firstRow: number;
  sha256: string;
}

export type RegisterRead = { ok: true; table: RegisterTable } | { ok: false; message: string };

/** A board's history: a hundred thousand cases is a large board's decade, with room to spare. */
export const MAX_REGISTER_BYTES = 30 * 1024 * 1024;
export const REGISTER_LIMITS: SheetLimits = {
  file: { fileBytes: MAX_REGISTER_BYTES, unpackedBytes: 400 * 1024 * 1024, partBytes: 300 * 1024 * 1024, what: 'a board’s register' },
  rows: 250_000,
  cells: 5_000_000,
  partBytes: 300 * 1024 * 1024,
  rowsNote: 'a register this app imports can hold at most 250,000 cases',
};

const fingerprint = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Headings from the first row that has any; the rows below it. */
function table(grid: RegisterCell[][], rowNumbers: number[], sha256: string): RegisterRead {
  const headerAt = grid.findIndex((row) => row.some((c) => c !== null && String(c).trim() !== ''));
  if (headerAt < 0) return { ok: false, message: 'The file has no rows: check you chose the register.' };
  const headings = grid[headerAt]!.map((c) => (c === null ? '' : String(c).trim()));
  const rows = grid.slice(headerAt + 1);
  if (rows.length === 0) return { ok: false, message: 'The file has headings but no cases below them.' };
  if (rows.length > REGISTER_LIMITS.rows)
    return {
      ok: false,
      message: `The file has ${rows.length.toLocaleString('en-GB')} rows; ${REGISTER_LIMITS.rowsNote}. Split it into parts.`,
    };
  return { ok: true, table: { headings, rows, firstRow: rowNumbers[headerAt]! + 1, sha256 } };
}

async function readCsv(bytes: Buffer): Promise<RegisterRead> {
  // Excel saves CSV as UTF-8 with a byte-order mark, or in Windows' own encoding: a byte sequence
  // that is not UTF-8 is read as Latin-1 rather than turned into replacement characters.
  let text = bytes.toString('utf8');
  if (text.includes('\uFFFD')) text = bytes.toString('latin1');
  text = text.replace(/^\uFEFF/, '');
  const grid: RegisterCell[][] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      parseString(text, { headers: false, ignoreEmpty: false, trim: true, strictColumnHandling: false })
        .on('error', reject)
        .on('data', (row: string[]) => {
          if (grid.length > REGISTER_LIMITS.rows + 1) return;
          grid.push(row.map((c) => (c === '' ? null : c)));
        })
        .on('end', () => resolve());
    });
  } catch (error) {
    return {
      ok: false,
      message: `This CSV file could not be read: ${error instanceof Error ? error.message : String(error)}. Save it again from Excel as CSV.`,
    };
  }
  return table(
    grid,
    grid.map((_, i) => i + 1),
    fingerprint(bytes),
  );
}

async function readXlsx(bytes: Buffer): Promise<RegisterRead> {
  const read = await readWorkbookOffThread(bytes, [{ name: '', first: true, limits: REGISTER_LIMITS }]);
  stopIdleWorker();
  if (!read.ok) return read;
  const name = read.workbook.sheetNames[0];
  const sheet = name === undefined ? undefined : read.workbook.sheets[name];
  if (!sheet) return { ok: false, message: 'The workbook has no sheet to read.' };
  // Rows as the sheet numbers them; a formula or error cell is read as the text of what it is.
  const byRow = new Map<number, RegisterCell[]>();
  for (let i = 0; i < sheet.rows.length; i += 1) {
    const kind = sheet.kinds[i] as CellKind;
    if (kind === CellKind.Empty) continue;
    const value = cellValue(sheet, i);
    const cell: RegisterCell =
      kind === CellKind.Formula
        ? `=${(value as { formula: string }).formula}`
        : kind === CellKind.Error
          ? (value as { error: string }).error
          : (value as RegisterCell);
    const r = sheet.rows[i]!;
    let row = byRow.get(r);
    if (!row) byRow.set(r, (row = []));
    row[sheet.cols[i]! - 1] = cell;
  }
  const numbers = [...byRow.keys()].sort((a, b) => a - b);
  if (numbers.length === 0) return { ok: false, message: 'The file has no rows: check you chose the register.' };
  // Blank rows between cases stay blank rows, so each case keeps the row number Excel shows.
  const first = numbers[0]!;
  const last = numbers[numbers.length - 1]!;
  const grid: RegisterCell[][] = [];
  const rowNumbers: number[] = [];
  for (let r = first; r <= last; r += 1) {
    grid.push(Array.from(byRow.get(r) ?? [], (c) => c ?? null));
    rowNumbers.push(r);
  }
  return table(grid, rowNumbers, read.workbook.sha256);
}

/** Reads the file by its name's ending; never rejects. */
export async function readRegister(fileName: string, bytes: Buffer): Promise<RegisterRead> {
  if (bytes.length > MAX_REGISTER_BYTES)
    return {
      ok: false,
      message: `The file is ${Math.round(bytes.length / 1024 / 1024)} MB; a register this app imports is at most 30 MB. Split it into parts.`,
    };
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return readCsv(bytes);
  if (lower.endsWith('.xlsx')) return readXlsx(bytes);
  return {
    ok: false,
    message: `“${fileName}” is neither an Excel workbook (.xlsx) nor a CSV file (.csv). Save the register as one of those.`,
  };
}
