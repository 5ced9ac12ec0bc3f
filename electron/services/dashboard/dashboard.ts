// The learning hub's quarter, computed here from the database (never in React): every figure in
// DOMAIN.md, split into board-level and agency-internal escalations, with the previous quarters.
import { agencyColour, compareSentence, drillSchema, FIGURES, percentile, type Dashboard, type Drill, type DrillInput, type Figure, type Split } from '../../../shared/domain/dashboard';
import { todayIso } from '../../../shared/domain/dates';
import { NOTIFICATION_KINDS, OUTCOME_EFFECTS, type NotificationKind, type OutcomeEffect } from '../../../shared/domain/escalation';
import { CHAIR_ROUTES, type ChairRoute } from '../../../shared/domain/panel';
import { quarterFromKey, shiftQuarter, type Quarter } from '../../../shared/domain/quarter';
import { workingDaysBetween } from '../../../shared/domain/workingDays';
import { loadCalendar } from '../calendar';
import type { ReadContext } from '../context';
import { quarterStartMonth } from '../settings';
import { figurePredicate, OVERDUE_STAGE } from './figures';

type Origin = 'board' | 'agency_return';
const TREND_QUARTERS = 8;

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
    return (this.ctx.db.prepare(`SELECT count(*) AS n FROM escalation e WHERE ${p.sql}`).get(p.params) as { n: number }).n;
  }

  split(d: Drill, quarter: Quarter): Split {
    const p = figurePredicate(d, quarter, this.today);
    const result = emptySplit();
    for (const r of this.ctx.db.prepare(`SELECT e.origin AS origin, count(*) AS n FROM escalation e WHERE ${p.sql} GROUP BY e.origin`).all(p.params) as { origin: Origin; n: number }[]) addTo(result, r.origin, r.n);
    return result;
  }

  /**
   * Counts grouped by one dimension (an expression over e, or a joined column), split by origin.
   * Origin first: the quarter's covering index then serves the query (grouping by the dimension
   * first tempts the planner into a skip-scan of that dimension's index and a lookup per case).
   */
  grouped(d: Drill, quarter: Quarter, select: string, join = ''): Map<number | string, Split> {
    const p = figurePredicate(d, quarter, this.today);
    const rows = this.ctx.db.prepare(`SELECT ${select} AS k, e.origin AS origin, count(*) AS n FROM escalation e ${join} WHERE ${p.sql} GROUP BY e.origin, k`).all(p.params) as { k: number | string; origin: Origin; n: number }[];
    const map = new Map<number | string, Split>();
    for (const r of rows) {
      const s = map.get(r.k) ?? emptySplit();
      addTo(s, r.origin, r.n);
      map.set(r.k, s);
    }
    return map;
  }

  rows<T>(d: Drill, quarter: Quarter, select: string, join = '', groupBy = '', orderBy = ''): T[] {
    const p = figurePredicate(d, quarter, this.today);
    return this.ctx.db.prepare(`SELECT ${select} FROM escalation e ${join} WHERE ${p.sql} ${groupBy ? `GROUP BY ${groupBy}` : ''} ${orderBy ? `ORDER BY ${orderBy}` : ''}`).all(p.params) as T[];
  }

  /**
   * overdue_at_end for a whole quarter, counted from the stages alone (see OVERDUE_STAGE): the
   * trend asks it for nine quarters, and looking up each overdue case costs ten times as much.
   */
  overdueCount(quarter: Quarter): number {
    const asOf = quarter.to < this.today ? quarter.to : this.today;
    return (this.ctx.db.prepare(`SELECT count(*) AS n FROM stage_entry s WHERE ${OVERDUE_STAGE}`).get({ asOf }) as { n: number }).n;
  }
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
    ['open_at_end', ['escalation still open', 'escalations still open']],
    ['carried_over', ['escalation carried over', 'escalations carried over']],
    ['overdue_at_end', ['overdue case', 'overdue cases']],
    ['immediate_risk', ['immediate-risk case', 'immediate-risk cases']],
    ['policy_gap', ['policy gap', 'policy gaps']],
  ];
  const headlines = headlineFigures.map(([figure, noun]) => {
    const value = queries.split(drill(figure, q.key), q);
    const previous = figure === 'overdue_at_end' ? queries.overdueCount(prev) : queries.count(drill(figure, prev.key), prev);
    return { figure, label: FIGURES[figure], value, previous, sentence: compareSentence(value.total, previous, noun) };
  });

  // Carried over into a quarter (opened before its first day, not ended before it) is still open
  // at the end of the quarter before (opened on or before that last day, not ended by it): the same
  // cases, since quarters follow on day after day. So each trend quarter after the first takes it
  // from its predecessor's open_at_end rather than asking a second stabbing query over every case.
  let openBefore: number | null = null;
  const trend = Array.from({ length: TREND_QUARTERS + 1 }, (_, i) => shiftQuarter(q.key, i - TREND_QUARTERS, startMonth)).map((tq) => {
    const carriedOver = openBefore ?? queries.count(drill('carried_over', tq.key), tq);
    const openAtEnd = queries.count(drill('open_at_end', tq.key), tq);
    openBefore = openAtEnd;
    return {
      key: tq.key,
      label: tq.label,
      new: queries.count(drill('new', tq.key), tq),
      resolved: queries.count(drill('resolved', tq.key), tq),
      openAtEnd,
      carriedOver,
      resolvedAtStages12: queries.count(drill('resolved_at_stages_1_2', tq.key), tq),
      overdueAtEnd: queries.overdueCount(tq),
    };
  });

  const agencies = (db.prepare('SELECT id, name FROM agency ORDER BY name COLLATE NOCASE').all() as { id: number; name: string }[]).map((a) => ({ ...a, colour: agencyColour(a.id) }));
  const byRaising = queries.grouped(drill('new', q.key), q, 'e.raising_agency_id');
  // Challenged agencies and the raising-by-challenged matrix from one pass over the new cases.
  const pairRows = queries.rows<{ raisingAgencyId: number; challengedAgencyId: number; origin: Origin; count: number }>(
    drill('new', q.key),
    q,
    'e.raising_agency_id AS raisingAgencyId, ec.agency_id AS challengedAgencyId, e.origin AS origin, count(*) AS count',
    'JOIN escalation_challenged ec ON ec.escalation_id = e.id',
    'e.origin, e.raising_agency_id, ec.agency_id',
  );
  const byChallenged = new Map<number, Split>();
  const pairCounts = new Map<string, { raisingAgencyId: number; challengedAgencyId: number; count: number }>();
  for (const r of pairRows) {
    const s = byChallenged.get(r.challengedAgencyId) ?? emptySplit();
    addTo(s, r.origin, r.count);
    byChallenged.set(r.challengedAgencyId, s);
    const key = `${r.raisingAgencyId}:${r.challengedAgencyId}`;
    const pair = pairCounts.get(key) ?? { raisingAgencyId: r.raisingAgencyId, challengedAgencyId: r.challengedAgencyId, count: 0 };
    pair.count += r.count;
    pairCounts.set(key, pair);
  }
  const pairs = [...pairCounts.values()];

  const categories = db.prepare('SELECT id, name FROM category ORDER BY built_in DESC, name').all() as { id: number; name: string }[];
  const byCategory = queries.grouped(drill('new', q.key), q, 'e.category_id');
  const byStage = queries.grouped(drill('resolved', q.key), q, 'e.highest_stage');
  const resolvedTotal = headlines.find((h) => h.figure === 'resolved')!.value.total;
  const atStages12 = queries.count(drill('resolved_at_stages_1_2', q.key), q);

  // A resolved case ended on its outcome's date (resolved_on = ended_on), read here from the index.
  const resolvedDates = queries.rows<{ opened_on: string; ended_on: string }>(drill('resolved', q.key), q, 'e.opened_on, e.resolved_on AS ended_on');
  const durations = resolvedDates.map((r) => Math.max(0, workingDays(r.opened_on, r.ended_on))).sort((a, b) => a - b);
  const within = queries.count(drill('resolved_within_timescale', q.key), q);

  const immediate = queries.count(drill('immediate_risk', q.key), q);
  const breaches = queries.count(drill('immediate_risk_breach', q.key), q);

  const notifications = (
    db
      .prepare(
        `SELECT kind, count(*) AS required, sum(CASE WHEN made_on IS NOT NULL AND made_on <= @to THEN 1 ELSE 0 END) AS made
         FROM notification WHERE required_since BETWEEN @from AND @to GROUP BY kind ORDER BY kind`,
      )
      .all({ from: q.from, to: q.to }) as { kind: NotificationKind; required: number; made: number }[]
  ).map((n) => ({ ...n, label: NOTIFICATION_KINDS[n.kind] }));

  const decisions = (db.prepare('SELECT route, count(*) AS count FROM chair_decision WHERE decided_on BETWEEN @from AND @to GROUP BY route ORDER BY route').all({ from: q.from, to: q.to }) as { route: ChairRoute; count: number }[]).map((d) => ({
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
  const panelsHeld = (db.prepare("SELECT count(*) AS n FROM panel WHERE status = 'held' AND decided_on BETWEEN @from AND @to").get({ from: q.from, to: q.to }) as { n: number }).n;

  const fromReturns = db
    .prepare(
      `SELECT coalesce(sum(e.return_chair_involved), 0) AS chairInvolved, coalesce(sum(e.return_meeting_held), 0) AS meetingsHeld, coalesce(sum(e.return_panel_convened), 0) AS panelsConvened
       FROM agency_return r JOIN escalation e ON e.agency_return_id = r.id WHERE r.quarter_key = ?`,
    )
    .get(q.key) as { chairInvolved: number; meetingsHeld: number; panelsConvened: number };

  const outcomes = queries.grouped(drill('resolved', q.key), q, 'e.outcome_effect');
  const themes = queries.rows<{ id: number; name: string; count: number }>(
    drill('resolved', q.key),
    q,
    't.id AS id, t.name AS name, count(*) AS count',
    'JOIN escalation_theme et ON et.escalation_id = e.id JOIN learning_theme t ON t.id = et.theme_id',
    't.id',
  );
  const policyGaps = queries.rows<{ escalationId: number; reference: string; note: string }>(drill('policy_gap', q.key), q, 'e.id AS escalationId, e.reference AS reference, o.policy_gap_note AS note', 'JOIN outcome o ON o.escalation_id = e.id', '', 'e.resolved_on, e.id');

  return {
    quarter: q,
    previousQuarter: { key: prev.key, label: prev.label },
    asOf: q.to < today ? q.to : today,
    headlines,
    trend,
    agencies,
    byRaisingAgency: [...byRaising].map(([agencyId, count]) => ({ agencyId: Number(agencyId), count })).sort((a, b) => a.agencyId - b.agencyId),
    byChallengedAgency: [...byChallenged].map(([agencyId, count]) => ({ agencyId: Number(agencyId), count })).sort((a, b) => a.agencyId - b.agencyId),
    pairs,
    byCategory: categories.map((c) => ({ ...c, count: byCategory.get(c.id) ?? emptySplit() })).filter((c) => c.count.total > 0),
    byHighestStage: [...byStage].map(([stage, count]) => ({ stage: Number(stage), count })).sort((a, b) => a.stage - b.stage),
    resolvedAtStages12Share: resolvedTotal === 0 ? null : atStages12 / resolvedTotal,
    timeToResolution: {
      count: durations.length,
      medianWorkingDays: percentile(durations, 50),
      p90WorkingDays: percentile(durations, 90),
      withinTimescale: within,
      withinTimescaleShare: resolvedTotal === 0 ? null : within / resolvedTotal,
    },
    overdueAtEnd: headlines.find((h) => h.figure === 'overdue_at_end')!.value,
    immediateRisk: { cases: immediate, breaches, compliantShare: immediate === 0 ? null : (immediate - breaches) / immediate },
    notifications,
    chair: { decisions, panelsHeld, panelOutcomes, agencyInternal: fromReturns },
    outcomes: (Object.keys(OUTCOME_EFFECTS) as OutcomeEffect[]).map((effect) => ({ effect, label: OUTCOME_EFFECTS[effect], count: outcomes.get(effect) ?? emptySplit() })),
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
  return rows.map((r) => ({ agencyId: r.agencyId, name: r.name, status: r.nil === null ? ('missing' as const) : r.nil === 1 ? ('nil' as const) : ('returned' as const), rows: r.rowCount ?? 0 }));
}
