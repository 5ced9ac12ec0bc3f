// Reads a completed agency return. It only reads: every problem is collected and said in words
// the coordinator can send back to the agency, and nothing is imported unless the whole file is
// right. It never throws, whatever bytes it is given.
import { referenceKey } from '../../../shared/domain/caseReference';
import { cellProblem, parsedReturnSchema, type ParsedReturn, type ReturnRow } from '../../../shared/domain/agencyReturn';
import { todayIso } from '../../../shared/domain/dates';
import { quarterKeySchema, type Quarter } from '../../../shared/domain/quarter';
import type { Problem } from '../../../shared/result';
import { boardIdentity, shortBoardId } from './boardIdentity';
import {
  AGENCY_CELL,
  COLUMNS,
  FIRST_DATA_ROW,
  HEADER_ROW,
  MAX_DATA_ROWS,
  NIL_CELL,
  SHEETS,
  TEMPLATE_FORMAT,
  TEMPLATE_VERSION,
  boardQuarter,
  columnLetter,
  templateLists,
  type AnyDb,
  type TemplateLists,
} from './layout';
import { isBlank, listKey, lookups, parseRow, readCell, type RowCells } from './returnRows';
import { cellValue, type CellValue, type SheetCells } from './sheetCells';
import { readWorkbookOffThread } from './workbookWorker';

export type ReadResult = { ok: true; parsed: ParsedReturn } | { ok: false; message: string; problems: Problem[] };

const MAX_PROBLEMS = 200;
const RETURN_DETAILS = parsedReturnSchema.omit({ rows: true });
const NOT_TEMPLATE = 'Ask the agency to copy its rows into the board’s return template for the quarter and send that back.';
/** The About sheet's lines the reader looks at: the template writes ten or so. */
const ABOUT_ROWS = 50;

class Refusal {
  constructor(
    readonly message: string,
    readonly problems: Problem[] = [],
  ) {}
}

/** One sheet's cells as read from the file, found by row and column. */
class Sheet {
  /** Each row's cells: [first, last) indexes into the file's cells, in file order. */
  private readonly byRow = new Map<number, [number, number][]>();
  private rows: SheetRow[] | null = null;
  readonly merges: string[];

  constructor(private readonly cells: SheetCells) {
    let from = 0;
    for (let i = 1; i <= cells.rows.length; i += 1) {
      if (i < cells.rows.length && cells.rows[i] === cells.rows[from]) continue;
      const row = cells.rows[from]!;
      const spans = this.byRow.get(row);
      if (spans) spans.push([from, i]);
      else this.byRow.set(row, [[from, i]]);
      from = i;
    }
    this.merges = cells.merges;
  }

  value(row: number, col: number): CellValue {
    let found: CellValue = null;
    // A row is a dozen cells or so: a scan is quicker than an index. The last of repeats wins.
    for (const [from, to] of this.byRow.get(row) ?? [])
      for (let i = from; i < to; i += 1) if (this.cells.cols[i] === col) found = cellValue(this.cells, i);
    return found;
  }

  /** The rows from `from` on, in order, each with the columns it has cells in (worked out once). */
  rowsFrom(from: number): SheetRow[] {
    this.rows ??= [...this.byRow.entries()].sort(([a], [b]) => a - b).map(([number, spans]) => new SheetRow(this, number, spans));
    return this.rows.filter((row) => row.number >= from);
  }

  /** The columns a row has cells in, in order. */
  columnsOf(spans: [number, number][]): number[] {
    const columns: number[] = [];
    for (const [from, to] of spans) for (let i = from; i < to; i += 1) columns.push(this.cells.cols[i]!);
    return [...new Set(columns)].sort((a, b) => a - b);
  }
}

/** One row of a sheet: its number, the columns it has cells in, and each cell's value. */
class SheetRow implements RowCells {
  readonly columns: number[];

  constructor(
    private readonly sheet: Sheet,
    readonly number: number,
    spans: [number, number][],
  ) {
    this.columns = sheet.columnsOf(spans);
  }

  value(col: number): CellValue {
    return this.sheet.value(this.number, col);
  }
}

