// Reads the cells of the named sheets of an .xlsx, and nothing else, as a stream: each part is
// inflated a chunk at a time into a SAX parser, and reading stops as soon as a limit is reached.
// A workbook is a zip of XML, and a small zip can hold millions of empty rows; a reader that
// builds the whole workbook in memory (exceljs's load) took 1.9 GB and 24 s on an 11 MB file of
// 2.3 million blank rows. Here nothing is held but the cells of the sheets asked for, and never
// more than LIMITS allow, so memory and time are bounded whatever the file says.
// Knows nothing of the board or its database: it runs on a worker thread (returnWorker.ts).
import { createHash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw } from 'node:zlib';
import { SaxesParser } from 'saxes';
import { MAX_PART_BYTES, RETURN_BUDGET, checkWorkbookBytes, zipEntries, zipEntryData, type UnpackBudget, type ZipEntry } from './fileCheck';
import { CellBuffer, type CellValue, type SheetCells } from './sheetCells';

export type { CellValue, SheetCells } from './sheetCells';

export interface WorkbookCells {
  sheetNames: string[];
  /** The sheets asked for that the workbook has, by name. */
  sheets: Record<string, SheetCells>;
  sha256: string;
}

export type WorkbookRead = { ok: true; workbook: WorkbookCells } | { ok: false; message: string };

export interface SheetRequest {
  /** The sheet's name; with `first`, whatever the first sheet is called (a legacy register's). */
  name: string;
  first?: boolean;
  /** Stop reading the sheet after this row (the About sheet's few lines). */
  lastRow?: number;
  /** Limits for a sheet larger than a return may be (a board's whole legacy register); LIMITS otherwise. */
  limits?: SheetLimits;
}

export interface SheetLimits {
  /** The whole file's packed and unpacked size (fileCheck.ts): a register is a bigger file than a return. */
  file: UnpackBudget;
  rows: number;
  cells: number;
  partBytes: number;
  /** Said after "has more than N rows": what such a file holds at most. */
  rowsNote: string;
}

/**
 * Far above any real return (10,000 filled-in rows of 13 columns is about 5 MB of sheet XML and
 * 130,000 cells), far below what would strain the app.
 */
export const LIMITS = {
  /** Row elements in one sheet, filled in or not: twice the most a return may hold. */
  rows: 20_000,
  /** Cell elements in one sheet. */
  cells: 400_000,
  /** Unpacked XML of one part. */
  partBytes: MAX_PART_BYTES,
  /** Shared strings, and Excel's own limit on a cell's text. */
  sharedStrings: 400_000,
  cellText: 32_767,
} as const;

const RETURN_SHEET_LIMITS: SheetLimits = {
  file: RETURN_BUDGET,
  rows: LIMITS.rows,
  cells: LIMITS.cells,
  partBytes: LIMITS.partBytes,
  rowsNote: 'a quarterly return can hold at most 10,000',
};

const CHUNK = 64 * 1024;
const RESAVE = 'Open it in Excel and save it again as an Excel workbook (.xlsx), then import that file.';
const TOO_MUCH = 'This workbook holds far more than a quarterly return could';

export class WorkbookRefusal extends Error {}
/** Thrown from a SAX handler to stop reading a part early; not an error. */
const STOP = Symbol('stop');

