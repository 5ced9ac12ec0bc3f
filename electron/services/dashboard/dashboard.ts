// The learning hub's quarter, computed here from the database (never in React): every figure in
// DOMAIN.md, split into board-level and agency-internal escalations, with the previous quarters.
import {
  agencyColour,
  compareSentence,
  drillSchema,
  FIGURES,
  percentile,
  type Dashboard,
  type Drill,
  type DrillInput,
  type Figure,
  type Split,
} from '../../../shared/domain/dashboard';
import { todayIso } from '../../../shared/domain/dates';
import { NOTIFICATION_KINDS, OUTCOME_EFFECTS, type NotificationKind, type OutcomeEffect } from '../../../shared/domain/escalation';
import { CHAIR_ROUTES, type ChairRoute } from '../../../shared/domain/panel';
import { quarterFromKey, shiftQuarter, type Quarter } from '../../../shared/domain/quarter';
import { workingDaysBetween } from '../../../shared/domain/workingDays';
import { loadCalendar } from '../calendar';
import type { ReadContext } from '../context';
import { quarterStartMonth } from '../settings';
import { FIGURE_INDEX, figureDates, figurePredicate, NEW_BY_PAIR, TALLIED, tallySql, type TalliedFigure } from '../escalations/figures';
import { INDEX } from '../../db/indexes';

type Origin = 'board' | 'agency_return';
const TREND_QUARTERS = 8;

/** escalation (alias e) read through the index the figure's predicate is written for. */
function cases(d: Drill): string {
  const index = FIGURE_INDEX[d.figure];
  return index === null ? 'escalation e NOT INDEXED' : `escalation e INDEXED BY ${index}`;
}

function drill(figure: Figure, quarter: string, extra: Partial<DrillInput> = {}): Drill {
  return drillSchema.parse({ figure, quarter, ...extra });
}

function emptySplit(): Split {
  return { board: 0, agencyInternal: 0, total: 0 };
}

function addTo(split: Split, origin: Origin, n: number): void {
  if (origin === 'board') split.board += n;
  else split.agencyInternal += n;
  split.total += n;
}

export class DashboardQueries {
  constructor(
    private readonly ctx: ReadContext,
    private readonly today: string,
  ) {}

  count(d: Drill, quarter: Quarter): number {
    const p = figurePredicate(d, quarter, this.today);
    return (this.ctx.db.prepare(`SELECT count(*) AS n FROM ${cases(d)} WHERE ${p.sql}`).get(p.params) as { n: number }).n;
  }

  split(d: Drill, quarter: Quarter): Split {
    const p = figurePredicate(d, quarter, this.today);
    const result = emptySplit();
    for (const r of this.ctx.db
      .prepare(`SELECT e.origin AS origin, count(*) AS n FROM ${cases(d)} WHERE ${p.sql} GROUP BY e.origin`)
      .all(p.params) as { origin: Origin; n: number }[])
      addTo(result, r.origin, r.n);
    return result;
  }

  /**
   * A figure's cases counted by some of their columns, origin among them, in one pass. Name the
   * columns in the order of the figure's index: the groups then stream out of it already in
   * order, with nothing to sort (a quarter of a million-case register gives a thousand or so).
   */
  groups<K extends string>(
    d: Drill,
    quarter: Quarter,
    columns: Record<K | 'origin', string>,
  ): (Record<K, number | string> & { origin: Origin; n: number })[] {
    const p = figurePredicate(d, quarter, this.today);
    const keys = Object.keys(columns) as (K | 'origin')[];
    const select = keys.map((k) => `${columns[k]} AS ${k}`).join(', ');
    return this.ctx.db
      .prepare(`SELECT ${select}, count(*) AS n FROM ${cases(d)} WHERE ${p.sql} GROUP BY ${keys.join(', ')}`)
      .all(p.params) as (Record<K, number | string> & {
      origin: Origin;
      n: number;
    })[];
  }

  rows<T>(d: Drill, quarter: Quarter, select: string, join = '', groupBy = '', orderBy = ''): T[] {
    const p = figurePredicate(d, quarter, this.today);
    return this.ctx.db
      .prepare(
        `SELECT ${select} FROM ${cases(d)} ${join} WHERE ${p.sql} ${groupBy ? `GROUP BY ${groupBy}` : ''} ${orderBy ? `ORDER BY ${orderBy}` : ''}`,
      )
      .all(p.params) as T[];
  }

