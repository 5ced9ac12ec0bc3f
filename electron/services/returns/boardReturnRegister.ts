// The Register sheet: every escalation active in the quarter, as it stood at the quarter's end,
// streamed to the workbook a page at a time. Each page is read to the end with an iterating
// statement before the export yields, so the shared read connection is never held across an
// await and memory stays flat at any register size.
import type ExcelJS from 'exceljs';
import {
  DEADLINE_STATES,
  ESCALATION_STATUSES,
  OUTCOME_EFFECTS,
  type EscalationStatus,
  type OutcomeEffect,
} from '../../../shared/domain/escalation';
import { profilesById } from '../policyVersions';
import type { Quarter } from '../../../shared/domain/quarter';
import type { ReadableDb, WritableDb } from '../../db/types';
import { stateOn } from '../escalations/deadlines';
import {
  addRow,
  columnStyle,
  columnWidth,
  excelDate,
  FMT,
  setPrintArea,
  tableSheetOptions,
  unzippedBacklog,
  writeHeaderRow,
  type CellInput,
  type TableColumn,
} from './boardReturnXlsx';

type AnyDb = ReadableDb | WritableDb;

export const REGISTER_PAGE_SIZE = 2000;
/** Rows written but not yet compressed: past this, the export waits for the zip to catch up. */
const MAX_BACKLOG_BYTES = 4 * 1024 * 1024;

const ORIGINS = { board: 'Board', agency_return: 'Agency return' } as const;
/** Shown when the case was no longer open at the quarter's end, so it had no deadline. */
export const NO_DEADLINE = 'None';

// Active in the quarter: opened by its end and not ended before its start.
const ACTIVE = 'e.opened_on <= @to AND (e.ended_on IS NULL OR e.ended_on >= @from)';

interface RegisterDbRow {
  id: number;
  reference: string;
  child_initials: string;
  origin: keyof typeof ORIGINS;
  profile_id: number;
  opened_on: string;
  immediate_risk: 0 | 1;
  status: EscalationStatus;
  ended_on: string | null;
  first_stage: number;
  highest_stage: number;
  raising_agency: string;
  category: string;
  challenged: string | null;
  first_started_on: string | null;
  highest_at_end: number | null;
  stage: number | null;
  stage_started_on: string | null;
  stage_due_on: string | null;
  stage_due_soon_from: string | null;
  effect: OutcomeEffect | null;
  resolved_on: string | null;
}

// Challenged agencies are joined with "; " because agency names may hold commas.
const PAGE_SQL = `SELECT e.id, e.reference, e.child_initials, e.origin, e.profile_id, e.opened_on, e.immediate_risk, e.status, e.ended_on,
    e.first_stage, e.highest_stage, a.name AS raising_agency, c.name AS category,
    (SELECT group_concat(name, '; ') FROM (SELECT ca.name AS name FROM escalation_challenged ec JOIN agency ca ON ca.id = ec.agency_id
      WHERE ec.escalation_id = e.id ORDER BY ca.name COLLATE NOCASE)) AS challenged,
    (SELECT s.started_on FROM stage_entry s WHERE s.escalation_id = e.id ORDER BY s.id LIMIT 1) AS first_started_on,
    (SELECT max(s.stage_number) FROM stage_entry s WHERE s.escalation_id = e.id AND s.started_on <= @asOf) AS highest_at_end,
    ls.stage_number AS stage, ls.started_on AS stage_started_on, ls.due_on AS stage_due_on, ls.due_soon_from AS stage_due_soon_from,
    o.effect AS effect, o.resolved_on AS resolved_on
  FROM escalation e
  JOIN agency a ON a.id = e.raising_agency_id
  JOIN category c ON c.id = e.category_id
  LEFT JOIN stage_entry ls ON ls.id = (SELECT s.id FROM stage_entry s WHERE s.escalation_id = e.id AND s.started_on <= @asOf ORDER BY s.id DESC LIMIT 1)
  LEFT JOIN outcome o ON o.escalation_id = e.id
  WHERE ${ACTIVE} AND (e.opened_on > @afterOpened OR (e.opened_on = @afterOpened AND e.id > @afterId))
  ORDER BY e.opened_on, e.id
  LIMIT @limit`;

export function registerColumns(widest: {
  reference: number;
  initials: number;
  agency: number;
  challenged: number;
  category: number;
  stageName: number;
}): TableColumn[] {
  const longest = (labels: Record<string, string>) => Math.max(...Object.values(labels).map((l) => l.length));
  return [
    { header: 'Reference', contentChars: widest.reference },
    { header: 'Initials', contentChars: widest.initials, align: 'center' },
    { header: 'Origin', contentChars: longest(ORIGINS) },
    { header: 'Raising agency', contentChars: widest.agency },
    { header: 'Challenged agencies', contentChars: widest.challenged },
    { header: 'Category', contentChars: widest.category },
    { header: 'Date raised', numFmt: FMT.date, contentChars: 10, align: 'center' },
    { header: 'Immediate risk', contentChars: 3, align: 'center' },
    { header: 'First stage', numFmt: FMT.count, contentChars: 2, align: 'center' },
    { header: 'First stage started', numFmt: FMT.date, contentChars: 10, align: 'center' },
    { header: 'Stage at quarter end', numFmt: FMT.count, contentChars: 2, align: 'center' },
    { header: 'Stage name', contentChars: widest.stageName },
    { header: 'Stage started', numFmt: FMT.date, contentChars: 10, align: 'center' },
    { header: 'Stage due', numFmt: FMT.date, contentChars: 10, align: 'center' },
    { header: 'Highest stage reached', numFmt: FMT.count, contentChars: 2, align: 'center' },
    { header: 'State at quarter end', contentChars: longest(ESCALATION_STATUSES) },
    { header: 'Deadline at quarter end', contentChars: longest(DEADLINE_STATES) },
    { header: 'Outcome', contentChars: longest(OUTCOME_EFFECTS) },
    { header: 'Date resolved', numFmt: FMT.date, contentChars: 10, align: 'center' },
    { header: 'Date withdrawn or closed', numFmt: FMT.date, contentChars: 10, align: 'center' },
  ];
}

