// The figures of the board's return: the dashboard's own numbers for the quarter and the one
// before, with each split into board-level and agency-internal cases. Totals are taken from the
// dashboard (or counted with its figure predicates), so the workbook and the screen cannot disagree.
import { drillSchema, FIGURES, percentile, type Dashboard, type Figure, type Split } from '../../../shared/domain/dashboard';
import { todayIso } from '../../../shared/domain/dates';
import { quarterFromKey, shiftQuarter, type Quarter } from '../../../shared/domain/quarter';
import { workingDaysBetween } from '../../../shared/domain/workingDays';
import { loadCalendar } from '../calendar';
import type { ReadContext } from '../context';
import { DashboardQueries, quarterDashboard } from '../dashboard/dashboard';
import { figureFragment } from '../escalations/figures';
import { quarterStartMonth } from '../settings';
import { INDEX } from '../../db/indexes';
import { param, render, sql, trusted } from '../../db/sql';

export type Measure = 'count' | 'share' | 'days';

export interface FigureLine {
  key: string;
  label: string;
  measure: Measure;
  value: number | null;
  board: number | null;
  agencyInternal: number | null;
  previous: number | null;
}

export interface ReturnFigures {
  quarter: Quarter;
  previous: Quarter;
  asOf: string;
  dashboard: Dashboard;
  previousDashboard: Dashboard;
  /** Every figure, in the order the Summary sheet lists them. */
  lines: FigureLine[];
}

/** Keys of the lines the Timeliness sheet repeats. */
export const TIMELINESS_KEYS = [
  'resolved',
  'median_days',
  'p90_days',
  'resolved_within_timescale',
  'resolved_with_timescale',
  'within_timescale_share',
  'overdue_at_end',
  'immediate_risk',
  'immediate_risk_breach',
  'referral_on_time',
  'referral_late',
  'referral_date_unknown',
  'referral_missing',
  'same_day_compliant',
  'same_day_share',
] as const;

type Origin = 'board' | 'agency_return';

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function originSplit(rows: { origin: Origin; n: number }[]): Split {
  const s: Split = { board: 0, agencyInternal: 0, total: 0 };
  for (const r of rows) {
    if (r.origin === 'board') s.board += r.n;
    else s.agencyInternal += r.n;
    s.total += r.n;
  }
  return s;
}

type NotificationFigure = 'notification_required' | 'notification_missing';
const NOTIFICATION_FIGURES: readonly NotificationFigure[] = ['notification_required', 'notification_missing'];

/**
 * The notification figures of the quarter (split by origin) and of the one before, and the
 * quarter's notifications required and made by the origin of their case, in one pass over the
 * narrow index of cases by origin, each figure still counted with its own predicate. Each of the
 * six was a lookup into the case table for every case notified in the quarter: on a big board,
 * tens of thousands of pages of the encrypted file read and decrypted six times over.
 */
function notificationCounts(ctx: ReadContext, q: Quarter, prev: Quarter, today: string) {
  const predicate = (figure: NotificationFigure, quarter: Quarter) =>
    figureFragment(drillSchema.parse({ figure, quarter: quarter.key }), quarter, today);
  const from = param('from', q.from);
  const to = param('to', q.to);
  const statement = render(sql`SELECT e.origin AS origin,
      count(*) FILTER (WHERE ${predicate('notification_required', q)}) AS required,
      count(*) FILTER (WHERE ${predicate('notification_missing', q)}) AS missing,
      count(*) FILTER (WHERE ${predicate('notification_required', prev)}) AS requiredBefore,
      count(*) FILTER (WHERE ${predicate('notification_missing', prev)}) AS missingBefore,
      coalesce(sum(n.required), 0) AS notificationsRequired, coalesce(sum(n.made), 0) AS notificationsMade
    FROM escalation e INDEXED BY ${trusted(INDEX.escalationByOrigin)}
    LEFT JOIN (SELECT escalation_id, count(*) AS required, sum(CASE WHEN made_on IS NOT NULL AND made_on <= ${to} THEN 1 ELSE 0 END) AS made
      FROM notification WHERE required_since BETWEEN ${from} AND ${to} GROUP BY escalation_id) n ON n.escalation_id = e.id
    GROUP BY e.origin`);
  const rows = ctx.db.prepare(statement.text).all(statement.params) as {
    origin: Origin;
    required: number;
    missing: number;
    requiredBefore: number;
    missingBefore: number;
    notificationsRequired: number;
    notificationsMade: number;
  }[];
  const split = (n: (r: (typeof rows)[number]) => number) => originSplit(rows.map((r) => ({ origin: r.origin, n: n(r) })));
  const total = (n: (r: (typeof rows)[number]) => number) => rows.reduce((t, r) => t + n(r), 0);
  return {
    now: { notification_required: split((r) => r.required), notification_missing: split((r) => r.missing) },
    before: { notification_required: total((r) => r.requiredBefore), notification_missing: total((r) => r.missingBefore) },
    required: split((r) => r.notificationsRequired),
    made: split((r) => r.notificationsMade),
  };
}

