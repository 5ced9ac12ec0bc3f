// Reads a completed agency return. It only reads: every problem is collected and said in words
// the coordinator can send back to the agency, and nothing is imported unless the whole file is
// right. It never throws, whatever bytes it is given.
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { cellProblem, parsedReturnSchema, type ParsedReturn, type ReturnRow } from '../../../shared/domain/agencyReturn';
import { todayIso } from '../../../shared/domain/dates';
import { quarterKeySchema, type Quarter } from '../../../shared/domain/quarter';
import type { Problem } from '../../../shared/result';
import { checkWorkbookBytes } from './fileCheck';
import { AGENCY_CELL, COLUMNS, FIRST_DATA_ROW, HEADER_ROW, MAX_DATA_ROWS, NIL_CELL, SHEETS, TEMPLATE_FORMAT, TEMPLATE_VERSION, boardQuarter, columnLetter, templateLists, type AnyDb, type TemplateLists } from './layout';
import { isBlank, listKey, lookups, parseRow, readCell } from './returnRows';

export type ReadResult = { ok: true; parsed: ParsedReturn } | { ok: false; message: string; problems: Problem[] };

const MAX_PROBLEMS = 200;
const NOT_TEMPLATE = 'Ask the agency to copy its rows into the board’s return template for the quarter and send that back.';

class Refusal {
  constructor(readonly message: string, readonly problems: Problem[] = []) {}
}

/** The About sheet's key/value pairs, written by agencyTemplate.ts. */
function readAbout(workbook: ExcelJS.Workbook): Map<string, string> {
  const about = workbook.getWorksheet(SHEETS.about);
  const returnSheet = workbook.getWorksheet(SHEETS.returnSheet);
  if (!about || !returnSheet) {
    const missing = [!returnSheet && `“${SHEETS.returnSheet}”`, !about && `“${SHEETS.about}”`].filter(Boolean).join(' and ');
    throw new Refusal(`This workbook was not made from the board’s return template: it has no ${missing} sheet. ${NOT_TEMPLATE}`);
  }
  const meta = new Map<string, string>();
  for (let r = 1; r <= Math.min(about.rowCount, 50); r += 1) {
    const key = readCell(about.getCell(r, 1));
    const value = readCell(about.getCell(r, 2));
    if (key.ok && value.ok && typeof key.value === 'string' && value.value !== null) meta.set(key.value, String(value.value));
  }
  if (meta.get('format') !== TEMPLATE_FORMAT) throw new Refusal(`This workbook was not made from the board’s return template: its hidden details are missing. ${NOT_TEMPLATE}`);
  const version = Number(meta.get('version'));
  if (version !== TEMPLATE_VERSION) {
    throw new Refusal(
      version > TEMPLATE_VERSION
        ? `This return was made with a newer version of Escalation Desk (template version ${version}) than this one reads. Update the app, then import it.`
        : `This return uses a template version (${meta.get('version') ?? 'none'}) this app does not read. ${NOT_TEMPLATE}`,
    );
  }
  return meta;
}

function whichQuarter(db: AnyDb, meta: Map<string, string>): Quarter {
  const key = quarterKeySchema.safeParse(meta.get('quarter'));
  if (!key.success) throw new Refusal(`This return does not say which quarter it is for, so it cannot be imported. ${NOT_TEMPLATE}`);
  return boardQuarter(db, key.data);
}

/** The agency sending the return: fixed in a per-agency template, chosen in "Your agency" otherwise. */
function whichAgency(db: AnyDb, meta: Map<string, string>, sheet: ExcelJS.Worksheet, lists: TemplateLists): { id: number | null; problems: Problem[] } {
  const cell = readCell(sheet.getCell(AGENCY_CELL.value));
  const typed = cell.ok && cell.value !== null && !(cell.value instanceof Date) ? String(cell.value) : null;
  const chosen = typed === null ? undefined : lists.agencies.find((a) => listKey(a.label) === listKey(typed));
  const where = (message: string) => cellProblem(SHEETS.returnSheet, AGENCY_CELL.row, 'Your agency', message);
  const fixed = meta.get('agencyId') ?? 'all';
  if (fixed !== 'all') {
    const agency = db.prepare('SELECT id, name FROM agency WHERE id = ?').get(Number(fixed)) as { id: number; name: string } | undefined;
    if (!agency || !/^\d+$/.test(fixed)) throw new Refusal(`This return was made for ${meta.get('agencyName') ?? 'an agency'}, which is not in the board’s agency directory. Add the agency, or send it a new template.`);
    if (typed !== null && chosen?.id !== agency.id) return { id: agency.id, problems: [where(`This template was made for ${agency.name}, but “Your agency” says “${typed.slice(0, 80)}”. Send each agency its own template.`)] };
    return { id: agency.id, problems: [] };
  }
  if (!cell.ok) return { id: null, problems: [where(cell.message)] };
  if (typed === null) return { id: null, problems: [where('Choose your agency from the dropdown list')] };
  if (!chosen) return { id: null, problems: [where(`“${typed.slice(0, 80)}” is not one of the agencies in the dropdown list`)] };
  return { id: chosen.id, problems: [] };
}

