// The register: search, filter, sort and page through escalations at any size. The filters are
// in registerFilters.ts, the choice of index for a page in registerPages.ts; here the matches are
// counted and only one page of rows is shaped for display.
import { NOTIFICATION_KINDS, type NotificationKind, type RegisterRow } from '../../../shared/domain/escalation';
import { todayIso } from '../../../shared/domain/dates';
import { stageNameOf, type PolicyProfile } from '../../../shared/domain/policyProfiles';
import { profilesById } from '../policyVersions';
import { loadCalendar } from '../calendar';
import type { ReadContext } from '../context';
import { breachesOf, breachSql } from './breaches';
import { stateOn } from './deadlines';
import { registerFilter, type Query } from './registerFilters';
import { countMatches, pageIds, type PagePolicy } from './registerPages';
import type { EscalationRow } from './rows';
import { workingDaysBetween } from '../../../shared/domain/workingDays';
import { INDEX } from '../../db/indexes';

export { registerWhere } from './registerFilters';

// What a list shows: not the case's long text, which lists never show. The open cases' index
// (migration 0180) holds every one of these, so the Deadlines screen's lists never read the table.
const LISTED = [
  'id',
  'reference',
  'child_initials',
  'origin',
  'profile_id',
  'raising_agency_id',
  'category_id',
  'opened_on',
  'status',
  'current_stage',
  'current_due_on',
  'current_due_soon_from',
  'immediate_risk',
] as const satisfies readonly (keyof EscalationRow)[];
/**
 * A listed case as the query returns it: an array (better-sqlite3's raw mode) of LISTED's columns
 * in order, then its challenged agencies' ids. The Deadlines screen lists some 5,000 cases a call,
 * and rows the driver makes into objects cost nearly twice as much to read as arrays.
 */
type ListedRow = [...ColumnTypes<typeof LISTED>, challengedIds: string | null];
type ColumnTypes<T extends readonly (keyof EscalationRow)[]> = { -readonly [I in keyof T]: EscalationRow[T[I] & keyof EscalationRow] };
/** A listed case with the column selectRows(extra) added. */
type ListedWith<T> = [...ListedRow, extra: T];
const extraOf = <T>(row: ListedWith<T>): T => row[LISTED.length + 1] as T;

// One table in FROM: the planner cannot then start from a small table (agency, category) and sort
// every case, whatever its statistics say. The names of the board's few agencies and categories are
// read once a call (listNames), not looked up again for each row. What `extra` adds comes last.
const selectRows = (extra = '') => `SELECT ${LISTED.map((c) => `e.${c}`).join(', ')},
  (SELECT group_concat(ec.agency_id) FROM escalation_challenged ec WHERE ec.escalation_id = e.id)${extra}
  FROM escalation e`;

/** The rows of a selectRows query, as arrays. */
const listedRows = <Row extends ListedRow | ListedWith<unknown> = ListedRow>(
  db: ReadContext['db'],
  sql: string,
  params: Record<string, string> = {},
) => db.prepare(sql).raw(true).all(params) as Row[];

interface ListNames {
  agencies: Map<number, string>;
  categories: Map<number, string>;
  /** Each set of challenged agencies' ids as the list shows it, worked out once. */
  challenged: Map<string, string>;
}

function listNames(db: ReadContext['db']): ListNames {
  const byId = (sql: string) => new Map((db.prepare(sql).all() as { id: number; name: string }[]).map((r) => [r.id, r.name]));
  return { agencies: byId('SELECT id, name FROM agency'), categories: byId('SELECT id, name FROM category'), challenged: new Map() };
}

/** The agencies a case challenges, by name, in the order of their ids. */
function challengedNames(ids: string | null, names: ListNames): string {
  if (ids === null) return '';
  let shown = names.challenged.get(ids);
  if (shown === undefined) {
    shown = ids
      .split(',')
      .map(Number)
      .sort((a, b) => a - b)
      .map((id) => names.agencies.get(id)!)
      .join(', ');
    names.challenged.set(ids, shown);
  }
  return shown;
}

