// The board's return, sheet by sheet before the register: a cover that says what the workbook is,
// every figure beside the previous quarter, and one table per breakdown the learning hub reads.
import type ExcelJS from 'exceljs';
import { NOTIFICATION_KINDS, OUTCOME_EFFECTS, type NotificationKind, type OutcomeEffect } from '../../../shared/domain/escalation';
import { CHAIR_ROUTES, type ChairRoute } from '../../../shared/domain/panel';
import { quarterFromKey } from '../../../shared/domain/quarter';
import type { ReadableDb, WritableDb } from '../../db/types';
import { TIMELINESS_KEYS, type FigureLine, type ReturnFigures } from './boardReturnFigures';
import { printedSheet } from '../printSetup';
import {
  addRow,
  excelDate,
  FMT,
  linesAt,
  londonDateTime,
  setPrintArea,
  writeTableSheet,
  type CellInput,
  type TableColumn,
} from './boardReturnXlsx';

type AnyDb = ReadableDb | WritableDb;

/** Every sheet, in order, with what it holds: the cover's contents list. */
export const BOARD_RETURN_SHEETS = [
  ['Cover', 'What this workbook is, for which board and quarter'],
  ['Summary', 'Every figure for the quarter, board-level and agency-internal, beside the previous quarter'],
  ['Agencies', 'Escalations raised by and raised against each agency'],
  ['Agency pairs', 'Raising agency (rows) against challenged agency (columns): where the friction is'],
  ['Categories', 'New escalations by what the disagreement was about'],
  ['Stages', 'Resolved escalations by the highest stage they reached'],
  ['Outcomes', 'How resolved escalations ended'],
  ['Timeliness', 'Working days to resolution, timescales met, overdue cases, immediate-risk cases'],
  ['Notifications', 'Notifications required and made, by who had to be told'],
  ['Panels', 'The chair’s decisions by route, resolution panels held and their outcomes'],
  ['Themes', 'Learning themes recorded on resolved escalations'],
  ['Policy gaps', 'Gaps or weaknesses in the board’s policy flagged to the chair'],
  ['Returns', 'Which agencies have sent their return for the quarter'],
  ['Trend', 'This quarter and the eight before it'],
  ['Register', 'Every escalation active in the quarter, as it stood at the quarter’s end'],
] as const;
export type BoardReturnSheet = (typeof BOARD_RETURN_SHEETS)[number][0];

export const DATA_PROTECTION_NOTE = 'Contains case references and initials only';

const count = (value: number | null): CellInput => ({ value, numFmt: FMT.count });
const share = (value: number | null): CellInput => ({ value, numFmt: FMT.share });

// ---- Cover ----

export function writeCover(
  workbook: ExcelJS.Workbook,
  f: ReturnFigures,
  about: { boardName: string; now: Date; appVersion: string },
): void {
  const sheet = workbook.addWorksheet('Cover', printedSheet({ orientation: 'portrait' }));
  // Column widths that fit A4 portrait at full size: the text wraps rather than the page shrinking.
  const width = 70;
  sheet.columns = [{ width: 22 }, { width }];
  const bold: Partial<ExcelJS.Font> = { name: 'Calibri', size: 11, bold: true };
  const left: Partial<ExcelJS.Alignment> = { horizontal: 'left', vertical: 'top', wrapText: true };
  const title = sheet.addRow(['Quarterly return of professional disagreements (escalations)']);
  title.getCell(1).font = { ...bold, size: 14 };
  title.commit();
  sheet.addRow([]).commit();
  const line = (label: string, value: CellInput) => {
    const row = addRow(sheet, [label, value]);
    if (typeof value === 'string') row.height = linesAt(value, width) * 15;
    row.getCell(1).font = bold;
    row.getCell(1).alignment = { vertical: 'top' };
    row.getCell(2).alignment = left;
    row.commit();
  };
  const inProgress = f.asOf < f.quarter.to;
  line(
    'What it is',
    `${about.boardName}’s quarterly return of professional disagreements (escalations) between agencies about a child’s safety: the escalations that reached the board and those the agencies dealt with inside their own walls and sent in their returns, with the previous quarter for comparison.`,
  );
  line('Board', about.boardName);
  line('Quarter', f.quarter.label);
  line('From', { value: excelDate(f.quarter.from), numFmt: FMT.date });
  line('To', { value: excelDate(f.quarter.to), numFmt: FMT.date });
  line('Figures as at', { value: excelDate(f.asOf), numFmt: FMT.date });
  if (inProgress) line('', 'The quarter is still in progress: figures are as at the date above and will change.');
  line('Compared with', f.previous.label);
  line('Made at', { value: londonDateTime(about.now), numFmt: FMT.dateTime });
  line('Made with', `Escalation Desk ${about.appVersion}`);
  line('Data protection', `${DATA_PROTECTION_NOTE}: no child’s name, address or date of birth. Keep it as securely as the case records.`);
  line(
    'Reading it',
    'Board-level: escalations logged by the board. Agency-internal: escalations from the agencies’ quarterly returns. Change is this quarter minus the previous quarter; for shares it is in percentage points. Working days leave out weekends, bank holidays in England and Wales and the board’s closure days.',
  );
  sheet.addRow([]).commit();
  const heading = sheet.addRow(['Contents', 'What it holds']);
  heading.getCell(1).font = bold;
  heading.getCell(2).font = bold;
  heading.commit();
  let lastRow = heading.number;
  for (const [name, what] of BOARD_RETURN_SHEETS) {
    const row = sheet.addRow([name, what]);
    row.getCell(2).alignment = left;
    row.height = linesAt(what, width) * 15;
    lastRow = row.number;
    row.commit();
  }
  setPrintArea(sheet, 2, lastRow);
  sheet.commit();
}