function structureProblems(sheet: ExcelJS.Worksheet): Problem[] {
  const problems: Problem[] = [];
  for (const range of sheet.model.merges ?? []) {
    const firstRow = Number(/\d+/.exec(range)?.[0] ?? 0);
    problems.push(cellProblem(SHEETS.returnSheet, firstRow, null, `Cells ${range} are merged. Unmerge them (Home, Merge & Center, Unmerge Cells) and give each cell its own value.`));
  }
  const header = sheet.getRow(HEADER_ROW);
  const width = Math.max(sheet.columnCount, COLUMNS.length);
  for (let col = 1; col <= width; col += 1) {
    const read = readCell(header.getCell(col));
    const text = read.ok && read.value !== null ? String(read.value) : '';
    const expected = COLUMNS[col - 1];
    if (expected && listKey(text) === listKey(expected.header)) continue;
    const letter = columnLetter(col);
    const elsewhere = COLUMNS.findIndex((c) => listKey(c.header) === listKey(text));
    if (text === '' && expected) problems.push(cellProblem(SHEETS.returnSheet, HEADER_ROW, null, `The heading of column ${letter} should be “${expected.header}” but is blank. Put the template’s headings back.`));
    else if (elsewhere >= 0) problems.push(cellProblem(SHEETS.returnSheet, HEADER_ROW, text, `The column “${text}” is in column ${letter} but belongs in column ${columnLetter(elsewhere + 1)}: columns were moved or added. Put them back as in the template.`));
    else if (text !== '') problems.push(cellProblem(SHEETS.returnSheet, HEADER_ROW, text, `The column “${text.slice(0, 60)}” (column ${letter}) is not part of the template. Delete the column, keeping the template’s ${COLUMNS.length} columns.`));
  }
  // Entries typed beyond the last column, with no heading above them.
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber < FIRST_DATA_ROW) return;
    for (let col = COLUMNS.length + 1; col <= row.cellCount; col += 1) {
      if (!isBlank(row.getCell(col)) && isBlank(header.getCell(col))) {
        problems.push(cellProblem(SHEETS.returnSheet, rowNumber, null, `Column ${columnLetter(col)} holds an entry but is not part of the template. Delete it, or move it into the right column.`));
        return;
      }
    }
  });
  return problems;
}

function dataRows(sheet: ExcelJS.Worksheet): ExcelJS.Row[] {
  const rows: ExcelJS.Row[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber < FIRST_DATA_ROW) return;
    for (let col = 1; col <= row.cellCount; col += 1) {
      if (!isBlank(row.getCell(col))) {
        rows.push(row);
        return;
      }
    }
  });
  return rows;
}