/** The About sheet's key/value pairs, written by agencyTemplate.ts. */
function readAbout(about: Sheet): Map<string, string> {
  const meta = new Map<string, string>();
  for (let r = 1; r <= ABOUT_ROWS; r += 1) {
    const key = readCell(about.value(r, 1));
    const value = readCell(about.value(r, 2));
    if (key.ok && value.ok && typeof key.value === 'string' && value.value !== null) meta.set(key.value, String(value.value));
  }
  if (meta.get('format') !== TEMPLATE_FORMAT)
    throw new Refusal(`This workbook was not made from the board’s return template: its hidden details are missing. ${NOT_TEMPLATE}`);
  const version = Number(meta.get('version'));
  if (version === 1) {
    // A version 1 template does not say which board made it, so a neighbouring board's template
    // (or an old one for an agency whose id now means another) cannot be told from ours: refused
    // rather than guessed. Templates are made each quarter, so a fresh one costs the agency little.
    throw new Refusal(
      `This return was filled in on a template made by an earlier version of Escalation Desk, before templates said which board made them, so it cannot be checked that it belongs to this board and agency. Make a fresh template for the quarter and ask the agency to copy its rows into it.`,
    );
  }
  if (version !== TEMPLATE_VERSION) {
    throw new Refusal(
      version > TEMPLATE_VERSION
        ? `This return was made with a newer version of Escalation Desk (template version ${version}) than this one reads. Update the app, then import it.`
        : `This return uses a template version (${meta.get('version') ?? 'none'}) this app does not read. ${NOT_TEMPLATE}`,
    );
  }
  return meta;
}

/** A return is filed only under the board whose template it was filled in on. */
function checkBoard(db: AnyDb, meta: Map<string, string>): void {
  const here = boardIdentity(db);
  const fileId = meta.get('boardId') ?? '';
  if (fileId === here.id) return;
  const fileBoard = `“${(meta.get('board') ?? 'an unnamed board').slice(0, 80)}” (board id ${shortBoardId(fileId) || 'missing'})`;
  throw new Refusal(
    `This return was filled in on a template made by ${fileBoard}, not by this board, “${here.name}” (board id ${shortBoardId(here.id)}). It was not imported: send it to the board that sent the template, or send the agency a template made here.`,
  );
}

function whichQuarter(db: AnyDb, meta: Map<string, string>): Quarter {
  const key = quarterKeySchema.safeParse(meta.get('quarter'));
  if (!key.success) throw new Refusal(`This return does not say which quarter it is for, so it cannot be imported. ${NOT_TEMPLATE}`);
  return boardQuarter(db, key.data);
}

/** The agency sending the return: fixed in a per-agency template, chosen in "Your agency" otherwise. */
function whichAgency(db: AnyDb, meta: Map<string, string>, sheet: Sheet, lists: TemplateLists): { id: number | null; problems: Problem[] } {
  const cell = readCell(sheet.value(AGENCY_CELL.row, AGENCY_CELL.col));
  const typed = cell.ok && cell.value !== null && !(cell.value instanceof Date) ? String(cell.value) : null;
  const chosen = typed === null ? undefined : lists.agencies.find((a) => listKey(a.label) === listKey(typed));
  const where = (message: string) => cellProblem(SHEETS.returnSheet, AGENCY_CELL.row, 'Your agency', message);
  const fixed = meta.get('agencyId') ?? 'all';
  if (fixed !== 'all') {
    const agency = db.prepare('SELECT id, name FROM agency WHERE id = ?').get(Number(fixed)) as { id: number; name: string } | undefined;
    if (!agency || !/^\d+$/.test(fixed))
      throw new Refusal(
        `This return was made for ${meta.get('agencyName') ?? 'an agency'}, which is not in the board’s agency directory. Add the agency, or send it a new template.`,
      );
    // The id alone could now mean another agency (or the template be older than a rename): the
    // name the template was made for must still be the name of the agency with that id.
    const madeFor = meta.get('agencyName') ?? '';
    if (listKey(madeFor) !== listKey(agency.name)) {
      throw new Refusal(
        `This return’s template was made for agency ${agency.id}, “${madeFor.slice(0, 80)}”, but agency ${agency.id} here is “${agency.name}”. It was not imported: send ${agency.name} a fresh template if the return is theirs.`,
      );
    }
    if (typed !== null && chosen?.id !== agency.id)
      return {
        id: agency.id,
        problems: [
          where(
            `This template was made for ${agency.name}, but “Your agency” says “${typed.slice(0, 80)}”. Send each agency its own template.`,
          ),
        ],
      };
    return { id: agency.id, problems: [] };
  }
  if (!cell.ok) return { id: null, problems: [where(cell.message)] };
  if (typed === null) return { id: null, problems: [where('Choose your agency from the dropdown list')] };
  if (!chosen) return { id: null, problems: [where(`“${typed.slice(0, 80)}” is not one of the agencies in the dropdown list`)] };
  return { id: chosen.id, problems: [] };
}

