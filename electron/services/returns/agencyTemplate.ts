// The quarterly return template the board sends each agency: instructions, one table to fill in
// with dropdowns from the board's own lists, and machine-readable metadata the importer checks.
import { writeFile } from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import { formatUkDate, todayIso } from '../../../shared/domain/dates';
import { quarterKeySchema, type Quarter } from '../../../shared/domain/quarter';
import { DomainError, NotFoundError } from '../errors';
import { printHeaderFooter, printPageSetup, type PrintLayout } from '../printSetup';
import { boardIdentity } from './boardIdentity';
import {
  AGENCY_CELL,
  COLUMNS,
  FIRST_DATA_ROW,
  HEADER_ROW,
  NIL_CELL,
  NIL_LABEL,
  SHEETS,
  TEMPLATE_FORMAT,
  TEMPLATE_VERSION,
  VALIDATED_ROWS,
  YES_NO,
  boardQuarter,
  columnLetter,
  templateLists,
  type AnyDb,
  type ReturnColumn,
  type TemplateLists,
} from './layout';

export interface TemplateOptions {
  now: Date;
  quarter: string;
  agencyId: number | null;
  file: string;
  appVersion: string;
}

type Validation = ExcelJS.DataValidation;
// exceljs can write one validation over a whole range (its types only offer per-cell validations,
// which would mean thousands of identical entries).
type RangeValidations = { add(range: string, validation: Validation): void };
const rangeValidations = (ws: ExcelJS.Worksheet) => (ws as unknown as { dataValidations: RangeValidations }).dataValidations;

/** A calendar date as exceljs must be given it: midnight UTC, or British Summer Time shifts the day. */
export function excelDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

function addDays(iso: string, days: number): string {
  return new Date(excelDate(iso).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const BOX: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** Writes each dropdown's choices in a column of the hidden Lists sheet; returns the range to point at. */
function writeLists(
  ws: ExcelJS.Worksheet,
  lists: TemplateLists,
): Record<'agency' | 'category' | 'stage' | 'outcome' | 'yesNo' | 'theme', string | null> {
  const columns: [string, string[]][] = [
    ['Agencies', lists.agencies.map((a) => a.label)],
    ['Categories', lists.categories.map((c) => c.label)],
    ['Stages', lists.stages.map((s) => s.label)],
    ['Outcomes', lists.outcomes.map((o) => o.label)],
    ['Yes/No', [...YES_NO]],
    ['Learning themes', lists.themes.map((t) => t.label)],
  ];
  const ranges = columns.map(([title, values], i) => {
    const col = i + 1;
    ws.getCell(1, col).value = title;
    ws.getCell(1, col).font = { bold: true };
    ws.getColumn(col).width = 40;
    values.forEach((v, j) => (ws.getCell(j + 2, col).value = v));
    const letter = columnLetter(col);
    return values.length === 0 ? null : `${SHEETS.lists}!$${letter}$2:$${letter}$${values.length + 1}`;
  });
  const [agency, category, stage, outcome, yesNo, theme] = ranges as [
    string | null,
    string | null,
    string | null,
    string | null,
    string | null,
    string | null,
  ];
  return { agency, category, stage, outcome, yesNo, theme };
}

function listValidation(range: string, title: string, prompt: string, allowBlank = true): Validation {
  return {
    type: 'list',
    allowBlank,
    formulae: [range],
    showInputMessage: true,
    promptTitle: title.slice(0, 32),
    prompt: prompt.slice(0, 255),
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: 'Choose from the list',
    error: 'Choose one of the entries in the dropdown list.',
  };
}

function dateValidation(from: string, to: string, title: string, prompt: string): Validation {
  return {
    type: 'date',
    operator: 'between',
    allowBlank: true,
    formulae: [excelDate(from), excelDate(to)],
    showInputMessage: true,
    promptTitle: title.slice(0, 32),
    prompt: prompt.slice(0, 255),
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: 'Check the date',
    error: `Enter a date from ${formatUkDate(from)} to ${formatUkDate(to)} as dd/mm/yyyy.`,
  };
}

/** Wide enough to read, narrow enough that the two columns print on A4 portrait at full size. */
const INSTRUCTION_WIDTH = 70;
const LINE_HEIGHT = 15;

/**
 * Lines a wrapped text takes at a column width. Excel never grows a row for wrapped text by
 * itself, so a row left at one line prints its text over the rows below: each row is given the
 * height its text needs.
 */
function wrappedLines(text: string, width: number): number {
  // Word wrap leaves the end of a line short: count a little under the full width.
  const perLine = Math.max(1, Math.floor(width * 0.9));
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / perLine)), 0);
}

function setPrinting(ws: ExcelJS.Worksheet, layout: PrintLayout): void {
  Object.assign(ws.pageSetup, printPageSetup(layout));
  Object.assign(ws.headerFooter, printHeaderFooter());
}