// ---- Summary and Timeliness ----

const FIGURE_COLUMNS: TableColumn[] = [
  { header: 'Figure' },
  { header: 'This quarter' },
  { header: 'Board-level' },
  { header: 'Agency-internal' },
  { header: 'Previous quarter' },
  { header: 'Change' },
];

function figureRow(l: FigureLine): CellInput[] {
  const fmt = l.measure === 'share' ? FMT.share : l.measure === 'days' ? FMT.days : FMT.count;
  const change = l.value === null || l.previous === null ? null : l.value - l.previous;
  const cell = (value: number | null): CellInput => ({ value, numFmt: fmt });
  return [
    l.label,
    cell(l.value),
    cell(l.board),
    cell(l.agencyInternal),
    cell(l.previous),
    { value: change, numFmt: l.measure === 'share' ? FMT.shareChange : FMT.countChange },
  ];
}

export function writeSummary(workbook: ExcelJS.Workbook, f: ReturnFigures): void {
  writeTableSheet(workbook, { name: 'Summary', columns: FIGURE_COLUMNS, rows: f.lines.map(figureRow) });
}

export function writeTimeliness(workbook: ExcelJS.Workbook, f: ReturnFigures): void {
  const keys: readonly string[] = TIMELINESS_KEYS;
  writeTableSheet(workbook, {
    name: 'Timeliness',
    columns: FIGURE_COLUMNS,
    rows: f.lines.filter((l) => keys.includes(l.key)).map(figureRow),
  });
}

// ---- Breakdowns ----

const SPLIT_HEADERS = (what: string): TableColumn[] => [{ header: what }, { header: 'Board-level' }, { header: 'Agency-internal' }];

export function writeAgencies(workbook: ExcelJS.Workbook, f: ReturnFigures): void {
  const d = f.dashboard;
  const p = f.previousDashboard;
  const find = (list: { agencyId: number; count: { total: number; board: number; agencyInternal: number } }[], id: number) =>
    list.find((x) => x.agencyId === id)?.count;
  const expected = new Set(d.returns.map((r) => r.agencyId));
  const rows = d.agencies
    .filter(
      (a) =>
        expected.has(a.id) ||
        [d.byRaisingAgency, d.byChallengedAgency, p.byRaisingAgency, p.byChallengedAgency].some((list) => find(list, a.id)),
    )
    .map((a) => {
      const raised = find(d.byRaisingAgency, a.id);
      const challenged = find(d.byChallengedAgency, a.id);
      return [
        a.name,
        count(raised?.total ?? 0),
        count(raised?.board ?? 0),
        count(raised?.agencyInternal ?? 0),
        count(find(p.byRaisingAgency, a.id)?.total ?? 0),
        count(challenged?.total ?? 0),
        count(challenged?.board ?? 0),
        count(challenged?.agencyInternal ?? 0),
        count(find(p.byChallengedAgency, a.id)?.total ?? 0),
      ];
    });
  const columns = [
    'Agency',
    'Raised',
    'Raised: board-level',
    'Raised: agency-internal',
    'Raised: previous quarter',
    'Challenged',
    'Challenged: board-level',
    'Challenged: agency-internal',
    'Challenged: previous quarter',
  ];
  writeTableSheet(workbook, {
    name: 'Agencies',
    columns: columns.map((header) => ({ header })),
    rows,
    after: [['Raised and challenged count new escalations in the quarter; an escalation against two agencies counts once for each.']],
  });
}