function shape(
  rows: (ListedRow | ListedWith<unknown>)[],
  profiles: Map<number, PolicyProfile>,
  names: ListNames,
  today: string,
): RegisterRow[] {
  return rows.map((r) => {
    const [
      id,
      reference,
      childInitials,
      origin,
      profileId,
      raisingAgencyId,
      categoryId,
      openedOn,
      status,
      stage,
      dueOn,
      dueSoonFrom,
      risk,
      challenged,
    ] = r;
    return {
      id,
      reference,
      childInitials,
      raisingAgency: names.agencies.get(raisingAgencyId)!,
      challengedAgencies: challengedNames(challenged, names),
      category: names.categories.get(categoryId)!,
      openedOn,
      status,
      stageNumber: stage,
      stageName: stage === null ? null : stageNameOf(profiles.get(profileId)!, stage),
      dueOn,
      state: status === 'open' ? stateOn(today, dueOn, dueSoonFrom) : null,
      immediateRisk: risk === 1,
      origin,
    };
  });
}

export function listRegister(ctx: ReadContext, q: Query, policy?: PagePolicy): { total: number; rows: RegisterRow[] } {
  const today = todayIso(ctx.now);
  const filter = registerFilter(ctx.db, q, today);
  const total = countMatches(ctx.db, filter);
  const ids = total === 0 ? [] : pageIds(ctx.db, filter, total, q, policy);
  if (ids.length === 0) return { total, rows: [] };
  const found = listedRows(ctx.db, `${selectRows()} WHERE e.id IN (SELECT value FROM json_each(@ids))`, { ids: JSON.stringify(ids) });
  const byId = new Map(found.map((r) => [r[0], r]));
  return {
    total,
    rows: shape(
      ids.map((id) => byId.get(id)!),
      profilesById(ctx.db),
      listNames(ctx.db),
      today,
    ),
  };
}

// The breach list's columns: what the breach rule reads and the list shows, all in the
// immediate-risk cases' index (migration 0180).
type BreachRow = Pick<
  EscalationRow,
  | 'id'
  | 'reference'
  | 'raising_agency_id'
  | 'opened_on'
  | 'origin'
  | 'immediate_risk'
  | 'referral_to'
  | 'referral_made_on'
  | 'referral_due_on'
  | 'same_day_deadline'
  | 'first_stage_ended_on'
>;

/**
 * The Deadlines screen. Each list is read from one index that holds what it shows (migration 0180),
 * in the order it is shown: a thousand cases read a few dozen neighbouring index pages, not a
 * thousand table pages scattered over a big board's file.
 */
