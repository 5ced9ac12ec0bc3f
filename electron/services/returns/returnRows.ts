// Turns the rows an agency typed into return rows, or into problems said where a person would look
// (sheet, row, column). Lenient where a person would be (case, spaces, dd/mm/yyyy text for a
// date), strict where the board's figures depend on it (lists, dates inside the quarter).
import { cellProblem, returnRowSchema, type ReturnOutcome, type ReturnRow } from '../../../shared/domain/agencyReturn';
import { CASE_REFERENCE, INITIALS } from '../../../shared/domain/childIdentifiers';
import { formatUkDate, isRealIsoDate } from '../../../shared/domain/dates';
import type { Quarter } from '../../../shared/domain/quarter';
import type { Problem } from '../../../shared/result';
import { COLUMNS, SHEETS, columnLetter, type ReturnColumn, type TemplateLists } from './layout';
import type { CellValue } from './sheetCells';

/** How list entries compare: without case, extra spaces or the dash Excel's autocorrect swaps in. */
export const listKey = (text: string) =>
  text
    .trim()
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .toLocaleLowerCase('en-GB');

export type CellRead = { ok: true; value: string | number | boolean | Date | null } | { ok: false; message: string };

/** A row of the Return sheet as read from the file (workbookCells.ts). */
export interface RowCells {
  number: number;
  value(col: number): CellValue;
}

/** A cell's typed value, refusing what cannot be trusted as typed: formulas and error values. */
export function readCell(v: CellValue | undefined): CellRead {
  if (v === null || v === undefined) return { ok: true, value: null };
  if (typeof v === 'string') return { ok: true, value: v.trim() === '' ? null : v.trim() };
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return { ok: true, value: v };
  if ('formula' in v) return { ok: false, message: 'This cell holds a formula; type the value itself.' };
  if ('error' in v) return { ok: false, message: `This cell shows the error ${String(v.error).slice(0, 20)}; type the value itself.` };
  return { ok: false, message: 'This cell holds something that is not a value; type the value itself.' };
}

export const isBlank = (value: CellValue | undefined) => {
  const read = readCell(value);
  return read.ok && read.value === null;
};

const pad = (n: number) => String(n).padStart(2, '0');
/** Excel counts days from 30 December 1899; these serials cover 1990 to 2100. */
const SERIAL_MIN = 32874;
const SERIAL_MAX = 73051;

/** A date cell as an ISO date, or a message. Excel dates come back as UTC midnight; text as dd/mm/yyyy. */
export function isoFromCell(value: string | number | boolean | Date): { iso: string } | { message: string } {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { message: 'Enter a real date as dd/mm/yyyy' };
    return { iso: `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}` };
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < SERIAL_MIN || value > SERIAL_MAX)
      return { message: `“${value}” is not a date: enter it as dd/mm/yyyy` };
    return isoFromCell(new Date(Date.UTC(1899, 11, 30) + Math.floor(value) * 86_400_000));
  }
  const text = String(value).trim();
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = uk ? `${uk[3]}-${pad(Number(uk[2]))}-${pad(Number(uk[1]))}` : /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : null;
  if (iso === null) return { message: `“${text.slice(0, 40)}” is not a date: enter it as dd/mm/yyyy, for example 15/07/2026` };
  if (!isRealIsoDate(iso)) return { message: `“${text}” is not a real date` };
  return { iso };
}

const asText = (value: string | number | boolean | Date) => (value instanceof Date ? '' : String(value).trim());

export interface RowContext {
  quarter: Quarter;
  today: string;
  returningAgencyId: number;
  lists: TemplateLists;
}

interface Lookups {
  agency: Map<string, number>;
  category: Map<string, number>;
  theme: Map<string, number>;
  stage: Map<string, number>;
  outcome: Map<string, ReturnOutcome>;
  /** listKey, each text worked out once: a return's 10,000 rows repeat the same few dozen entries. */
  key(text: string): string;
}

export function lookups(lists: TemplateLists): Lookups {
  const byLabel = <T>(items: { label: string }[], value: (i: number) => T) =>
    new Map(items.map((item, i) => [listKey(item.label), value(i)]));
  const stage = byLabel(lists.stages, (i) => lists.stages[i]!.id);
  // "2", or the stage's name alone, are what people type when they skip the dropdown.
  for (const s of lists.stages) {
    stage.set(String(s.id), s.id);
    stage.set(listKey(s.label.replace(/^\d+\s*-\s*/, '')), s.id);
  }
  const outcome = byLabel(lists.outcomes, (i) => lists.outcomes[i]!.key);
  for (const o of lists.outcomes) outcome.set(listKey(o.key.replace('_', ' ')), o.key);
  const keys = new Map<string, string>();
  return {
    agency: byLabel(lists.agencies, (i) => lists.agencies[i]!.id),
    category: byLabel(lists.categories, (i) => lists.categories[i]!.id),
    theme: byLabel(lists.themes, (i) => lists.themes[i]!.id),
    stage,
    outcome,
    key(text) {
      let key = keys.get(text);
      if (key === undefined) {
        key = listKey(text);
        // Bounded, whatever a hostile file holds: no dropdown entry is long, nor are there thousands.
        if (text.length <= 200 && keys.size < 10_000) keys.set(text, key);
      }
      return key;
    },
  };
}

