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
import { figurePredicate } from './figures';

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

  /** Counts grouped by one dimension (an expression over e, or a joined column), split by origin. */
  grouped(d: Drill, quarter: Quarter, select: string, join = ''): Map<number | string, Split> {
    const p = figurePredicate(d, quarter, this.today);
    const rows = this.ctx.db.prepare(`SELECT ${select} AS k, e.origin AS origin, count(*) AS n FROM escalation e ${join} WHERE ${p.sql} GROUP BY k, e.origin`).all(p.params) as { k: number | string; origin: Origin; n: number }[];
    const map = new Map<number | string, Split>();
    for (const r of rows) {
      const s = map.get(r.k) ?? emptySplit();
      addTo(s, r.origin, r.n);
      map.set(r.k, s);
    }
    return map;
  }

  rows<T>(d: Drill, quarter: Quarter, select: string, join = '', groupBy = ''): T[] {
    const p = figurePredicate(d, quarter, this.today);
    return this.ctx.db.prepare(`SELECT ${select} FROM escalation e ${join} WHERE ${p.sql} ${groupBy ? `GROUP BY ${groupBy}` : ''}`).all(p.params) as T[];
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
    const previous = queries.count(drill(figure, prev.key), prev);
    return { figure, label: FIGURES[figure], value, previous, sentence: compareSentence(value.total, previous, noun) };
  });

  const trend = Array.from({ length: TREND_QUARTERS + 1 }, (_, i) => shiftQuarter(q.key, i - TREND_QUARTERS, startMonth)).map((tq) => ({
    key: tq.key,
    label: tq.label,
    new: queries.count(drill('new', tq.key), tq),
    resolved: queries.count(drill('resolved', tq.key), tq),
    openAtEnd: queries.count(drill('open_at_end', tq.key), tq),
    carriedOver: queries.count(drill('carried_over', tq.key), tq),
    resolvedAtStages12: queries.count(drill('resolved_at_stages_1_2', tq.key), tq),
    overdueAtEnd: queries.count(drill('overdue_at_end', tq.key), tq),
  }));

  const agencies = (db.prepare('SELECT id, name FROM agency ORDER BY name COLLATE NOCASE').all() as { id: number; name: string }[]).map((a) => ({ ...a, colour: agencyColour(a.id) }));
  const byRaising = queries.grouped(drill('new', q.key), q, 'e.raising_agency_id');
  const byChallenged = queries.grouped(drill('new', q.key), q, 'ec.agency_id', 'JOIN escalation_challenged ec ON ec.escalation_id = e.id');
  const pairs = queries.rows<{ raisingAgencyId: number; challengedAgencyId: number; count: number }>(
    drill('new', q.key),
    q,
    'e.raising_agency_id AS raisingAgencyId, ec.agency_id AS challengedAgencyId, count(*) AS count',
    'JOIN escalation_challenged ec ON ec.escalation_id = e.id',
    'e.raising_agency_id, ec.agency_id',
  );

  const categories = db.prepare('SELECT id, name FROM category ORDER BY built_in DESC, name').all() as { id: number; name: string }[];
  const byCategory = queries.grouped(drill('new', q.key), q, 'e.category_id');
  const byStage = queries.grouped(drill('resolved', q.key), q, 'e.highest_stage');
  const resolvedTotal = headlines.find((h) => h.figure === 'resolved')!.value.total;
  const atStages12 = queries.count(drill('resolved_at_stages_1_2', q.key), q);

  const resolvedDates = queries.rows<{ opened_on: string; ended_on: string }>(drill('resolved', q.key), q, 'e.opened_on, e.ended_on');
  const durations = resolvedDates.map((r) => Math.max(0, workingDaysBetween(calendar, r.opened_on, r.ended_on))).sort((a, b) => a - b);
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

  const outcomes = queries.grouped(drill('resolved', q.key), q, 'o.effect', 'JOIN outcome o ON o.escalation_id = e.id');
  const themes = queries.rows<{ id: number; name: string; count: number }>(
    drill('resolved', q.key),
    q,
    't.id AS id, t.name AS name, count(*) AS count',
    'JOIN escalation_theme et ON et.escalation_id = e.id JOIN learning_theme t ON t.id = et.theme_id',
    't.id',
  );
  const policyGaps = queries.rows<{ escalationId: number; reference: string; note: string }>(drill('policy_gap', q.key), q, 'e.id AS escalationId, e.reference AS reference, o.policy_gap_note AS note', 'JOIN outcome o ON o.escalation_id = e.id');

  return {
    quarter: q,
    previousQuarter: { key: prev.key, label: prev.label },
    asOf: q.to < today ? q.to : today,
    headlines,
    trend,
    agencies,
    byRaisingAgency: [...byRaising].map(([agencyId, count]) => ({ agencyId: Number(agencyId), count })),
    byChallengedAgency: [...byChallenged].map(([agencyId, count]) => ({ agencyId: Number(agencyId), count })),
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