export function writeAgencyPairs(workbook: ExcelJS.Workbook, f: ReturnFigures): void {
  const d = f.dashboard;
  const ids = new Set(d.pairs.flatMap((x) => [x.raisingAgencyId, x.challengedAgencyId]));
  const agencies = d.agencies.filter((a) => ids.has(a.id));
  const cell = (r: number, c: number) =>
    r === c ? null : (d.pairs.find((x) => x.raisingAgencyId === r && x.challengedAgencyId === c)?.count ?? 0);
  const corner = 'Raised by ↓ / against →';
  writeTableSheet(workbook, {
    name: 'Agency pairs',
    columns: [{ header: corner }, ...agencies.map((a) => ({ header: a.name, numFmt: FMT.count }))],
    rows:
      agencies.length === 0
        ? [['No new escalations this quarter']]
        : agencies.map((r) => [r.name, ...agencies.map((c) => cell(r.id, c.id))]),
    freezeColumns: 1,
    wrapHeaderAt: 16,
  });
}

export function writeCategories(workbook: ExcelJS.Workbook, db: AnyDb, f: ReturnFigures): void {
  const categories = db.prepare('SELECT id, name FROM category ORDER BY built_in DESC, name COLLATE NOCASE').all() as {
    id: number;
    name: string;
  }[];
  const rows = categories.map((c) => {
    const now = f.dashboard.byCategory.find((x) => x.id === c.id)?.count;
    return [
      c.name,
      count(now?.total ?? 0),
      count(now?.board ?? 0),
      count(now?.agencyInternal ?? 0),
      count(f.previousDashboard.byCategory.find((x) => x.id === c.id)?.count.total ?? 0),
    ];
  });
  writeTableSheet(workbook, {
    name: 'Categories',
    columns: [{ header: 'Category' }, ...SPLIT_HEADERS('New escalations'), { header: 'Previous quarter' }],
    rows,
  });
}

export function writeStages(workbook: ExcelJS.Workbook, f: ReturnFigures): void {
  const d = f.dashboard;
  const resolved = d.byHighestStage.reduce((n, s) => n + s.count.total, 0);
  const stages = [...new Set([...d.byHighestStage, ...f.previousDashboard.byHighestStage].map((s) => s.stage))].sort((a, b) => a - b);
  const rows = stages.map((stage) => {
    const now = d.byHighestStage.find((s) => s.stage === stage)?.count;
    return [
      count(stage),
      count(now?.total ?? 0),
      count(now?.board ?? 0),
      count(now?.agencyInternal ?? 0),
      share(resolved === 0 ? null : (now?.total ?? 0) / resolved),
      count(f.previousDashboard.byHighestStage.find((s) => s.stage === stage)?.count.total ?? 0),
    ];
  });
  writeTableSheet(workbook, {
    name: 'Stages',
    columns: [
      { header: 'Highest stage reached' },
      ...SPLIT_HEADERS('Resolved'),
      { header: 'Share of resolved' },
      { header: 'Previous quarter' },
    ],
    rows,
    after: [
      ['Resolved at stages 1-2', null, null, null, share(d.resolvedAtStages12Share), share(f.previousDashboard.resolvedAtStages12Share)],
      ['Stage numbers are those of each escalation’s own policy version.'],
    ],
  });
}

export function writeOutcomes(workbook: ExcelJS.Workbook, f: ReturnFigures): void {
  const resolved = f.dashboard.outcomes.reduce((n, o) => n + o.count.total, 0);
  const rows = f.dashboard.outcomes.map((o) => [
    o.label,
    count(o.count.total),
    count(o.count.board),
    count(o.count.agencyInternal),
    share(resolved === 0 ? null : o.count.total / resolved),
    count(f.previousDashboard.outcomes.find((x) => x.effect === o.effect)?.count.total ?? 0),
  ]);
  writeTableSheet(workbook, {
    name: 'Outcomes',
    columns: [{ header: 'Outcome' }, ...SPLIT_HEADERS('Resolved'), { header: 'Share of resolved' }, { header: 'Previous quarter' }],
    rows,
  });
}

export function writeNotifications(workbook: ExcelJS.Workbook, f: ReturnFigures): void {
  const rows = (Object.keys(NOTIFICATION_KINDS) as NotificationKind[]).map((kind) => {
    const now = f.dashboard.notifications.find((n) => n.kind === kind);
    const before = f.previousDashboard.notifications.find((n) => n.kind === kind);
    const required = now?.required ?? 0;
    const made = now?.made ?? 0;
    return [
      NOTIFICATION_KINDS[kind],
      count(required),
      count(made),
      count(required - made),
      share(required === 0 ? null : made / required),
      count(before?.required ?? 0),
      count(before?.made ?? 0),
    ];
  });
  const columns = [
    'Who must be told',
    'Required',
    'Made by the quarter end',
    'Not made',
    'Share made',
    'Previous quarter: required',
    'Previous quarter: made',
  ];
  writeTableSheet(workbook, { name: 'Notifications', columns: columns.map((header) => ({ header })), rows });
}

