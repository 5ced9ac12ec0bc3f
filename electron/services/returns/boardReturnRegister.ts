// The Register sheet: every escalation active in the quarter, as it stood at the quarter's end,
// oldest first. The cases are read in the order the tables keep them (by id), where a case's
// stages, challenged agencies and the case itself sit near its neighbours', and sorted here: read
// in date order instead, each case would be a jump to another part of the (encrypted) file, every
// page decrypted again for each case on it. Each read page is read to the end with an iterating
// statement before the export yields, so the shared read connection is never held across an
// await. The register is held in memory between reading and writing, a few hundred bytes a case.
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
  columnStyle,
  columnWidth,
  FMT,
  setPrintArea,
  tableSheetOptions,
  unzippedBacklog,
  writeHeaderRow,
  type TableColumn,
} from './boardReturnXlsx';
import { StreamedRows, type PlainCell } from './streamedRows';

type AnyDb = ReadableDb | WritableDb;

/** Cases read between two turns of the event loop, and rows written between two reports of progress. */
export const REGISTER_PAGE_SIZE = 2000;
/**
 * Rows written between two turns of the event loop, when the export also waits for the zip if it
 * has fallen behind. Written rows wait in buffers until the zip takes them: kept this short, those
 * buffers are freed by the next minor collection instead of piling up until a full one.
 */
const ROWS_BETWEEN_BREATHS = 500;
/** Rows written but not yet compressed: past this, the export waits for the zip to catch up. */
const MAX_BACKLOG_BYTES = 1024 * 1024;

const ORIGINS = { board: 'Board', agency_return: 'Agency return' } as const;
/** Shown when the case was no longer open at the quarter's end, so it had no deadline. */
export const NO_DEADLINE = 'None';

// Active in the quarter: opened by its end and not ended before its start.
const ACTIVE = 'e.opened_on <= @to AND (e.ended_on IS NULL OR e.ended_on >= @from)';

type RegisterDbRow = [
  id: number,
  reference: string,
  childInitials: string,
  origin: keyof typeof ORIGINS,
  profileId: number,
  openedOn: string,
  immediateRisk: 0 | 1,
  status: EscalationStatus,
  endedOn: string | null,
  firstStage: number,
  highestStage: number,
  raisingAgency: string,
  category: string,
  challenged: string | null,
  firstStartedOn: string | null,
  highestAtEnd: number | null,
  stage: number | null,
  stageStartedOn: string | null,
  stageDueOn: string | null,
  stageDueSoonFrom: string | null,
  effect: OutcomeEffect | null,
  resolvedOn: string | null,
];