  /** A tallied figure for a quarter, by origin, from the daily tally (see TALLIED). */
  tally(figure: TalliedFigure, quarter: Quarter): Split {
    const result = emptySplit();
    for (const r of this.ctx.db.prepare(tallySql(figure)).all(figureDates(quarter, this.today)) as { origin: Origin; n: number }[])
      addTo(result, r.origin, r.n);
    return result;
  }
}

const isTallied = (figure: Figure): figure is TalliedFigure => figure in TALLIED;

/** One breakdown folded out of groups: the count of each value of one column, split by origin. */
function splitBy<K extends string>(
  groups: readonly (Record<K, number | string> & { origin: Origin; n: number })[],
  key: K,
): Map<number | string, Split> {
  const map = new Map<number | string, Split>();
  for (const g of groups) {
    const s = map.get(g[key]) ?? emptySplit();
    addTo(s, g.origin, g.n);
    map.set(g[key], s);
  }
  return map;
}

export function quarterDashboard(ctx: ReadContext, input: { quarter: string }): Dashboard {
  const db = ctx.db;
  const today = todayIso(ctx.now);
  const startMonth = quarterStartMonth(db);
  const q = quarterFromKey(input.quarter, startMonth);
  const prev = shiftQuarter(q.key, -1, startMonth);
  const queries = new DashboardQueries(ctx, today);
  const calendar = loadCalendar(db);
  // Working days between two dates as the difference of each date's count from one fixed day
  // (workingDaysBetween is additive and signed), each date worked out once: a quarter's resolved
  // cases share a few hundred distinct dates, so the calendar is consulted that often, not per case.
  const sinceEpoch = new Map<string, number>();
  const fromEpoch = (d: string) => {
    let n = sinceEpoch.get(d);
    if (n === undefined) sinceEpoch.set(d, (n = workingDaysBetween(calendar, '2000-01-01', d)));
    return n;
  };
  const workingDays = (from: string, to: string) => fromEpoch(to) - fromEpoch(from);

  const headlineFigures: [Figure, [string, string]][] = [
    ['new', ['new escalation', 'new escalations']],
    ['resolved', ['escalation resolved', 'escalations resolved']],
    ['withdrawn', ['escalation withdrawn', 'escalations withdrawn']],
    ['open_at_end', ['escalation still open', 'escalations still open']],
    ['carried_over', ['escalation carried over', 'escalations carried over']],
    ['overdue_at_end', ['overdue case', 'overdue cases']],
    ['immediate_risk', ['immediate-risk case', 'immediate-risk cases']],
    ['policy_gap', ['policy gap', 'policy gaps']],
  ];
  const headlines = headlineFigures.map(([figure, noun]) => {
    const value = isTallied(figure) ? queries.tally(figure, q) : queries.split(drill(figure, q.key), q);
    const previous = isTallied(figure) ? queries.tally(figure, prev).total : queries.count(drill(figure, prev.key), prev);
    return { figure, label: FIGURES[figure], value, previous, sentence: compareSentence(value.total, previous, noun) };
  });

  const total = (figure: Figure) => headlines.find((h) => h.figure === figure)!.value.total;
  const flow = {
    carriedOver: total('carried_over'),
    new: total('new'),
    resolved: total('resolved'),
    withdrawn: total('withdrawn'),
    openAtEnd: total('open_at_end'),
  };
  const reconciles = flow.carriedOver + flow.new - flow.resolved - flow.withdrawn === flow.openAtEnd;

  // Every trend figure from the daily tally: a sum over days, however many cases there are.
  const trend = Array.from({ length: TREND_QUARTERS + 1 }, (_, i) => shiftQuarter(q.key, i - TREND_QUARTERS, startMonth)).map((tq) => ({
    key: tq.key,
    label: tq.label,
    new: queries.tally('new', tq).total,
    resolved: queries.tally('resolved', tq).total,
    openAtEnd: queries.tally('open_at_end', tq).total,
    carriedOver: queries.tally('carried_over', tq).total,
    resolvedAtStages12: queries.tally('resolved_at_stages_1_2', tq).total,
    overdueAtEnd: queries.tally('overdue_at_end', tq).total,
  }));

  const agencies = (db.prepare('SELECT id, name FROM agency ORDER BY name COLLATE NOCASE').all() as { id: number; name: string }[]).map(
    (a) => ({ ...a, colour: agencyColour(a.id) }),
  );
  const fresh = queries.groups(drill('new', q.key), q, {
    openedOn: 'e.opened_on',
    origin: 'e.origin',
    raising: 'e.raising_agency_id',
    category: 'e.category_id',
  });
  const byRaising = splitBy(fresh, 'raising');
  // Challenged agencies and the raising-by-challenged matrix from one pass over the quarter's challenges.
  const pairRows = db.prepare(NEW_BY_PAIR).all({ from: q.from, to: q.to }) as {
    raisingAgencyId: number;
    challengedAgencyId: number;
    board: number;
    count: number;
  }[];
  const byChallenged = new Map<number, Split>();
  for (const r of pairRows) {
    const s = byChallenged.get(r.challengedAgencyId) ?? emptySplit();
    addTo(s, 'board', r.board);
    addTo(s, 'agency_return', r.count - r.board);
    byChallenged.set(r.challengedAgencyId, s);
  }
  const pairs = pairRows.map((r) => ({ raisingAgencyId: r.raisingAgencyId, challengedAgencyId: r.challengedAgencyId, count: r.count }));

  const categories = db.prepare('SELECT id, name FROM category ORDER BY built_in DESC, name').all() as { id: number; name: string }[];
  const byCategory = splitBy(fresh, 'category');
  // A resolved case ended on its outcome's date (resolved_on = ended_on): its time to resolution
  // runs from opened_on to resolved_on, both read here from the index with its stage and effect.
  const resolved = queries.groups(drill('resolved', q.key), q, {
    resolvedOn: 'e.resolved_on',
    origin: 'e.origin',
    stage: 'e.highest_stage',
    effect: 'e.outcome_effect',
    within: 'e.within_timescale',
    openedOn: 'e.opened_on',
  });
  const byStage = splitBy(resolved, 'stage');
  const resolvedTotal = headlines.find((h) => h.figure === 'resolved')!.value.total;
  const atStages12 = queries.tally('resolved_at_stages_1_2', q).total;

  const durations = resolved
    .map((g) => ({ days: Math.max(0, workingDays(String(g.openedOn), String(g.resolvedOn))), n: g.n }))
    .sort((a, b) => a.days - b.days)
    .flatMap((g) => Array<number>(g.n).fill(g.days));
  const within = queries.count(drill('resolved_within_timescale', q.key), q);
  const withTimescale = queries.count(drill('resolved_with_timescale', q.key), q);

  const immediate = queries.count(drill('immediate_risk', q.key), q);
  const boardImmediate = queries.count(drill('immediate_risk', q.key, { origin: 'board' }), q);
  const breaches = queries.count(drill('immediate_risk_breach', q.key), q);
  const compliant = queries.count(drill('same_day_compliant', q.key), q);
  const referral = {
    onTime: queries.count(drill('referral_on_time', q.key), q),
    late: queries.count(drill('referral_late', q.key), q),
    dateUnknown: queries.count(drill('referral_date_unknown', q.key), q),
    missing: queries.count(drill('referral_missing', q.key), q),
  };

  const notifications = (
    db
      .prepare(
        `SELECT kind, count(*) AS required, sum(CASE WHEN made_on IS NOT NULL AND made_on <= @to THEN 1 ELSE 0 END) AS made
         FROM notification WHERE required_since BETWEEN @from AND @to GROUP BY kind ORDER BY kind`,
      )
      .all({ from: q.from, to: q.to }) as { kind: NotificationKind; required: number; made: number }[]
  ).map((n) => ({ ...n, label: NOTIFICATION_KINDS[n.kind] }));

  const decisions = (
    db
      .prepare('SELECT route, count(*) AS count FROM chair_decision WHERE decided_on BETWEEN @from AND @to GROUP BY route ORDER BY route')
      .all({ from: q.from, to: q.to }) as { route: ChairRoute; count: number }[]
  ).map((d) => ({
    ...d,
    label: CHAIR_ROUTES[d.route],
  }));
  const panelOutcomes = (
    db
      .prepare(
        `SELECT o.effect AS effect, count(*) AS count FROM panel p JOIN outcome o ON o.escalation_id = p.escalation_id
         WHERE p.status = 'held' AND p.decided_on BETWEEN @from AND @to GROUP BY o.effect ORDER BY o.effect`,
      )
      .all({ from: q.from, to: q.to }) as { effect: OutcomeEffect; count: number }[]
  ).map((p) => ({ ...p, label: OUTCOME_EFFECTS[p.effect] }));
  const panelsHeld = (
    db
      .prepare("SELECT count(*) AS n FROM panel WHERE status = 'held' AND decided_on BETWEEN @from AND @to")
      .get({ from: q.from, to: q.to }) as { n: number }
  ).n;
  const panelsHeldUnderDeparture = (
    db
      .prepare(
        "SELECT count(*) AS n FROM panel WHERE status = 'held' AND id IN (SELECT panel_id FROM panel_departure) AND decided_on BETWEEN @from AND @to",
      )
      .get({ from: q.from, to: q.to }) as { n: number }
  ).n;

  const fromReturns = db
    .prepare(
      `SELECT coalesce(sum(e.return_chair_involved), 0) AS chairInvolved, coalesce(sum(e.return_meeting_held), 0) AS meetingsHeld, coalesce(sum(e.return_panel_convened), 0) AS panelsConvened
       FROM agency_return r CROSS JOIN escalation e INDEXED BY ${INDEX.escalationByReturn} ON e.agency_return_id = r.id WHERE r.quarter_key = ?`,
    )
    .get(q.key) as { chairInvolved: number; meetingsHeld: number; panelsConvened: number };

  const outcomes = splitBy(resolved, 'effect');
  const themes = queries.rows<{ id: number; name: string; count: number }>(
    drill('resolved', q.key),
    q,
    't.id AS id, t.name AS name, count(*) AS count',
    'JOIN escalation_theme et ON et.escalation_id = e.id JOIN learning_theme t ON t.id = et.theme_id',
    't.id',
  );
  const policyGaps = queries.rows<{ escalationId: number; reference: string; note: string }>(
    drill('policy_gap', q.key),
    q,
    'e.id AS escalationId, e.reference AS reference, o.policy_gap_note AS note',
    'JOIN outcome o ON o.escalation_id = e.id',
    '',
    'e.resolved_on, e.id',
  );

  return {
    quarter: q,
    previousQuarter: { key: prev.key, label: prev.label },
    asOf: q.to < today ? q.to : today,
    headlines,
    flow: { ...flow, reconciles },
    trend,
    agencies,
    byRaisingAgency: [...byRaising]
      .map(([agencyId, count]) => ({ agencyId: Number(agencyId), count }))
      .sort((a, b) => a.agencyId - b.agencyId),
    byChallengedAgency: [...byChallenged]
      .map(([agencyId, count]) => ({ agencyId: Number(agencyId), count }))
      .sort((a, b) => a.agencyId - b.agencyId),
    pairs,
    byCategory: categories.map((c) => ({ ...c, count: byCategory.get(c.id) ?? emptySplit() })).filter((c) => c.count.total > 0),
    byHighestStage: [...byStage].map(([stage, count]) => ({ stage: Number(stage), count })).sort((a, b) => a.stage - b.stage),
    resolvedAtStages12Share: resolvedTotal === 0 ? null : atStages12 / resolvedTotal,
    timeToResolution: {
      count: durations.length,
      medianWorkingDays: percentile(durations, 50),
      p90WorkingDays: percentile(durations, 90),
      withinTimescale: within,
      withTimescale,
      withinTimescaleShare: withTimescale === 0 ? null : within / withTimescale,
    },
    overdueAtEnd: headlines.find((h) => h.figure === 'overdue_at_end')!.value,
    immediateRisk: {
      cases: immediate,
      boardCases: boardImmediate,
      compliant,
      breaches,
      referral,
      compliantShare: boardImmediate === 0 ? null : compliant / boardImmediate,
    },
    notifications,
    chair: { decisions, panelsHeld, panelsHeldUnderDeparture, panelOutcomes, agencyInternal: fromReturns },
    outcomes: (Object.keys(OUTCOME_EFFECTS) as OutcomeEffect[]).map((effect) => ({
      effect,
      label: OUTCOME_EFFECTS[effect],
      count: outcomes.get(effect) ?? emptySplit(),
    })),
    themes: themes.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    policyGaps,
    returns: agencyReturns(ctx, q),
  };
}

/** Which agencies sent their return for the quarter: every agency active during it is expected to. */
function agencyReturns(ctx: ReadContext, q: Quarter) {
  const rows = ctx.db
    .prepare(
      `SELECT a.id AS agencyId, a.name AS name, r.nil_return AS nil, r.row_count AS rowCount
       FROM agency a LEFT JOIN agency_return r ON r.agency_id = a.id AND r.quarter_key = @key
       WHERE a.retired_on IS NULL OR a.retired_on >= @from ORDER BY a.name COLLATE NOCASE`,
    )
    .all({ key: q.key, from: q.from }) as { agencyId: number; name: string; nil: 0 | 1 | null; rowCount: number | null }[];
  return rows.map((r) => ({
    agencyId: r.agencyId,
    name: r.name,
    status: r.nil === null ? ('missing' as const) : r.nil === 1 ? ('nil' as const) : ('returned' as const),
    rows: r.rowCount ?? 0,
  }));
}