async function read(db: AnyDb, input: { fileName: string; bytes: Buffer; now?: Date }): Promise<ReadResult> {
  const verdict = checkWorkbookBytes(input.bytes);
  if (!verdict.ok) throw new Refusal(verdict.message);
  const workbook = new ExcelJS.Workbook();
  try {
    // The reader has no use for dropdowns, and exceljs expands each one cell by cell: a validation
    // over a whole sheet would take it minutes.
    await workbook.xlsx.load(input.bytes as unknown as ArrayBuffer, { ignoreNodes: ['dataValidations', 'conditionalFormatting'] });
  } catch {
    throw new Refusal('This workbook could not be opened: it may be damaged, or saved by a program that Excel’s format does not match. Open it in Excel, save it again as .xlsx, then import that file.');
  }
  const meta = readAbout(workbook);
  const quarter = whichQuarter(db, meta);
  const lists = templateLists(db, quarter);
  if (lists === null) throw new Refusal('Choose the board’s escalation policy in Settings before importing returns: the stages in a return are read against it.');
  const sheet = workbook.getWorksheet(SHEETS.returnSheet)!;
  const rows = dataRows(sheet);
  if (rows.length > MAX_DATA_ROWS) {
    throw new Refusal(`The Return sheet has ${rows.length.toLocaleString('en-GB')} filled-in rows; a quarterly return can hold at most ${MAX_DATA_ROWS.toLocaleString('en-GB')}. Check it is the right file and that nothing was pasted in by mistake.`);
  }
  const structure = structureProblems(sheet);
  if (structure.length > 0) throw new Refusal('The Return sheet’s layout was changed, so its rows cannot be read safely. Put it back as in the template.', structure);

  const agency = whichAgency(db, meta, sheet, lists);
  const problems: Problem[] = [...agency.problems];
  const nilCell = readCell(sheet.getCell(NIL_CELL.value));
  const nilText = nilCell.ok && nilCell.value !== null ? listKey(String(nilCell.value)) : '';
  const nilReturn = nilCell.ok && (nilCell.value === true || nilText === 'yes' || nilText === 'y');
  const nilWhere = (message: string) => cellProblem(SHEETS.returnSheet, NIL_CELL.row, 'Nil return', message);
  if (!nilCell.ok) problems.push(nilWhere(nilCell.message));
  else if (nilText !== '' && !['yes', 'y', 'no', 'n', 'true', 'false'].includes(nilText)) problems.push(nilWhere(`“${String(nilCell.value).slice(0, 40)}” is not Yes or No`));

  const parsedRows: ReturnRow[] = [];
  if (agency.id !== null) {
    const context = { quarter, today: todayIso(input.now ?? new Date()), returningAgencyId: agency.id, lists };
    const find = lookups(lists);
    const seen = new Map<string, number>();
    for (const row of rows) {
      const result = parseRow(row, context, find);
      problems.push(...result.problems);
      if (!result.row) continue;
      const key = [result.row.reference.toUpperCase(), result.row.challengedAgencyId, result.row.openedOn].join('|');
      const first = seen.get(key);
      if (first !== undefined) problems.push(cellProblem(SHEETS.returnSheet, row.number, 'Case reference', `Repeats row ${first}: the same case, agency challenged and date raised. List each escalation once.`));
      else seen.set(key, row.number);
      parsedRows.push(result.row);
    }
  }
  if (nilReturn && rows.length > 0) problems.push(nilWhere(`Nil return says Yes, but the table has ${rows.length} ${rows.length === 1 ? 'row' : 'rows'}. Set Nil return to No, or delete the rows.`));
  if (!nilReturn && rows.length === 0) problems.push(nilWhere('This is an empty return: add a row for each escalation, or set Nil return to Yes if your agency made none this quarter.'));

  if (problems.length > 0 || agency.id === null) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    if (problems.length > MAX_PROBLEMS) shown.push(cellProblem(SHEETS.returnSheet, null, null, `…and ${problems.length - MAX_PROBLEMS} more problems not listed here.`));
    const count = problems.length === 1 ? 'one problem needs' : `${problems.length} problems need`;
    return { ok: false, message: `This return was not imported: ${count} correcting in the workbook. Nothing was saved.`, problems: shown };
  }
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const parsed = parsedReturnSchema.parse({ agencyId: agency.id, quarter: quarter.key, nilReturn, fileName: input.fileName, sha256, rows: parsedRows });
  return { ok: true, parsed };
}

export async function readAgencyReturn(db: AnyDb, input: { fileName: string; bytes: Buffer; now?: Date }): Promise<ReadResult> {
  try {
    if (!Buffer.isBuffer(input?.bytes)) return { ok: false, message: 'No file was given to import.', problems: [] };
    return await read(db, input);
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, message: error.message, problems: error.problems };
    return { ok: false, message: 'This workbook could not be read: something in it is not as the template made it. Open it in Excel, save it again as .xlsx, and try once more; if it still fails, send the board a fresh template.', problems: [] };
  }
}