// Challenged agencies are joined with "; " because agency names may hold commas. How a resolved
// case ended is read from the case itself, where resolving it keeps the outcome's date and effect
// (migration 0060), not from the outcome's own, much wider, row. NOT INDEXED: the table in id order.
const PAGE_SQL = `SELECT e.id, e.reference, e.child_initials, e.origin, e.profile_id, e.opened_on, e.immediate_risk, e.status, e.ended_on,
    e.first_stage, e.highest_stage, a.name AS raising_agency, c.name AS category,
    (SELECT group_concat(name, '; ') FROM (SELECT ca.name AS name FROM escalation_challenged ec JOIN agency ca ON ca.id = ec.agency_id
      WHERE ec.escalation_id = e.id ORDER BY ca.name COLLATE NOCASE)) AS challenged,
    (SELECT s.started_on FROM stage_entry s WHERE s.escalation_id = e.id ORDER BY s.id LIMIT 1) AS first_started_on,
    (SELECT max(s.stage_number) FROM stage_entry s WHERE s.escalation_id = e.id AND s.started_on <= @asOf) AS highest_at_end,
    ls.stage_number AS stage, ls.started_on AS stage_started_on, ls.due_on AS stage_due_on, ls.due_soon_from AS stage_due_soon_from,
    e.outcome_effect AS effect, e.resolved_on AS resolved_on
  FROM escalation e NOT INDEXED
  JOIN agency a ON a.id = e.raising_agency_id
  JOIN category c ON c.id = e.category_id
  LEFT JOIN stage_entry ls ON ls.id = (SELECT s.id FROM stage_entry s WHERE s.escalation_id = e.id AND s.started_on <= @asOf ORDER BY s.id DESC LIMIT 1)
  WHERE ${ACTIVE} AND e.id > @afterId
  ORDER BY e.id
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

interface RegisterRow {
  openedOn: number;
  id: number;
  cells: PlainCell[];
}

/** Characters as SQLite's length() counts them (code points), as the columns' widths were once measured in SQL. */
function characters(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) n -= 1;
  }
  return n;
}

/**
 * The register's cells, one case at a time, each repeated text kept once (agency names, categories,
 * initials) and each date turned into its Excel serial once: what exceljs writes for a Date of
 * midnight UTC (excelDate), so the file is the same.
 */
class RegisterCells {
  private readonly texts = new Map<string, string>();
  private readonly serials = new Map<string, number>();
  readonly widest = { reference: 0, initials: 0, challenged: 0 };

  constructor(
    private readonly asOf: string,
    private readonly names: Map<number, Map<number, string>>,
  ) {}

  private text(value: string): string {
    const known = this.texts.get(value);
    if (known !== undefined) return known;
    this.texts.set(value, value);
    return value;
  }

  private serial(iso: string | null): number | null {
    if (!iso) return null;
    let n = this.serials.get(iso);
    if (n === undefined) {
      const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
      n = 25569 + Date.UTC(y, m - 1, d) / 86_400_000;
      this.serials.set(iso, n);
    }
    return n;
  }

  row(r: RegisterDbRow): RegisterRow {
    const [id, reference, initials, origin, profileId, openedOn, immediateRisk, status, endedOn, firstStage, highestStage, ...more] = r;
    const [
      raisingAgency,
      category,
      challenged,
      firstStartedOn,
      highestAtEnd,
      stageNow,
      stageStartedOn,
      stageDueOn,
      stageDueSoonFrom,
      effect,
      resolvedOn,
    ] = more;
    this.widest.reference = Math.max(this.widest.reference, characters(reference));
    this.widest.initials = Math.max(this.widest.initials, characters(initials));
    if (challenged !== null) this.widest.challenged = Math.max(this.widest.challenged, characters(challenged));
    const openAtEnd = endedOn === null || endedOn > this.asOf;
    const state: EscalationStatus = openAtEnd ? 'open' : status;
    // Agency returns record the highest stage only, with no stage history.
    const stage = stageNow ?? highestStage;
    const deadline = openAtEnd ? DEADLINE_STATES[stateOn(this.asOf, stageDueOn, stageDueSoonFrom)] : NO_DEADLINE;
    const opened = this.serial(openedOn)!;
    return {
      openedOn: opened,
      id,
      cells: [
        reference,
        this.text(initials),
        ORIGINS[origin],
        this.text(raisingAgency),
        this.text(challenged ?? ''),
        this.text(category),
        opened,
        immediateRisk === 1 ? 'Yes' : 'No',
        firstStage,
        this.serial(firstStartedOn),
        stage,
        this.names.get(profileId)?.get(stage) ?? null,
        this.serial(stageStartedOn),
        this.serial(stageDueOn),
        highestAtEnd ?? highestStage,
        ESCALATION_STATUSES[state],
        deadline,
        state === 'resolved' && effect !== null ? OUTCOME_EFFECTS[effect] : null,
        state === 'resolved' ? this.serial(resolvedOn ?? endedOn) : null,
        state === 'withdrawn' || state === 'closed' ? this.serial(endedOn) : null,
      ],
    };
  }
}

export interface RegisterWriteOptions {
  quarter: Quarter;
  asOf: string;
  onProgress?: (fraction: number) => void;
  /** Between pages: lets the zip and file streams drain (waiting ms, or a turn of the event loop), and fails fast if the file cannot be written. */
  breathe: (ms: number) => Promise<void>;
}

/**
 * The register between reading and writing: every case's cells one after another in flat arrays, a
 * page of cases to each, beside the keys it is sorted by. An array and an object per case would
 * take two fifths more memory (41 MB against 29 MB for the 112,250 cases of the 1M board's busiest
 * quarter).
 */
class HeldRegister {
  private readonly pages: PlainCell[][] = [];
  private readonly openedOn: number[] = [];
  private readonly ids: number[] = [];
  private width = 0;

  get length(): number {
    return this.ids.length;
  }

  add(row: RegisterRow): void {
    const i = this.ids.length;
    if (i === 0) this.width = row.cells.length;
    if (i % REGISTER_PAGE_SIZE === 0) this.pages.push(new Array<PlainCell>(REGISTER_PAGE_SIZE * this.width));
    const page = this.pages[this.pages.length - 1]!;
    const start = (i % REGISTER_PAGE_SIZE) * this.width;
    for (let c = 0; c < this.width; c += 1) page[start + c] = row.cells[c] ?? null;
    this.openedOn.push(row.openedOn);
    this.ids.push(row.id);
  }

  /** Each case's cells, oldest first, cases raised the same day in the order they were logged. One array, refilled for each case. */
  *inOrder(): Generator<readonly PlainCell[]> {
    const order = new Uint32Array(this.ids.length)
      .map((_, i) => i)
      .sort((a, b) => this.openedOn[a]! - this.openedOn[b]! || this.ids[a]! - this.ids[b]!);
    const cells = new Array<PlainCell>(this.width).fill(null);
    for (const i of order) {
      const page = this.pages[Math.floor(i / REGISTER_PAGE_SIZE)]!;
      const start = (i % REGISTER_PAGE_SIZE) * this.width;
      for (let c = 0; c < this.width; c += 1) cells[c] = page[start + c]!;
      yield cells;
    }
  }
}

/** Reading is the first half of the register's progress, writing the second. */
const READ_SHARE = 0.5;

/** Every case active in the quarter, read in id order a page at a time. */
async function readRegister(db: AnyDb, cells: RegisterCells, opts: RegisterWriteOptions): Promise<HeldRegister> {
  const ids = db.prepare('SELECT min(id) AS first, max(id) AS last FROM escalation').get() as { first: number | null; last: number | null };
  const page = db.prepare(PAGE_SQL).raw(true);
  const params = { from: opts.quarter.from, to: opts.quarter.to, asOf: opts.asOf, limit: REGISTER_PAGE_SIZE, afterId: 0 };
  const held = new HeldRegister();
  for (;;) {
    let inPage = 0;
    for (const row of page.iterate(params) as IterableIterator<RegisterDbRow>) {
      held.add(cells.row(row));
      params.afterId = row[0];
      inPage += 1;
    }
    if (inPage < REGISTER_PAGE_SIZE) break;
    if (ids.first !== null && ids.last !== null && ids.last > ids.first)
      opts.onProgress?.((READ_SHARE * (params.afterId - ids.first)) / (ids.last - ids.first));
    await opts.breathe(0);
  }
  return held;
}

/** Writes the Register sheet, which must be the workbook's last, and returns how many rows it has. */
export async function writeRegisterSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  db: AnyDb,
  opts: RegisterWriteOptions,
): Promise<number> {
  const names = stageNames(db);
  const cells = new RegisterCells(opts.asOf, names);
  const held = await readRegister(db, cells, opts);
  const agency = db.prepare('SELECT max(length(name)) AS n FROM agency').get() as { n: number | null };
  const category = db.prepare('SELECT max(length(name)) AS n FROM category').get() as { n: number | null };
  const stageName = Math.max(0, ...[...names.values()].flatMap((m) => [...m.values()].map((n) => n.length)));
  const columns = registerColumns({ ...cells.widest, agency: agency.n ?? 0, category: category.n ?? 0, stageName });
  const sheet = workbook.addWorksheet('Register', tableSheetOptions(1));
  const aligns = columns.map((c) => c.align ?? 'left');
  const styles = columns.map((c, i) => columnStyle(c, aligns[i]!));
  sheet.columns = columns.map((c, i) => ({ width: columnWidth(c.header, c.contentChars ?? 0), style: styles[i] }));
  writeHeaderRow(
    sheet,
    columns.map((c) => c.header),
    aligns,
  );

  const out = new StreamedRows(workbook, sheet, styles, 2);
  let written = 0;
  for (const values of held.inOrder()) {
    out.add(values);
    written += 1;
    if (written % ROWS_BETWEEN_BREATHS === 0) {
      out.flush();
      // 1 is kept for when the file is complete: zipping the last page still takes a moment.
      if (written % REGISTER_PAGE_SIZE === 0) opts.onProgress?.(Math.min(0.99, READ_SHARE + ((1 - READ_SHARE) * written) / held.length));
      await opts.breathe(0);
      while (unzippedBacklog(sheet) > MAX_BACKLOG_BYTES) await opts.breathe(5);
    }
  }
  out.flush();
  if (held.length > 0) opts.onProgress?.(0.99);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + written, column: columns.length } };
  setPrintArea(sheet, columns.length, 1 + written);
  sheet.commit();
  return written;
}