function stageNames(db: AnyDb): Map<number, Map<number, string>> {
  return new Map([...profilesById(db)].map(([id, profile]) => [id, new Map(profile.stages.map((s) => [s.number, s.name]))]));
}

/** How many rows the register will have, and how wide its text columns need to be. */
function measure(db: AnyDb, q: Quarter) {
  const params = { from: q.from, to: q.to };
  const counts = db
    .prepare(
      `SELECT count(*) AS n, max(length(e.reference)) AS reference, max(length(e.child_initials)) AS initials FROM escalation e WHERE ${ACTIVE}`,
    )
    .get(params) as {
    n: number;
    reference: number | null;
    initials: number | null;
  };
  const challenged = db
    .prepare(
      `SELECT max(len) AS n FROM (SELECT sum(length(a.name)) + 2 * (count(*) - 1) AS len FROM escalation e JOIN escalation_challenged ec ON ec.escalation_id = e.id JOIN agency a ON a.id = ec.agency_id WHERE ${ACTIVE} GROUP BY e.id)`,
    )
    .get(params) as { n: number | null };
  const agency = db.prepare('SELECT max(length(name)) AS n FROM agency').get() as { n: number | null };
  const category = db.prepare('SELECT max(length(name)) AS n FROM category').get() as { n: number | null };
  return {
    total: counts.n,
    widest: {
      reference: counts.reference ?? 0,
      initials: counts.initials ?? 0,
      agency: agency.n ?? 0,
      challenged: challenged.n ?? 0,
      category: category.n ?? 0,
    },
  };
}

function registerCells(r: RegisterDbRow, asOf: string, names: Map<number, Map<number, string>>): CellInput[] {
  const openAtEnd = r.ended_on === null || r.ended_on > asOf;
  const state: EscalationStatus = openAtEnd ? 'open' : r.status;
  // Agency returns record the highest stage only, with no stage history.
  const stage = r.stage ?? r.highest_stage;
  const deadline = openAtEnd ? DEADLINE_STATES[stateOn(asOf, r.stage_due_on, r.stage_due_soon_from)] : NO_DEADLINE;
  return [
    r.reference,
    r.child_initials,
    ORIGINS[r.origin],
    r.raising_agency,
    r.challenged ?? '',
    r.category,
    excelDate(r.opened_on),
    r.immediate_risk === 1 ? 'Yes' : 'No',
    r.first_stage,
    excelDate(r.first_started_on),
    stage,
    names.get(r.profile_id)?.get(stage) ?? null,
    excelDate(r.stage_started_on),
    excelDate(r.stage_due_on),
    r.highest_at_end ?? r.highest_stage,
    ESCALATION_STATUSES[state],
    deadline,
    state === 'resolved' && r.effect !== null ? OUTCOME_EFFECTS[r.effect] : null,
    state === 'resolved' ? excelDate(r.resolved_on ?? r.ended_on) : null,
    state === 'withdrawn' || state === 'closed' ? excelDate(r.ended_on) : null,
  ];
}

export interface RegisterWriteOptions {
  quarter: Quarter;
  asOf: string;
  onProgress?: (fraction: number) => void;
  /** Between pages: lets the zip and file streams drain (waiting ms, or a turn of the event loop), and fails fast if the file cannot be written. */
  breathe: (ms: number) => Promise<void>;
}

/** Writes the Register sheet, which must be the workbook's last, and returns how many rows it has. */
export async function writeRegisterSheet(workbook: ExcelJS.Workbook, db: AnyDb, opts: RegisterWriteOptions): Promise<number> {
  const names = stageNames(db);
  const { total, widest } = measure(db, opts.quarter);
  const stageName = Math.max(0, ...[...names.values()].flatMap((m) => [...m.values()].map((n) => n.length)));
  const columns = registerColumns({ ...widest, stageName });
  const sheet = workbook.addWorksheet('Register', tableSheetOptions(1));
  const aligns = columns.map((c) => c.align ?? 'left');
  sheet.columns = columns.map((c, i) => ({ width: columnWidth(c.header, c.contentChars ?? 0), style: columnStyle(c, aligns[i]!) }));
  writeHeaderRow(
    sheet,
    columns.map((c) => c.header),
    aligns,
  );

  const page = db.prepare(PAGE_SQL);
  const params = { from: opts.quarter.from, to: opts.quarter.to, asOf: opts.asOf, limit: REGISTER_PAGE_SIZE, afterOpened: '', afterId: 0 };
  let written = 0;
  for (;;) {
    let inPage = 0;
    for (const row of page.iterate(params) as IterableIterator<RegisterDbRow>) {
      addRow(sheet, registerCells(row, opts.asOf, names)).commit();
      params.afterOpened = row.opened_on;
      params.afterId = row.id;
      inPage += 1;
    }
    written += inPage;
    // 1 is kept for when the file is complete: zipping the last page still takes a moment.
    if (total > 0) opts.onProgress?.(Math.min(0.99, written / total));
    if (inPage < REGISTER_PAGE_SIZE) break;
    await opts.breathe(0);
    while (unzippedBacklog(sheet) > MAX_BACKLOG_BYTES) await opts.breathe(5);
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + written, column: columns.length } };
  setPrintArea(sheet, columns.length, 1 + written);
  sheet.commit();
  return written;
}