function writeInstructions(ws: ExcelJS.Worksheet, board: string, quarter: Quarter, agencyName: string | null): void {
  ws.getColumn(1).width = 24;
  ws.getColumn(2).width = INSTRUCTION_WIDTH;
  ws.getCell('A1').value = `${board}: quarterly return of escalations`;
  ws.getCell('A1').font = { bold: true, size: 14 };
  const rows: [string, ExcelJS.CellValue][] = [
    ['Board', board],
    ['Agency', agencyName ?? 'Any partner agency: choose yours in “Your agency” at the top of the Return sheet'],
    ['Quarter', quarter.label],
    ['Quarter starts', excelDate(quarter.from)],
    ['Quarter ends', excelDate(quarter.to)],
    [
      'What this is',
      `The board asks every partner agency each quarter which professional disagreements (escalations) its staff raised with another agency under the agency’s own escalation policy, including any that involved the board’s chair, a multi-agency meeting or a resolution panel. Your answers go into the board’s register and the learning hub’s quarterly report.`,
    ],
    [
      'How to fill it in',
      [
        `1. Go to the Return sheet.${agencyName === null ? ' Choose your agency in “Your agency”.' : ''}`,
        '2. Add one row for each escalation raised in the quarter, starting under the headings. Choose agencies, categories, stages, outcomes, Yes/No and themes from the dropdowns; type dates as dd/mm/yyyy.',
        '3. For a case still open, choose the outcome “Still open” and leave “Date resolved” blank.',
        '4. Do not add, remove, rename or merge columns, and type values rather than formulas. Save the file as an Excel workbook (.xlsx) and send it back to the board.',
      ].join('\n'),
    ],
    [
      'Children’s details',
      'Never enter a child’s name, address or date of birth. Use your agency’s case reference and, at most, the child’s initials.',
    ],
    [
      'Nil return',
      `If your agency made no escalations this quarter, set “Nil return” at the top of the Return sheet to Yes and leave the table empty. ${NIL_LABEL}.`,
    ],
  ];
  rows.forEach(([label, value], i) => {
    const row = ws.getRow(i + 3);
    row.getCell(1).value = label;
    row.getCell(1).font = { bold: true };
    row.getCell(1).alignment = { vertical: 'top' };
    row.getCell(2).value = value;
    row.getCell(2).alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
    if (value instanceof Date) row.getCell(2).numFmt = 'dd/mm/yyyy';
    if (typeof value === 'string') row.height = wrappedLines(value, INSTRUCTION_WIDTH) * LINE_HEIGHT + 4;
  });
  // The title is wider than column A: it wraps across both columns rather than running off the page.
  ws.mergeCells('A1:B1');
  ws.getCell('A1').alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(1).height = wrappedLines(String(ws.getCell('A1').value), 24 + INSTRUCTION_WIDTH) * 20;
  setPrinting(ws, { orientation: 'portrait', area: `A1:B${rows.length + 2}` });
}