export function writePanels(workbook: ExcelJS.Workbook, f: ReturnFigures): void {
  const d = f.dashboard.chair;
  const p = f.previousDashboard.chair;
  const rows: CellInput[][] = [
    ...(Object.keys(CHAIR_ROUTES) as ChairRoute[]).map((route) => [
      'Chair decision',
      CHAIR_ROUTES[route],
      count(d.decisions.find((x) => x.route === route)?.count ?? 0),
      count(p.decisions.find((x) => x.route === route)?.count ?? 0),
    ]),
    ['Resolution panels', 'Panels held', count(d.panelsHeld), count(p.panelsHeld)],
    [
      'Resolution panels',
      'Held under a departure from the policy (the policy’s panel could not be formed)',
      count(d.panelsHeldUnderDeparture),
      count(p.panelsHeldUnderDeparture),
    ],
    ...(Object.keys(OUTCOME_EFFECTS) as OutcomeEffect[]).map((effect) => [
      'Panel outcome',
      OUTCOME_EFFECTS[effect],
      count(d.panelOutcomes.find((x) => x.effect === effect)?.count ?? 0),
      count(p.panelOutcomes.find((x) => x.effect === effect)?.count ?? 0),
    ]),
  ];
  writeTableSheet(workbook, {
    name: 'Panels',
    columns: [{ header: 'What' }, { header: 'Route or outcome' }, { header: 'This quarter' }, { header: 'Previous quarter' }],
    rows,
  });
}

export function writeThemes(workbook: ExcelJS.Workbook, db: AnyDb, f: ReturnFigures): void {
  const themes = db.prepare('SELECT id, name FROM learning_theme ORDER BY name COLLATE NOCASE').all() as { id: number; name: string }[];
  const now = (id: number) => f.dashboard.themes.find((t) => t.id === id)?.count ?? 0;
  const rows = themes
    .map((t) => ({ name: t.name, now: now(t.id), before: f.previousDashboard.themes.find((x) => x.id === t.id)?.count ?? 0 }))
    .sort((a, b) => b.now - a.now || a.name.localeCompare(b.name, 'en-GB'))
    .map((t) => [t.name, count(t.now), count(t.before)]);
  writeTableSheet(workbook, {
    name: 'Themes',
    columns: [{ header: 'Learning theme' }, { header: 'Resolved escalations' }, { header: 'Previous quarter' }],
    rows: rows.length === 0 ? [['The board has no learning themes yet']] : rows,
  });
}

export function writePolicyGaps(workbook: ExcelJS.Workbook, db: AnyDb, f: ReturnFigures): void {
  const detail = db.prepare(
    'SELECT a.name AS agency, o.resolved_on AS resolvedOn FROM escalation e JOIN agency a ON a.id = e.raising_agency_id JOIN outcome o ON o.escalation_id = e.id WHERE e.id = ?',
  );
  const rows = f.dashboard.policyGaps.map((g) => {
    const more = detail.get(g.escalationId) as { agency: string; resolvedOn: string } | undefined;
    return [g.reference, more?.agency ?? null, { value: excelDate(more?.resolvedOn), numFmt: FMT.date }, g.note];
  });
  writeTableSheet(workbook, {
    name: 'Policy gaps',
    columns: [
      { header: 'Reference' },
      { header: 'Raising agency' },
      { header: 'Date resolved', numFmt: FMT.date },
      { header: 'Gap or weakness in the board’s policy' },
    ],
    rows: rows.length === 0 ? [['None flagged this quarter']] : rows,
  });
}

const RETURN_STATUS = { returned: 'Returned', nil: 'Nil return', missing: 'Missing' } as const;

export function writeReturns(workbook: ExcelJS.Workbook, f: ReturnFigures): void {
  const rows = f.dashboard.returns.map((r) => [r.name, RETURN_STATUS[r.status], count(r.status === 'missing' ? null : r.rows)]);
  writeTableSheet(workbook, {
    name: 'Returns',
    columns: [{ header: 'Agency' }, { header: 'Return for the quarter' }, { header: 'Escalations in the return' }],
    rows,
  });
}

export function writeTrend(workbook: ExcelJS.Workbook, f: ReturnFigures, startMonth: number): void {
  const rows = f.dashboard.trend.map((t) => [
    t.label,
    { value: excelDate(quarterFromKey(t.key, startMonth).from), numFmt: FMT.date },
    count(t.new),
    count(t.resolved),
    count(t.openAtEnd),
    count(t.carriedOver),
    count(t.resolvedAtStages12),
    count(t.overdueAtEnd),
  ]);
  const columns = [
    'Quarter',
    'Starts',
    'New',
    'Resolved',
    'Still open at the end',
    'Carried over',
    'Resolved at stages 1-2',
    'Overdue at the end',
  ];
  writeTableSheet(workbook, { name: 'Trend', columns: columns.map((header) => ({ header })), rows });
}