function structureProblems(sheet: Sheet): Problem[] {
  const problems: Problem[] = [];
  for (const range of sheet.merges) {
    const firstRow = Number(/\d+/.exec(range)?.[0] ?? 0);
    problems.push(
      cellProblem(
        SHEETS.returnSheet,
        firstRow,
        null,
        `Cells ${range.slice(0, 30)} are merged. Unmerge them (Home, Merge & Center, Unmerge Cells) and give each cell its own value.`,
      ),
    );
  }
  const headerRow = sheet.rowsFrom(HEADER_ROW)[0];
  const headerColumns = headerRow?.number === HEADER_ROW ? headerRow.columns : [];
  const width = Math.max(headerColumns.at(-1) ?? 0, COLUMNS.length);
  for (let col = 1; col <= width; col += 1) {
    const read = readCell(sheet.value(HEADER_ROW, col));
    const text = read.ok && read.value !== null ? String(read.value) : '';
    const expected = COLUMNS[col - 1];
    if (expected && listKey(text) === listKey(expected.header)) continue;
    const letter = columnLetter(col);
    const elsewhere = COLUMNS.findIndex((c) => listKey(c.header) === listKey(text));
    if (text === '' && expected)
      problems.push(
        cellProblem(
          SHEETS.returnSheet,
          HEADER_ROW,
          null,
          `The heading of column ${letter} should be “${expected.header}” but is blank. Put the template’s headings back.`,
        ),
      );
    else if (elsewhere >= 0)
      problems.push(
        cellProblem(
          SHEETS.returnSheet,
          HEADER_ROW,
          text,
          `The column “${text}” is in column ${letter} but belongs in column ${columnLetter(elsewhere + 1)}: columns were moved or added. Put them back as in the template.`,
        ),
      );
    else if (text !== '')
      problems.push(
        cellProblem(
          SHEETS.returnSheet,
          HEADER_ROW,
          text.slice(0, 60),
          `The column “${text.slice(0, 60)}” (column ${letter}) is not part of the template. Delete the column, keeping the template’s ${COLUMNS.length} columns.`,
        ),
      );
  }
  // Entries typed beyond the last column, with no heading above them.
  for (const row of sheet.rowsFrom(FIRST_DATA_ROW)) {
    const stray = row.columns.find((col) => col > COLUMNS.length && !isBlank(row.value(col)) && isBlank(sheet.value(HEADER_ROW, col)));
    if (stray !== undefined)
      problems.push(
        cellProblem(
          SHEETS.returnSheet,
          row.number,
          null,
          `Column ${columnLetter(stray)} holds an entry but is not part of the template. Delete it, or move it into the right column.`,
        ),
      );
  }
  return problems;
}

/** The rows below the headings with anything in them. */
const dataRows = (sheet: Sheet) => sheet.rowsFrom(FIRST_DATA_ROW).filter((row) => row.columns.some((col) => !isBlank(row.value(col))));

/** The file's bytes, or as they travel over either bridge: base64, decoded on the worker thread. */
export type ReturnFileInput = { fileName: string; now?: Date } & ({ bytes: Buffer } | { contentBase64: string });

