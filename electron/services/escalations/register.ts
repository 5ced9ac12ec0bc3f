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

// What a list shows and the breach rule reads: not the case's long text, which lists never show.
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
  'referral_to',
  'referral_made_on',
  'referral_due_on',
  'same_day_deadline',
  'first_stage_ended_on',
] as const satisfies readonly (keyof EscalationRow)[];
type ListedRow = Pick<EscalationRow, (typeof LISTED)[number]> & { raising_agency: string; category: string; challenged: string | null };

// One table in FROM and the names looked up per row: the planner cannot then start from a small
// table (agency, category) and sort every case, whatever its statistics say.
const selectRows = (extra = '') => `SELECT ${LISTED.map((c) => `e.${c}`).join(', ')}${extra},
  (SELECT a.name FROM agency a WHERE a.id = e.raising_agency_id) AS raising_agency,
  (SELECT c.name FROM category c WHERE c.id = e.category_id) AS category,
  (SELECT group_concat(ca.name, ', ') FROM escalation_challenged ec JOIN agency ca ON ca.id = ec.agency_id WHERE ec.escalation_id = e.id) AS challenged
  FROM escalation e`;

function shape(rows: ListedRow[], profiles: Map<number, PolicyProfile>, today: string): RegisterRow[] {
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    childInitials: r.child_initials,
    raisingAgency: r.raising_agency,
    challengedAgencies: r.challenged ?? '',
    category: r.category,
    openedOn: r.opened_on,
    status: r.status,
    stageNumber: r.current_stage,
    stageName: r.current_stage === null ? null : stageNameOf(profiles.get(r.profile_id)!, r.current_stage),
    dueOn: r.current_due_on,
    state: r.status === 'open' ? stateOn(today, r.current_due_on, r.current_due_soon_from) : null,
    immediateRisk: r.immediate_risk === 1,
    origin: r.origin,
  }));
}

export function listRegister(ctx: ReadContext, q: Query, policy?: PagePolicy): { total: number; rows: RegisterRow[] } {
  const today = todayIso(ctx.now);
  const filter = registerFilter(ctx.db, q, today);
  const total = countMatches(ctx.db, filter);
  const ids = total === 0 ? [] : pageIds(ctx.db, filter, total, q, policy);
  if (ids.length === 0) return { total, rows: [] };
  const found = ctx.db
    .prepare(`${selectRows()} WHERE e.id IN (SELECT value FROM json_each(@ids))`)
    .all({ ids: JSON.stringify(ids) }) as ListedRow[];
  const byId = new Map(found.map((r) => [r.id, r]));
  return {
    total,
    rows: shape(
      ids.map((id) => byId.get(id)!),
      profilesById(ctx.db),
      today,
    ),
  };
}

export function overdueAndBreaches(ctx: ReadContext) {
  const today = todayIso(ctx.now);
  const profiles = profilesById(ctx.db);
  const calendar = loadCalendar(ctx.db);
  const late = ctx.db
    .prepare(`${selectRows()} WHERE e.status = 'open' AND e.current_due_on < @today ORDER BY e.current_due_on, e.id LIMIT 1000`)
    .all({ today }) as ListedRow[];
  // Late cases share a few hundred due dates: work each one out once.
  const lateBy = new Map<string, number>();
  const daysLate = (dueOn: string) => lateBy.get(dueOn) ?? lateBy.set(dueOn, workingDaysBetween(calendar, dueOn, today)).get(dueOn)!;
  const overdue = shape(late, profiles, today).map((r) => ({ ...r, workingDaysLate: daysLate(r.dueOn!) }));
  // Due today, and later this week (to Sunday): both straight from the (status, due date) index,
  // in due-date order (cases due the same day in id order, as the index keeps them).
  const dueToday = shape(
    ctx.db
      .prepare(
        `${selectRows()} INDEXED BY ${INDEX.escalationByStatusDue} WHERE e.status = 'open' AND e.current_due_on = @today ORDER BY e.id LIMIT 1000`,
      )
      .all({ today }) as ListedRow[],
    profiles,
    today,
  );
  const dueThisWeek = shape(
    ctx.db
      .prepare(
        `${selectRows()} INDEXED BY ${INDEX.escalationByStatusDue} WHERE e.status = 'open' AND e.current_due_on > @today AND e.current_due_on <= @weekEnd
         ORDER BY e.current_due_on, e.id LIMIT 1000`,
      )
      .all({ today, weekEnd: endOfWeek(today) }) as ListedRow[],
    profiles,
    today,
  ).map((r) => ({ ...r, workingDaysLeft: workingDaysBetween(calendar, today, r.dueOn!) }));
  // A stage with no timescale has no due date, so it is never overdue: listed here with how long
  // it has sat, longest first, so that nothing open is out of sight. Agencies' own cases (from
  // their returns) are theirs to chase, not the board's.
  const waiting = ctx.db
    .prepare(
      `${selectRows(', (SELECT max(s.started_on) FROM stage_entry s WHERE s.escalation_id = e.id AND s.ended_on IS NULL) AS stage_started_on')}
       INDEXED BY ${INDEX.escalationByStatusDue} WHERE e.status = 'open' AND e.current_due_on IS NULL AND e.origin = 'board' ORDER BY e.id LIMIT 1000`,
    )
    .all() as (ListedRow & { stage_started_on: string | null })[];
  const noTimescale = shape(waiting, profiles, today)
    .map((r, i) => {
      const startedOn = waiting[i]!.stage_started_on ?? r.openedOn;
      return { ...r, stageStartedOn: startedOn, workingDaysAtStage: workingDaysBetween(calendar, startedOn, today) };
    })
    .sort((a, b) => b.workingDaysAtStage - a.workingDaysAtStage || a.id - b.id);
  // The immediate-risk cases' own index holds every column the rule reads, in date order.
  const breachRows = ctx.db
    .prepare(
      `${selectRows()} INDEXED BY ${INDEX.escalationImmediateRisk} WHERE ${breachSql('@today')} ORDER BY e.opened_on DESC LIMIT 1000`,
    )
    .all({ today }) as ListedRow[];
  const breaches = breachRows.map((r) => ({
    id: r.id,
    reference: r.reference,
    raisingAgency: r.raising_agency,
    openedOn: r.opened_on,
    breaches: breachesOf(r, today),
  }));
  const notifications = (
    ctx.db
      .prepare(
        `SELECT n.*, (SELECT e.reference FROM escalation e WHERE e.id = n.escalation_id) AS reference FROM notification n
         WHERE n.made_on IS NULL ORDER BY n.required_since, n.id LIMIT 1000`,
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
  const rows = ctx.db
    .prepare(
      `${selectRows(', o.policy_gap_note')} JOIN outcome o ON o.escalation_id = e.id WHERE o.policy_gap = 1 ORDER BY o.resolved_on DESC`,
    )
    .all() as (ListedRow & { policy_gap_note: string })[];
  const shaped = shape(rows, profilesById(ctx.db), today);
  return shaped.map((r, i) => ({ ...r, policyGapNote: rows[i]!.policy_gap_note }));
}