type Parsed = string | number | boolean | null;

function fromDropdown(map: Map<string, number | string>, key: string, text: string, what: string): { value: Parsed } | { message: string } {
  const found = map.get(key);
  return found === undefined ? { message: `“${text.slice(0, 60)}” is not one of the ${what} in the dropdown list` } : { value: found };
}

function parseValue(
  column: ReturnColumn,
  value: string | number | boolean | Date | null,
  ctx: RowContext,
  find: Lookups,
): { value: Parsed } | { message: string } {
  const required = column.key !== 'childInitials' && column.key !== 'theme' && column.key !== 'resolvedOn';
  if (value === null)
    return required
      ? { message: column.kind === 'yesNo' ? 'Choose Yes or No' : `Enter the ${column.header.toLowerCase()}` }
      : { value: null };
  const text = asText(value);
  switch (column.kind) {
    case 'reference':
      return CASE_REFERENCE.test(text)
        ? { value: text }
        : { message: 'A case reference is letters, digits, “-”, “/” or “_”, up to 30 characters, with no spaces (never the child’s name)' };
    case 'initials': {
      const initials = text.replace(/[.\s]/g, '').toUpperCase();
      return INITIALS.test(initials) ? { value: initials } : { message: 'Initials are 1 to 4 letters (never the child’s name)' };
    }
    case 'agency': {
      const found = fromDropdown(find.agency, find.key(text), text, 'agencies');
      if ('value' in found && found.value === ctx.returningAgencyId)
        return { message: 'An agency cannot escalate against itself: a disagreement inside one agency is not a multi-agency escalation' };
      return found;
    }
    case 'category':
      return fromDropdown(find.category, find.key(text), text, 'categories');
    case 'theme':
      return ctx.lists.themes.length === 0
        ? { message: 'The board has no learning themes yet: leave this blank' }
        : fromDropdown(find.theme, find.key(text), text, 'learning themes');
    case 'stage':
      return fromDropdown(find.stage, find.key(text), text, 'stages of the board’s policy');
    case 'outcome':
      return fromDropdown(find.outcome as Map<string, string>, find.key(text), text, 'outcomes');
    case 'yesNo': {
      if (typeof value === 'boolean') return { value };
      const key = find.key(text);
      if (key === 'yes' || key === 'y') return { value: true };
      if (key === 'no' || key === 'n') return { value: false };
      return { message: `“${text.slice(0, 40)}” is not Yes or No` };
    }
    case 'date': {
      const date = isoFromCell(value);
      if ('message' in date) return date;
      if (date.iso > ctx.today) return { message: `${formatUkDate(date.iso)} is in the future` };
      if (column.key === 'openedOn' && (date.iso < ctx.quarter.from || date.iso > ctx.quarter.to)) {
        return {
          message: `${formatUkDate(date.iso)} is not in the quarter this return covers (${formatUkDate(ctx.quarter.from)} to ${formatUkDate(ctx.quarter.to)}): list only escalations raised in it`,
        };
      }
      return { value: date.iso };
    }
  }
}

/** One filled-in row: the return row, or every problem in it. */
export function parseRow(row: RowCells, ctx: RowContext, find: Lookups): { row: ReturnRow | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const fields: Record<string, Parsed> = {};
  for (const [i, column] of COLUMNS.entries()) {
    const read = readCell(row.value(i + 1));
    const parsed = read.ok ? parseValue(column, read.value, ctx, find) : { message: read.message };
    if ('message' in parsed) problems.push(cellProblem(SHEETS.returnSheet, row.number, column.header, parsed.message));
    else fields[column.key] = parsed.value;
  }
  if (problems.length > 0) return { row: null, problems };
  const candidate = {
    sheetRow: row.number,
    reference: fields.reference,
    childInitials: fields.childInitials ?? '',
    challengedAgencyId: fields.challengedAgency,
    categoryId: fields.category,
    openedOn: fields.openedOn,
    highestStage: fields.highestStage,
    immediateRisk: fields.immediateRisk,
    chairInvolved: fields.chairInvolved,
    meetingHeld: fields.meetingHeld,
    panelConvened: fields.panelConvened,
    outcome: fields.outcome,
    resolvedOn: fields.resolvedOn,
    themeId: fields.theme,
  };
  const checked = returnRowSchema.safeParse(candidate);
  if (checked.success) return { row: checked.data, problems };
  for (const issue of checked.error.issues) {
    const key = String(issue.path[0] ?? '');
    const column = COLUMNS.find((c) => c.key === key || `${c.key}Id` === key);
    problems.push(cellProblem(SHEETS.returnSheet, row.number, column?.header ?? null, issue.message));
  }
  return { row: null, problems };
}

/** The letter and heading of a column, the way the problems name columns. */
export const columnName = (col: number, header: string) => `${header} (column ${columnLetter(col)})`;