async function read(db: AnyDb, input: ReturnFileInput): Promise<ReadResult> {
  // The file is read on a worker thread, with limits on its rows, cells and unpacked size.
  const file = await readWorkbookOffThread('bytes' in input ? input.bytes : input.contentBase64, [
    { name: SHEETS.about, lastRow: ABOUT_ROWS },
    { name: SHEETS.returnSheet },
  ]);
  if (!file.ok) throw new Refusal(file.message);
  const aboutCells = file.workbook.sheets[SHEETS.about];
  const returnCells = file.workbook.sheets[SHEETS.returnSheet];
  if (!aboutCells || !returnCells) {
    const missing = [!returnCells && `“${SHEETS.returnSheet}”`, !aboutCells && `“${SHEETS.about}”`].filter(Boolean).join(' and ');
    throw new Refusal(`This workbook was not made from the board’s return template: it has no ${missing} sheet. ${NOT_TEMPLATE}`);
  }
  const meta = readAbout(new Sheet(aboutCells));
  checkBoard(db, meta);
  const quarter = whichQuarter(db, meta);
  const lists = templateLists(db, quarter);
  if (lists === null)
    throw new Refusal(
      'Choose the board’s escalation policy in Settings before importing returns: the stages in a return are read against it.',
    );
  const sheet = new Sheet(returnCells);
  const rows = dataRows(sheet);
  if (rows.length > MAX_DATA_ROWS) {
    throw new Refusal(
      `The Return sheet has ${rows.length.toLocaleString('en-GB')} filled-in rows; a quarterly return can hold at most ${MAX_DATA_ROWS.toLocaleString('en-GB')}. Check it is the right file and that nothing was pasted in by mistake.`,
    );
  }
  const structure = structureProblems(sheet);
  if (structure.length > 0)
    throw new Refusal(
      'The Return sheet’s layout was changed, so its rows cannot be read safely. Put it back as in the template.',
      structure.slice(0, MAX_PROBLEMS),
    );

  const agency = whichAgency(db, meta, sheet, lists);
  const problems: Problem[] = [...agency.problems];
  const nilCell = readCell(sheet.value(NIL_CELL.row, NIL_CELL.col));
  const nilText = nilCell.ok && nilCell.value !== null ? listKey(String(nilCell.value)) : '';
  const nilReturn = nilCell.ok && (nilCell.value === true || nilText === 'yes' || nilText === 'y');
  const nilWhere = (message: string) => cellProblem(SHEETS.returnSheet, NIL_CELL.row, 'Nil return', message);
  if (!nilCell.ok) problems.push(nilWhere(nilCell.message));
  else if (nilText !== '' && !['yes', 'y', 'no', 'n', 'true', 'false'].includes(nilText))
    problems.push(nilWhere(`“${String(nilCell.value).slice(0, 40)}” is not Yes or No`));

  const parsedRows: ReturnRow[] = [];
  if (agency.id !== null) {
    const context = { quarter, today: todayIso(input.now ?? new Date()), returningAgencyId: agency.id, lists };
    const find = lookups(lists);
    const seen = new Map<string, number>();
    for (const [i, row] of rows.entries()) {
      // Checking 10,000 rows takes a few hundred milliseconds: let other requests in between.
      if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
      const result = parseRow(row, context, find);
      problems.push(...result.problems);
      if (!result.row) continue;
      const key = [referenceKey(result.row.reference), result.row.challengedAgencyId, result.row.openedOn].join('|');
      const first = seen.get(key);
      if (first !== undefined)
        problems.push(
          cellProblem(
            SHEETS.returnSheet,
            row.number,
            'Case reference',
            `Repeats row ${first}: the same case, agency challenged and date raised. List each escalation once.`,
          ),
        );
      else seen.set(key, row.number);
      parsedRows.push(result.row);
    }
  }
  if (nilReturn && rows.length > 0)
    problems.push(
      nilWhere(
        `Nil return says Yes, but the table has ${rows.length} ${rows.length === 1 ? 'row' : 'rows'}. Set Nil return to No, or delete the rows.`,
      ),
    );
  if (!nilReturn && rows.length === 0)
    problems.push(
      nilWhere('This is an empty return: add a row for each escalation, or set Nil return to Yes if your agency made none this quarter.'),
    );

  if (problems.length > 0 || agency.id === null) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    if (problems.length > MAX_PROBLEMS)
      shown.push(cellProblem(SHEETS.returnSheet, null, null, `…and ${problems.length - MAX_PROBLEMS} more problems not listed here.`));
    const count = problems.length === 1 ? 'one problem needs' : `${problems.length} problems need`;
    return { ok: false, message: `This return was not imported: ${count} correcting in the workbook. Nothing was saved.`, problems: shown };
  }
  // Each row was checked against the row schema as it was read (parseRow): only the rest is checked here.
  const parsed: ParsedReturn = {
    ...RETURN_DETAILS.parse({
      agencyId: agency.id,
      quarter: quarter.key,
      nilReturn,
      fileName: input.fileName,
      sha256: file.workbook.sha256,
    }),
    rows: parsedRows,
  };
  return { ok: true, parsed };
}

export async function readAgencyReturn(db: AnyDb, input: ReturnFileInput): Promise<ReadResult> {
  try {
    const given = input && ('bytes' in input ? Buffer.isBuffer(input.bytes) : typeof input.contentBase64 === 'string');
    if (!given) return { ok: false, message: 'No file was given to import.', problems: [] };
    return await read(db, input);
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, message: error.message, problems: error.problems };
    return {
      ok: false,
      message:
        'This workbook could not be read: something in it is not as the template made it. Open it in Excel, save it again as .xlsx, and try once more; if it still fails, send the board a fresh template.',
      problems: [],
    };
  }
}
