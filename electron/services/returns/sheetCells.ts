// The cells of one sheet as the return reader hands them from its worker thread to the thread
// that checks them (workbookCells.ts, readAgencyReturn.ts).

/** A cell as typed: the reader refuses formulas and error values, so they are kept apart. */
export type CellValue = string | number | boolean | Date | null | { formula: string } | { error: string };

/**
 * A sheet's cell elements, flat and in the order the file lists them: cell i is in row rows[i],
 * column cols[i], of kind kinds[i] (see CellKind) with its number in numbers[i] (the number, the
 * boolean as 0/1, the date as milliseconds, or the index of its text in `texts`). Typed arrays
 * and one list of distinct texts cross from the worker thread at the cost of a copy; an object
 * per cell would cost its own allocation on the thread that answers requests, 130,000 of them for
 * a full return.
 */
export interface SheetCells {
  rows: Uint32Array;
  cols: Uint16Array;
  kinds: Uint8Array;
  numbers: Float64Array;
  texts: string[];
  merges: string[];
}

export const enum CellKind {
  Empty = 0,
  Text = 1,
  Number = 2,
  Boolean = 3,
  Date = 4,
  Formula = 5,
  Error = 6,
}

/** Cell i of a sheet as the reader sees it. */
export function cellValue(sheet: SheetCells, i: number): CellValue {
  const n = sheet.numbers[i]!;
  switch (sheet.kinds[i] as CellKind) {
    case CellKind.Text:
      return sheet.texts[n]!;
    case CellKind.Number:
      return n;
    case CellKind.Boolean:
      return n !== 0;
    case CellKind.Date:
      return new Date(n);
    case CellKind.Formula:
      return { formula: sheet.texts[n]! };
    case CellKind.Error:
      return { error: sheet.texts[n]! };
    default:
      return null;
  }
}

/** Collects cells into growing typed arrays, each text stored once. */
export class CellBuffer {
  private size = 0;
  private rows = new Uint32Array(1024);
  private cols = new Uint16Array(1024);
  private kinds = new Uint8Array(1024);
  private numbers = new Float64Array(1024);
  private readonly texts: string[] = [];
  private readonly textIndex = new Map<string, number>();

  push(row: number, col: number, value: CellValue): void {
    if (this.size === this.rows.length) this.grow();
    const i = this.size++;
    this.rows[i] = row;
    this.cols[i] = col;
    const text = (t: string) => {
      let index = this.textIndex.get(t);
      if (index === undefined) {
        index = this.texts.push(t) - 1;
        this.textIndex.set(t, index);
      }
      return index;
    };
    if (value === null) this.kinds[i] = CellKind.Empty;
    else if (typeof value === 'string') [this.kinds[i], this.numbers[i]] = [CellKind.Text, text(value)];
    else if (typeof value === 'number') [this.kinds[i], this.numbers[i]] = [CellKind.Number, value];
    else if (typeof value === 'boolean') [this.kinds[i], this.numbers[i]] = [CellKind.Boolean, value ? 1 : 0];
    else if (value instanceof Date) [this.kinds[i], this.numbers[i]] = [CellKind.Date, value.getTime()];
    else if ('formula' in value) [this.kinds[i], this.numbers[i]] = [CellKind.Formula, text(value.formula)];
    else [this.kinds[i], this.numbers[i]] = [CellKind.Error, text(value.error)];
  }

  private grow(): void {
    const grown = <T extends Uint32Array | Uint16Array | Uint8Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(a.length * 2);
      b.set(a);
      return b;
    };
    this.rows = grown(this.rows, (n) => new Uint32Array(n));
    this.cols = grown(this.cols, (n) => new Uint16Array(n));
    this.kinds = grown(this.kinds, (n) => new Uint8Array(n));
    this.numbers = grown(this.numbers, (n) => new Float64Array(n));
  }

  sheet(merges: string[]): SheetCells {
    const n = this.size;
    return {
      rows: this.rows.slice(0, n),
      cols: this.cols.slice(0, n),
      kinds: this.kinds.slice(0, n),
      numbers: this.numbers.slice(0, n),
      texts: this.texts,
      merges,
    };
  }
}