export function overdueAndBreaches(ctx: ReadContext) {
  const today = todayIso(ctx.now);
  const profiles = profilesById(ctx.db);
  const calendar = loadCalendar(ctx.db);
  const names = listNames(ctx.db);
  // Listed cases share a few hundred dates: count the working days between two once.
  const counted = new Map<string, number>();
  const workingDays = (from: string, to: string) => {
    const key = `${from}|${to}`;
    let days = counted.get(key);
    if (days === undefined) counted.set(key, (days = workingDaysBetween(calendar, from, to)));
    return days;
  };
  // The open cases' own index, in due-date order (cases due the same day in id order).
  const openCases = (where: string, order: string, params: Record<string, string> = {}) =>
    shape(
      listedRows(
        ctx.db,
        `${selectRows()} INDEXED BY ${INDEX.escalationOpenByDue} WHERE e.status = 'open' AND ${where} ORDER BY ${order} LIMIT 1000`,
        params,
      ),
      profiles,
      names,
      today,
    );
  const overdue = openCases('e.current_due_on < @today', 'e.current_due_on, e.id', { today }).map((r) => ({
    ...r,
    workingDaysLate: workingDays(r.dueOn!, today),
  }));
  // Due today, and later this week (to Sunday).
  const dueToday = openCases('e.current_due_on = @today', 'e.id', { today });
  const dueThisWeek = openCases('e.current_due_on > @today AND e.current_due_on <= @weekEnd', 'e.current_due_on, e.id', {
    today,
    weekEnd: endOfWeek(today),
  }).map((r) => ({ ...r, workingDaysLeft: workingDays(today, r.dueOn!) }));
  // A stage with no timescale has no due date, so it is never overdue: listed here with how long
  // it has sat, longest first, so that nothing open is out of sight. Agencies' own cases (from
  // their returns) are theirs to chase, not the board's.
  const waiting = listedRows<ListedWith<string | null>>(
    ctx.db,
    `${selectRows(', (SELECT max(s.started_on) FROM stage_entry s WHERE s.escalation_id = e.id AND s.ended_on IS NULL)')}
     INDEXED BY ${INDEX.escalationOpenByDue} WHERE e.status = 'open' AND e.current_due_on IS NULL AND e.origin = 'board' ORDER BY e.id LIMIT 1000`,
  );
  const noTimescale = shape(waiting, profiles, names, today)
    .map((r, i) => {
      const startedOn = extraOf(waiting[i]!) ?? r.openedOn;
      return { ...r, stageStartedOn: startedOn, workingDaysAtStage: workingDays(startedOn, today) };
    })
    .sort((a, b) => b.workingDaysAtStage - a.workingDaysAtStage || a.id - b.id);
  // Newest first; cases opened the same day with the same referral dates in the index's (id) order, reversed.
  const breachRows = ctx.db
    .prepare(
      `SELECT e.id, e.reference, e.raising_agency_id, e.opened_on, e.origin, e.immediate_risk, e.referral_to, e.referral_made_on,
         e.referral_due_on, e.same_day_deadline, e.first_stage_ended_on
       FROM escalation e INDEXED BY ${INDEX.escalationImmediateRisk} WHERE ${breachSql('@today')} ORDER BY e.opened_on DESC LIMIT 1000`,
    )
    .all({ today }) as BreachRow[];
  const breaches = breachRows.map((r) => ({
    id: r.id,
    reference: r.reference,
    raisingAgency: names.agencies.get(r.raising_agency_id)!,
    openedOn: r.opened_on,
    breaches: breachesOf(r, today),
  }));
  // The notifications owed, from their own index; each case's reference from its row.
  const notifications = (
    ctx.db
      .prepare(
        `SELECT n.id, n.escalation_id, n.kind, n.required_since, (SELECT e.reference FROM escalation e WHERE e.id = n.escalation_id) AS reference
         FROM notification n WHERE n.made_on IS NULL ORDER BY n.required_since, n.id LIMIT 1000`,
      )
      .all() as { id: number; escalation_id: number; reference: string; kind: NotificationKind; required_since: string }[]
  ).map((n) => ({
    id: n.id,
    escalationId: n.escalation_id,
    reference: n.reference,
    kind: n.kind,
    label: NOTIFICATION_KINDS[n.kind],
    requiredSince: n.required_since,
    madeOn: null,
    madeBy: null,
    method: null,
  }));
  return {
    overdue: overdue.sort((a, b) => b.workingDaysLate - a.workingDaysLate),
    dueToday,
    dueThisWeek,
    noTimescale,
    breaches,
    notifications,
  };
}

/** The Sunday that ends the week of `today` (today itself when it is a Sunday). */
function endOfWeek(today: string): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  const toSunday = (7 - day.getUTCDay()) % 7;
  return new Date(Date.UTC(y, m - 1, d + toSunday)).toISOString().slice(0, 10);
}

/** The chair's list: resolved cases that showed a gap or weakness in the board's policy. */
export function policyGaps(ctx: ReadContext) {
  const today = todayIso(ctx.now);
  const rows = listedRows<ListedWith<string>>(
    ctx.db,
    `${selectRows(', o.policy_gap_note')} JOIN outcome o ON o.escalation_id = e.id WHERE o.policy_gap = 1 ORDER BY o.resolved_on DESC`,
  );
  const shaped = shape(rows, profilesById(ctx.db), listNames(ctx.db), today);
  return shaped.map((r, i) => ({ ...r, policyGapNote: extraOf(rows[i]!) }));
}