export function returnFigures(ctx: ReadContext, quarterKey: string): ReturnFigures {
  const today = todayIso(ctx.now);
  const startMonth = quarterStartMonth(ctx.db);
  const q = quarterFromKey(quarterKey, startMonth);
  const prev = shiftQuarter(quarterKey, -1, startMonth);
  const d = quarterDashboard(ctx, { quarter: q.key });
  const p = quarterDashboard(ctx, { quarter: prev.key });
  const queries = new DashboardQueries(ctx, today);
  const drill = (figure: Figure, quarter: Quarter, origin: Origin | 'any' = 'any') =>
    drillSchema.parse({ figure, quarter: quarter.key, origin });

  // The dashboard's headlines as it shows them; every other figure counted with its predicate.
  const figures = Object.keys(FIGURES) as Figure[];
  const headline = (f: Figure) => d.headlines.find((h) => h.figure === f);
  const notifications = notificationCounts(ctx, q, prev, today);
  const isNotification = (f: Figure): f is NotificationFigure => (NOTIFICATION_FIGURES as readonly Figure[]).includes(f);
  const now = Object.fromEntries(
    figures.map((f) => [f, headline(f)?.value ?? (isNotification(f) ? notifications.now[f] : queries.split(drill(f, q), q))]),
  ) as Record<Figure, Split>;
  const before = Object.fromEntries(
    figures.map((f) => [f, headline(f)?.previous ?? (isNotification(f) ? notifications.before[f] : queries.count(drill(f, prev), prev))]),
  ) as Record<Figure, number>;

  const countLine = (f: Figure): FigureLine => ({
    key: f,
    label: FIGURES[f],
    measure: 'count',
    value: now[f].total,
    board: now[f].board,
    agencyInternal: now[f].agencyInternal,
    previous: before[f],
  });
  const shareLine = (
    key: string,
    label: string,
    value: number | null,
    part: (s: 'board' | 'agencyInternal') => number,
    whole: (s: 'board' | 'agencyInternal') => number,
    previous: number | null,
  ): FigureLine => ({
    key,
    label,
    measure: 'share',
    value,
    board: ratio(part('board'), whole('board')),
    agencyInternal: ratio(part('agencyInternal'), whole('agencyInternal')),
    previous,
  });

  // Working days to resolution, per origin, worked out exactly as the dashboard does for all cases:
  // to resolved_on (a resolved case's ended_on), which the covering index holds beside opened_on,
  // as the difference of each date's count from one fixed day (workingDaysBetween is additive),
  // each date worked out once.
  const calendar = loadCalendar(ctx.db);
  const sinceEpoch = new Map<string, number>();
  const fromEpoch = (day: string) => {
    let n = sinceEpoch.get(day);
    if (n === undefined) sinceEpoch.set(day, (n = workingDaysBetween(calendar, '2000-01-01', day)));
    return n;
  };
  const durations = (origin: Origin) =>
    queries
      .rows<{ opened_on: string; resolved_on: string }>(drill('resolved', q, origin), q, 'e.opened_on, e.resolved_on')
      .map((r) => Math.max(0, fromEpoch(r.resolved_on) - fromEpoch(r.opened_on)))
      .sort((a, b) => a - b);
  const boardDays = durations('board');
  const agencyDays = durations('agency_return');
  const daysLine = (key: string, label: string, pct: number, value: number | null, previous: number | null): FigureLine => ({
    key,
    label,
    measure: 'days',
    value,
    board: percentile(boardDays, pct),
    agencyInternal: percentile(agencyDays, pct),
    previous,
  });

  const range = { from: q.from, to: q.to };
  const notificationsRequired = notifications.required;
  const notificationsMade = notifications.made;
  const panelsHeld = originSplit(
    ctx.db
      .prepare(
        `SELECT e.origin AS origin, count(*) AS n FROM panel p JOIN escalation e ON e.id = p.escalation_id WHERE p.status = 'held' AND p.decided_on BETWEEN @from AND @to GROUP BY e.origin`,
      )
      .all(range) as { origin: Origin; n: number }[],
  );
  const splitLine = (key: string, label: string, value: number, split: Split, previous: number): FigureLine => ({
    key,
    label,
    measure: 'count',
    value,
    board: split.board,
    agencyInternal: split.agencyInternal,
    previous,
  });
  const returnsLine = (key: string, label: string, status: 'returned' | 'nil' | 'missing'): FigureLine => ({
    key,
    label,
    measure: 'count',
    value: d.returns.filter((r) => r.status === status).length,
    board: null,
    agencyInternal: null,
    previous: p.returns.filter((r) => r.status === status).length,
  });

  const lines: FigureLine[] = [
    countLine('new'),
    countLine('resolved'),
    countLine('withdrawn'),
    countLine('open_at_end'),
    countLine('carried_over'),
    countLine('resolved_at_stages_1_2'),
    shareLine(
      'stages_1_2_share',
      'Share of resolved cases resolved at stages 1-2',
      d.resolvedAtStages12Share,
      (s) => now.resolved_at_stages_1_2[s],
      (s) => now.resolved[s],
      p.resolvedAtStages12Share,
    ),
    countLine('resolved_within_timescale'),
    countLine('resolved_with_timescale'),
    shareLine(
      'within_timescale_share',
      'Share of resolved cases with a timescale resolved within it',
      d.timeToResolution.withinTimescaleShare,
      (s) => now.resolved_within_timescale[s],
      (s) => now.resolved_with_timescale[s],
      p.timeToResolution.withinTimescaleShare,
    ),
    daysLine(
      'median_days',
      'Median working days from raised to resolved',
      50,
      d.timeToResolution.medianWorkingDays,
      p.timeToResolution.medianWorkingDays,
    ),
    daysLine(
      'p90_days',
      '90th percentile working days from raised to resolved',
      90,
      d.timeToResolution.p90WorkingDays,
      p.timeToResolution.p90WorkingDays,
    ),
    countLine('overdue_at_end'),
    countLine('immediate_risk'),
    countLine('immediate_risk_breach'),
    countLine('referral_on_time'),
    countLine('referral_late'),
    countLine('referral_date_unknown'),
    countLine('referral_missing'),
    countLine('same_day_compliant'),
    {
      // Judged on the board's own cases only (an agency's return asks no referral date), and
      // counting only what was recorded as on time: never the cases less the breaches.
      key: 'same_day_share',
      label: 'Same-day compliance for the board’s immediate-risk cases (share)',
      measure: 'share',
      value: d.immediateRisk.compliantShare,
      board: ratio(now.same_day_compliant.board, now.immediate_risk.board),
      agencyInternal: null,
      previous: p.immediateRisk.compliantShare,
    },
    countLine('notification_required'),
    countLine('notification_missing'),
    splitLine(
      'notifications_required',
      'Notifications required',
      sum(d.notifications.map((n) => n.required)),
      notificationsRequired,
      sum(p.notifications.map((n) => n.required)),
    ),
    splitLine(
      'notifications_made',
      'Notifications made by the quarter end',
      sum(d.notifications.map((n) => n.made)),
      notificationsMade,
      sum(p.notifications.map((n) => n.made)),
    ),
    countLine('chair_decision'),
    countLine('panel_held'),
    splitLine('panels_held', 'Resolution panels held', d.chair.panelsHeld, panelsHeld, p.chair.panelsHeld),
    countLine('panel_held_under_departure'),
    ...d.outcomes.map((o) =>
      splitLine(`outcome_${o.effect}`, o.label, o.count.total, o.count, p.outcomes.find((x) => x.effect === o.effect)?.count.total ?? 0),
    ),
    countLine('policy_gap'),
    returnsLine('returns_returned', 'Agencies that sent a return with escalations', 'returned'),
    returnsLine('returns_nil', 'Agencies that sent a nil return', 'nil'),
    returnsLine('returns_missing', 'Agencies whose return is missing', 'missing'),
  ];
  return { quarter: q, previous: prev, asOf: d.asOf, dashboard: d, previousDashboard: p, lines };
}
