// Rows written straight into a streamed worksheet's XML, for the register's tens of thousands of
// rows. For each row exceljs builds a Row, a Cell and a model per value and an XML writer, then
// looks up every cell's style: on the 1M board's busiest quarter that took longer than reading the
// register out of the database. The XML here is what exceljs itself writes for the same values
// (test/unit/streamedRows.test.ts holds the two equal, byte for byte, styles included): text as an
// inline string (t="str"), so text that looks like a formula stays text; numbers as they are; an
// empty cell only where its column is styled; each cell's style id found by exceljs's own style
// table, the first time each column meets each kind of value, in the order exceljs would meet them.
import type ExcelJS from 'exceljs';

/** A plain value: text, a number (a date as its Excel serial day, as exceljs writes a Date), or empty. */
export type PlainCell = string | number | null;

interface StyleTable {
  addStyleModel(style: Partial<ExcelJS.Style>, type: ExcelJS.ValueType): number;
}

interface SheetStream {
  write(text: string): unknown;
}

/**
 * Characters of XML handed to the stream at once: enough to spare it a call per row, small enough
 * that each piece is young garbage, freed by the next minor collection. Pieces of megabytes go
 * straight to the old generation and pile up, with their buffers, until a full collection.
 */
const FLUSH_AT = 64 * 1024;

type Kind = ExcelJS.ValueType.Null | ExcelJS.ValueType.Number | ExcelJS.ValueType.String;

// exceljs's ValueType numbers for the three kinds, named here so that this module does not load
// exceljs (half a second) for every process that imports the services; the streamedRows test holds
// them equal to exceljs's own.
export const VALUE_TYPE: { Null: ExcelJS.ValueType.Null; Number: ExcelJS.ValueType.Number; String: ExcelJS.ValueType.String } = {
  Null: 0 as ExcelJS.ValueType.Null,
  Number: 2 as ExcelJS.ValueType.Number,
  String: 3 as ExcelJS.ValueType.String,
};

// Characters exceljs escapes in text, and those it drops (controls other than tab, newline and
// carriage return, and DEL), as its xmlEncode does.
// eslint-disable-next-line no-control-regex -- the controls XML cannot hold, which exceljs drops
const SPECIALS = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/g;
const ESCAPES: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };

const xmlText = (text: string): string => text.replace(SPECIALS, (c) => ESCAPES[c] ?? '');

function columnLetters(col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * Writes rows after those exceljs has committed, straight to the sheet's stream. They must be the
 * sheet's last rows: exceljs does not know about them, so a row it added afterwards would take a
 * number already used. Rows go to the stream in pieces of about 64 kB; call flush() before letting the event loop turn
 * and before committing the sheet.
 */
export class StreamedRows {
  private readonly styles: StyleTable;
  private readonly stream: SheetStream;
  private readonly letters: string[];
  /** Each column's style id for each kind of value, once exceljs has been asked for it. */
  private readonly ids: Map<Kind, number>[];
  private pending: string[] = [];
  private pendingLength = 0;
  private nextRow: number;

  constructor(
    workbook: ExcelJS.stream.xlsx.WorkbookWriter,
    sheet: ExcelJS.Worksheet,
    private readonly columnStyles: readonly Partial<ExcelJS.Style>[],
    firstRow: number,
  ) {
    const styles = (workbook as unknown as { styles?: Partial<StyleTable> }).styles;
    const stream = (sheet as unknown as { stream?: Partial<SheetStream> }).stream;
    if (typeof styles?.addStyleModel !== 'function' || typeof stream?.write !== 'function')
      throw new Error('This version of exceljs does not stream rows the way the board return writes them (streamedRows.ts).');
    this.styles = styles as StyleTable;
    this.stream = stream as SheetStream;
    this.letters = columnStyles.map((_, i) => columnLetters(i + 1));
    this.ids = columnStyles.map(() => new Map());
    this.nextRow = firstRow;
  }

  /** The number the next row will have. */
  get rowNumber(): number {
    return this.nextRow;
  }

  private styleId(col: number, kind: Kind): number {
    const known = this.ids[col]!.get(kind);
    if (known !== undefined) return known;
    // A copy per kind: exceljs remembers the id it found for a style object, and the id depends on
    // the kind (a number with no format of its own gets General).
    const id = this.styles.addStyleModel({ ...this.columnStyles[col] }, kind);
    this.ids[col]!.set(kind, id);
    return id;
  }

  add(cells: readonly PlainCell[]): void {
    const r = this.nextRow;
    this.nextRow += 1;
    // exceljs leaves out a row with nothing in it (its number is still used), styles unasked.
    if (cells.every((value) => value === null)) return;
    // exceljs asks for the row's style first (a new row's is empty: the default, 0), then each cell's.
    let xml = `<row r="${r}" spans="1:${cells.length}" x14ac:dyDescent="0.25">`;
    for (let c = 0; c < cells.length; c += 1) {
      const value = cells[c]!;
      const ref = `${this.letters[c]}${r}`;
      if (value === null) {
        const s = this.styleId(c, VALUE_TYPE.Null);
        if (s) xml += `<c r="${ref}" s="${s}"/>`;
      } else if (typeof value === 'number') {
        const s = this.styleId(c, VALUE_TYPE.Number);
        xml += `<c r="${ref}"${s ? ` s="${s}"` : ''}><v>${value}</v></c>`;
      } else {
        const s = this.styleId(c, VALUE_TYPE.String);
        xml += `<c r="${ref}"${s ? ` s="${s}"` : ''} t="str"><v>${xmlText(value)}</v></c>`;
      }
    }
    xml += '</row>';
    this.pending.push(xml);
    this.pendingLength += xml.length;
    if (this.pendingLength >= FLUSH_AT) this.flush();
  }

  /** Hands the rows added since the last flush to the sheet's stream. */
  flush(): void {
    if (this.pending.length === 0) return;
    this.stream.write(this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
  }
}