type Attributes = Record<string, string>;
interface XmlHandlers {
  open(name: string, attributes: Attributes): void;
  close(name: string): void;
  text?(text: string): void;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** The part's bytes, inflated a chunk at a time and never more than the limit. */
async function* partChunks(bytes: Buffer, entry: ZipEntry): AsyncGenerator<Buffer> {
  const data = zipEntryData(bytes, entry);
  if (data === null) throw new WorkbookRefusal(`This workbook is damaged: parts of it cannot be unpacked. ${RESAVE}`);
  if (entry.method === 0) {
    for (let at = 0; at < data.length; at += CHUNK) yield data.subarray(at, at + CHUNK);
    return;
  }
  const inflater = createInflateRaw({ chunkSize: CHUNK });
  inflater.end(data);
  try {
    for await (const chunk of inflater) yield chunk as Buffer;
  } finally {
    inflater.destroy();
  }
}

/** Streams one part through a SAX parser; a handler may throw STOP to end the read early. */
async function parsePart(
  bytes: Buffer,
  entry: ZipEntry,
  what: string,
  handlers: XmlHandlers,
  maxBytes: number = LIMITS.partBytes,
): Promise<void> {
  if (entry.uncompressedSize > maxBytes)
    throw new WorkbookRefusal(
      `${TOO_MUCH}: ${what} alone unpacks to ${Math.round(entry.uncompressedSize / 1024 / 1024)} MB. Check you chose the right file.`,
    );
  const parser = new SaxesParser({ position: false });
  parser.on('opentag', (tag) => handlers.open(localName(tag.name), tag.attributes as Attributes));
  parser.on('closetag', (tag) => handlers.close(localName(tag.name)));
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  // Excel never writes a document type; one is how entity-expansion bombs begin.
  parser.on('doctype', () => {
    throw new WorkbookRefusal(
      `This workbook holds XML that Excel does not write (a document type declaration), so it was not read. ${RESAVE}`,
    );
  });
  const decoder = new StringDecoder('utf8');
  let read = 0;
  try {
    for await (const chunk of partChunks(bytes, entry)) {
      read += chunk.length;
      if (read > maxBytes)
        throw new WorkbookRefusal(
          `${TOO_MUCH}: ${what} unpacks to more than ${maxBytes / 1024 / 1024} MB. Check you chose the right file.`,
        );
      parser.write(decoder.write(chunk));
    }
    parser.write(decoder.end());
    parser.close();
  } catch (error) {
    if (error === STOP) return;
    if (error instanceof WorkbookRefusal) throw error;
    throw new WorkbookRefusal(`This workbook is damaged: ${what} is not well-formed XML. ${RESAVE}`);
  }
}

interface SheetEntry {
  name: string;
  relId: string;
}

async function readWorkbookPart(bytes: Buffer, entry: ZipEntry): Promise<{ sheets: SheetEntry[]; date1904: boolean }> {
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  await parsePart(bytes, entry, 'the list of sheets', {
    open(name, attributes) {
      if (name === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
      if (name === 'sheet' && sheets.length < 1000) {
        const relId = Object.entries(attributes).find(([key]) => key.endsWith(':id'))?.[1] ?? '';
        sheets.push({ name: attributes.name ?? '', relId });
      }
    },
    close() {},
  });
  return { sheets, date1904 };
}

/** The workbook's relationships: id to part path, and the shared strings and styles parts. */
async function readRelationships(
  bytes: Buffer,
  entry: ZipEntry | undefined,
): Promise<{ byId: Map<string, string>; sharedStrings: string | null; styles: string | null }> {
  const byId = new Map<string, string>();
  let sharedStrings: string | null = null;
  let styles: string | null = null;
  if (!entry) return { byId, sharedStrings, styles };
  await parsePart(bytes, entry, 'the workbook’s index', {
    open(name, attributes) {
      if (name !== 'Relationship' || byId.size >= 1000) return;
      const target = (attributes.Target ?? '').startsWith('/') ? (attributes.Target ?? '').slice(1) : `xl/${attributes.Target ?? ''}`;
      byId.set(attributes.Id ?? '', target);
      const type = attributes.Type ?? '';
      if (type.endsWith('/sharedStrings')) sharedStrings = target;
      if (type.endsWith('/styles')) styles = target;
    },
    close() {},
  });
  return { byId, sharedStrings, styles };
}

// Excel's built-in number formats that show a date or time.
const BUILT_IN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);
/** The test exceljs applies: date letters outside quoted text and [colour] or [$-locale] blocks. */
const isDateFormat = (code: string) => /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** Which cell styles (by index) show their number as a date. */
async function readDateStyles(bytes: Buffer, entry: ZipEntry | undefined): Promise<Set<number>> {
  const dates = new Set<number>();
  if (!entry) return dates;
  const custom = new Map<number, string>();
  let inCellXfs = false;
  let index = 0;
  await parsePart(bytes, entry, 'the styles', {
    open(name, attributes) {
      if (name === 'numFmt') custom.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(attributes.numFmtId ?? 0);
        const code = custom.get(id);
        if (code !== undefined ? isDateFormat(code) : BUILT_IN_DATES.has(id)) dates.add(index);
        index += 1;
        if (index > LIMITS.cells)
          throw new WorkbookRefusal(`${TOO_MUCH}: it has more than ${LIMITS.cells.toLocaleString('en-GB')} cell styles.`);
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return dates;
}

/** The shared strings' plain text (rich text runs joined; phonetic guides left out). */
async function readSharedStrings(bytes: Buffer, entry: ZipEntry | undefined): Promise<string[]> {
  const strings: string[] = [];
  if (!entry) return strings;
  let text: string | null = null;
  let inT = false;
  let inPhonetic = false;
  await parsePart(bytes, entry, 'the shared text', {
    open(name) {
      if (name === 'si') {
        if (strings.length >= LIMITS.sharedStrings)
          throw new WorkbookRefusal(`${TOO_MUCH}: it has more than ${LIMITS.sharedStrings.toLocaleString('en-GB')} pieces of text.`);
        text = '';
      } else if (name === 't' && !inPhonetic) inT = true;
      else if (name === 'rPh') inPhonetic = true;
    },
    close(name) {
      if (name === 'si') {
        strings.push(text ?? '');
        text = null;
      } else if (name === 't') inT = false;
      else if (name === 'rPh') inPhonetic = false;
    },
    text(value) {
      if (!inT || text === null) return;
      text += value;
      if (text.length > LIMITS.cellText)
        throw new WorkbookRefusal(`${TOO_MUCH}: a piece of its text is longer than Excel allows in a cell.`);
    },
  });
  return strings;
}

/** Column number of a cell reference such as "AB12". */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i += 1) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    col = col * 26 + (code - 64);
  }
  return col;
}

interface SheetContext {
  name: string;
  lastRow: number;
  limits: SheetLimits;
  strings: string[];
  dateStyles: Set<number>;
  date1904: boolean;
}

/** Excel's day number as the UTC midnight (and time) exceljs gives, so dates read the same either way. */
const excelToDate = (serial: number, date1904: boolean) => new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

async function readSheet(bytes: Buffer, entry: ZipEntry, ctx: SheetContext): Promise<SheetCells> {
  const cells = new CellBuffer();
  const merges: string[] = [];
  let rowCount = 0;
  let cellCount = 0;
  let row: number | null = null;
  let nextRow = 1;
  let cell: { col: number; type: string; style: number; formula: string | null; value: string | null } | null = null;
  let nextCol = 1;
  let collecting: 'f' | 'v' | null = null;
  const sheetName = `the sheet “${ctx.name}”`;

  const finishCell = (): CellValue => {
    const c = cell!;
    if (c.formula !== null) return { formula: c.formula };
    const v = c.value;
    if (v === null) return null;
    switch (c.type) {
      case 's': {
        const text = ctx.strings[Number(v)];
        if (text === undefined)
          throw new WorkbookRefusal(`This workbook is damaged: a cell of ${sheetName} points at text that is not there. ${RESAVE}`);
        return text;
      }
      case 'inlineStr':
      case 'str':
        return v;
      case 'e':
        return { error: v };
      case 'b':
        return Number(v) !== 0;
      default: {
        const n = Number(v);
        if (v.trim() === '' || !Number.isFinite(n)) return v;
        return ctx.dateStyles.has(c.style) ? excelToDate(n, ctx.date1904) : n;
      }
    }
  };

  await parsePart(
    bytes,
    entry,
    sheetName,
    {
      open(name, attributes) {
        switch (name) {
          case 'row': {
            rowCount += 1;
            if (rowCount > ctx.limits.rows) {
              throw new WorkbookRefusal(
                `${sheetName[0]!.toUpperCase()}${sheetName.slice(1)} has more than ${ctx.limits.rows.toLocaleString('en-GB')} rows (filled in or only formatted); ${ctx.limits.rowsNote}. Check it is the right file, and delete any empty rows below the table.`,
              );
            }
            const number = attributes.r ? Number(attributes.r) : nextRow;
            if (!Number.isInteger(number) || number < 1 || number > 1_048_576)
              throw new WorkbookRefusal(
                `This workbook is damaged: ${sheetName} numbers a row “${String(attributes.r).slice(0, 20)}”. ${RESAVE}`,
              );
            if (number > ctx.lastRow) throw STOP;
            nextRow = number + 1;
            row = number;
            nextCol = 1;
            break;
          }
          case 'c': {
            if (row === null) break;
            cellCount += 1;
            if (cellCount > ctx.limits.cells)
              throw new WorkbookRefusal(
                `${TOO_MUCH}: ${sheetName} has more than ${ctx.limits.cells.toLocaleString('en-GB')} cells. Check you chose the right file.`,
              );
            const col = attributes.r ? columnOf(attributes.r) : nextCol;
            if (col < 1 || col > 16_384)
              throw new WorkbookRefusal(
                `This workbook is damaged: ${sheetName} names a cell “${String(attributes.r).slice(0, 20)}”. ${RESAVE}`,
              );
            nextCol = col + 1;
            cell = { col, type: attributes.t ?? 'n', style: Number(attributes.s ?? 0), formula: null, value: null };
            break;
          }
          case 'f':
            if (cell) {
              cell.formula = '';
              collecting = 'f';
            }
            break;
          case 'v':
          case 't':
            if (cell) {
              cell.value ??= '';
              collecting = 'v';
            }
            break;
          case 'mergeCell':
            if (merges.length < 1000) merges.push(String(attributes.ref ?? ''));
            break;
        }
      },
      close(name) {
        switch (name) {
          case 'f':
          case 'v':
          case 't':
            collecting = null;
            break;
          case 'c':
            if (row !== null && cell) cells.push(row, cell.col, finishCell());
            cell = null;
            break;
          case 'row':
            row = null;
            break;
        }
      },
      text(value) {
        if (!cell || collecting === null) return;
        if (collecting === 'f') cell.formula += value.slice(0, 100);
        else {
          cell.value += value;
          if (cell.value!.length > LIMITS.cellText)
            throw new WorkbookRefusal(`${TOO_MUCH}: a cell of ${sheetName} holds more text than Excel allows in a cell.`);
        }
      },
    },
    ctx.limits.partBytes,
  );
  return cells.sheet(merges);
}

async function read(bytes: Buffer, requests: SheetRequest[]): Promise<WorkbookCells> {
  const verdict = checkWorkbookBytes(bytes, requests.find((r) => r.limits)?.limits?.file);
  if (!verdict.ok) throw new WorkbookRefusal(verdict.message);
  const entries = new Map((zipEntries(bytes) ?? []).map((e) => [e.name.replace(/^\//, ''), e]));
  const workbookEntry = entries.get('xl/workbook.xml')!;
  const { sheets, date1904 } = await readWorkbookPart(bytes, workbookEntry);
  const rels = await readRelationships(bytes, entries.get('xl/_rels/workbook.xml.rels'));
  const wanted = requests
    .map((r) => (r.first && sheets[0] ? { ...r, name: sheets[0].name } : r))
    .filter((r) => sheets.some((s) => s.name === r.name));
  const out: WorkbookCells = {
    sheetNames: sheets.map((s) => s.name),
    sheets: {},
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
  if (wanted.length === 0) return out;
  const strings = await readSharedStrings(
    bytes,
    rels.sharedStrings === null ? entries.get('xl/sharedStrings.xml') : entries.get(rels.sharedStrings),
  );
  const dateStyles = await readDateStyles(bytes, rels.styles === null ? entries.get('xl/styles.xml') : entries.get(rels.styles));
  for (const request of wanted) {
    const sheet = sheets.find((s) => s.name === request.name)!;
    const target = rels.byId.get(sheet.relId);
    const entry = target === undefined ? undefined : entries.get(target.replace(/\/\.\//g, '/'));
    if (!entry) throw new WorkbookRefusal(`This workbook is damaged: the sheet “${request.name}” is listed but not there. ${RESAVE}`);
    out.sheets[request.name] = await readSheet(bytes, entry, {
      name: request.name,
      lastRow: request.lastRow ?? Infinity,
      limits: request.limits ?? RETURN_SHEET_LIMITS,
      strings,
      dateStyles,
      date1904,
    });
  }
  return out;
}

/** Never throws, whatever bytes it is given: a refusal comes back in words. */
export async function readWorkbookCells(bytes: Buffer, requests: SheetRequest[]): Promise<WorkbookRead> {
  try {
    return { ok: true, workbook: await read(bytes, requests) };
  } catch (error) {
    if (error instanceof WorkbookRefusal) return { ok: false, message: error.message };
    return { ok: false, message: `This workbook could not be read: something in it is not as Excel writes it. ${RESAVE}` };
  }
}