function writeReturnSheet(
  ws: ExcelJS.Worksheet,
  quarter: Quarter,
  lists: TemplateLists,
  ranges: ReturnType<typeof writeLists>,
  agencyName: string | null,
  today: string,
): void {
  ws.getCell('A1').value = `Escalations raised in ${quarter.label}`;
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.getCell(AGENCY_CELL.label).value = 'Your agency';
  ws.getCell(NIL_CELL.label).value = 'Nil return';
  ws.getCell(NIL_CELL.hint).value = NIL_LABEL;
  for (const address of [AGENCY_CELL.label, NIL_CELL.label]) ws.getCell(address).font = { bold: true };
  const agencyCell = ws.getCell(AGENCY_CELL.value);
  if (agencyName !== null) agencyCell.value = agencyName;
  const nilCell = ws.getCell(NIL_CELL.value);
  for (const cell of [agencyCell, nilCell]) Object.assign(cell, { fill: INPUT_FILL, border: BOX });
  if (ranges.agency) agencyCell.dataValidation = listValidation(ranges.agency, 'Your agency', 'The agency sending this return.', false);
  nilCell.dataValidation = listValidation(ranges.yesNo!, 'Nil return', `${NIL_LABEL}.`);

  const header = ws.getRow(HEADER_ROW);
  header.height = 32;
  COLUMNS.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = column.header;
    Object.assign(cell, { font: { bold: true }, fill: HEADER_FILL, border: BOX, alignment: { wrapText: true, vertical: 'middle' } });
    ws.getColumn(i + 1).width = column.width;
  });
  // References such as 00123 keep their leading zeros; dates show the British way.
  ws.getColumn(1).numFmt = '@';
  COLUMNS.forEach((c, i) => {
    if (c.kind === 'date') ws.getColumn(i + 1).numFmt = 'dd/mm/yyyy';
  });
  const last = columnLetter(COLUMNS.length);
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${FIRST_DATA_ROW}`, activeCell: `A${FIRST_DATA_ROW}` }];
  ws.autoFilter = `A${HEADER_ROW}:${last}${HEADER_ROW}`;

  const lastRow = FIRST_DATA_ROW + VALIDATED_ROWS - 1;
  // Returns are often filled in weeks after the quarter: allow resolutions up to a quarter later than today.
  const latestResolved = addDays(today > quarter.to ? today : quarter.to, 92);
  const validations = rangeValidations(ws);
  COLUMNS.forEach((column: ReturnColumn, i) => {
    const letter = columnLetter(i + 1);
    const range = `${letter}${FIRST_DATA_ROW}:${letter}${lastRow}`;
    const list = (ranges as Record<string, string | null>)[column.kind] ?? null;
    if (list) validations.add(range, listValidation(list, column.header, column.prompt));
    else if (column.key === 'openedOn') validations.add(range, dateValidation(quarter.from, quarter.to, column.header, column.prompt));
    else if (column.key === 'resolvedOn')
      validations.add(range, dateValidation(quarter.from, latestResolved, column.header, column.prompt));
  });
  if (lists.themes.length === 0)
    ws.getCell(`${columnLetter(COLUMNS.length)}${HEADER_ROW - 1}`).value = 'The board has no learning themes yet: leave blank';
  // Thirteen columns: landscape, one page wide, the headings again on every page. The print area
  // is the table's columns only; the rows it prints are the ones filled in.
  setPrinting(ws, { orientation: 'landscape', titleRows: `${HEADER_ROW}:${HEADER_ROW}`, area: `A:${last}` });
}

type DefinedName = { name: string; ranges: string[]; localSheetId?: number };

/**
 * LibreOffice shows a sheet's autofilter only when the workbook also names the filtered range the
 * way Excel itself does (_xlnm._FilterDatabase, local to the sheet). exceljs writes the filter but
 * not the name, and its public API cannot make a sheet-local name, so the name is added to the
 * model exceljs writes from.
 */
function nameFilterRange(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, range: string): void {
  const names = workbook.definedNames as unknown as { model: DefinedName[] };
  const written = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(names), 'model')?.get;
  if (!written) return;
  const localSheetId = workbook.worksheets.indexOf(sheet);
  Object.defineProperty(names, 'model', {
    configurable: true,
    get: () => [
      ...(written.call(names) as DefinedName[]),
      { name: '_xlnm._FilterDatabase', ranges: [`'${sheet.name}'!${range}`], localSheetId },
    ],
  });
}

function writeAbout(ws: ExcelJS.Worksheet, meta: [string, string | number][]): void {
  ws.getColumn(1).width = 20;
  ws.getColumn(2).width = 60;
  meta.forEach(([key, value], i) => {
    ws.getCell(i + 1, 1).value = key;
    ws.getCell(i + 1, 2).value = value;
  });
}

export async function writeAgencyTemplate(db: AnyDb, opts: TemplateOptions): Promise<void> {
  const key = quarterKeySchema.safeParse(opts.quarter);
  if (!key.success) throw new DomainError(`“${opts.quarter}” is not a quarter: give it as YYYY-Qn, for example 2026-Q3.`);
  const quarter = boardQuarter(db, key.data);
  const lists = templateLists(db, quarter);
  if (lists === null)
    throw new DomainError(
      'Choose the board’s escalation policy in Settings before making the return template: its stages go into the template.',
    );
  if (lists.agencies.length === 0) throw new DomainError('Add the partner agencies to the directory before making the return template.');
  let agencyName: string | null = null;
  if (opts.agencyId !== null) {
    const agency = db.prepare('SELECT name FROM agency WHERE id = ?').get(opts.agencyId) as { name: string } | undefined;
    if (!agency) throw new NotFoundError(`There is no agency with id ${opts.agencyId} in the directory.`);
    agencyName = agency.name;
  }
  const identity = boardIdentity(db);
  const board = identity.name;

  const { default: ExcelJS } = await import('exceljs'); // loaded when a workbook is written, not with the services
  const workbook = new ExcelJS.Workbook();
  workbook.creator = board;
  workbook.created = opts.now;
  const instructions = workbook.addWorksheet(SHEETS.instructions);
  const returnSheet = workbook.addWorksheet(SHEETS.returnSheet);
  const listsSheet = workbook.addWorksheet(SHEETS.lists, { state: 'hidden' });
  // Very hidden: Excel's Unhide menu does not offer it, so nobody edits the metadata by accident.
  const about = workbook.addWorksheet(SHEETS.about, { state: 'veryHidden' });

  writeInstructions(instructions, board, quarter, agencyName);
  const ranges = writeLists(listsSheet, lists);
  writeReturnSheet(returnSheet, quarter, lists, ranges, agencyName, todayIso(opts.now));
  writeAbout(about, [
    ['format', TEMPLATE_FORMAT],
    ['version', TEMPLATE_VERSION],
    ['board', board],
    ['quarter', quarter.key],
    ['quarterFrom', quarter.from],
    ['quarterTo', quarter.to],
    ['agencyId', opts.agencyId ?? 'all'],
    ['agencyName', agencyName ?? 'all'],
    ['madeAt', opts.now.toISOString()],
    ['appVersion', opts.appVersion],
    // Added in template version 2, after the rows above so they keep their places: the importer
    // files a return only under the board that made its template (readAgencyReturn.ts).
    ['boardId', identity.id],
  ]);
  nameFilterRange(workbook, returnSheet, `$A$${HEADER_ROW}:$${columnLetter(COLUMNS.length)}$${HEADER_ROW}`);
  await writeFile(opts.file, Buffer.from(await workbook.xlsx.writeBuffer()));
}
