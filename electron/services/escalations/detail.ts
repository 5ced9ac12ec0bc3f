// One case on one screen: everything the coordinator and the chair need, shaped for display.
import { stageNameOf } from '../../../shared/domain/policyProfiles';
import {
  NOTIFICATION_KINDS,
  REFERRAL_ROUTES,
  referralTimeliness,
  type EscalationDetail,
  type NotificationKind,
  type ReferralRoute,
} from '../../../shared/domain/escalation';
import { todayIso } from '../../../shared/domain/dates';
import { loadCalendar } from '../calendar';
import { loadProfile } from '../policyVersions';
import { breachesOf } from './breaches';
import { stateOn, workingDaysLeft } from './deadlines';
import { escalationRow, type AnyDb, type StageRow } from './rows';
import { timelineFor } from './timeline';
import { currentVersion } from '../recordVersions';
import { peopleByStage } from './participants';
import { chairHasAccount, signOffRequests } from './signOff';
import type { ClosureWay } from '../../../shared/domain/signOff';
import { namesInFreeText } from '../../../shared/domain/stageParticipants';

export function getEscalation(db: AnyDb, now: Date, escalationId: number): EscalationDetail {
  const today = todayIso(now);
  const row = escalationRow(db, escalationId);
  const stored = loadProfile(db, row.profile_id);
  const profile = stored.profile;
  const stageName = (n: number) => stageNameOf(profile, n);
  const calendar = loadCalendar(db);

  const stageRows = db.prepare('SELECT * FROM stage_entry WHERE escalation_id = ? ORDER BY id').all(row.id) as StageRow[];
  const people = peopleByStage(db, row.id);
  const history = db.prepare('SELECT due_on, recorded_at, reason FROM due_date_history WHERE stage_entry_id = ? ORDER BY id');
  const stages = stageRows.map((s) => ({
    id: s.id,
    number: s.stage_number,
    name: stageName(s.stage_number),
    startedOn: s.started_on,
    countedFrom: s.counted_from,
    timescaleWorkingDays: s.timescale_days,
    dueOn: s.due_on,
    state: s.ended_on === null ? stateOn(today, s.due_on, s.due_soon_from) : null,
    endedOn: s.ended_on,
    endReason: s.end_reason,
    discussion: s.discussion,
    decision: s.decision,
    participants: s.participants,
    people: people.get(s.id) ?? [],
    namesFromText: s.participants ? namesInFreeText(s.participants) : [],
    dueDateHistory: (history.all(s.id) as { due_on: string | null; recorded_at: string; reason: string }[]).map((h) => ({
      dueOn: h.due_on,
      recordedAt: h.recorded_at,
      reason: h.reason,
    })),
  }));

  const agencies = new Map((db.prepare('SELECT id, name FROM agency').all() as { id: number; name: string }[]).map((a) => [a.id, a.name]));
  const challenged = (
    db.prepare('SELECT agency_id FROM escalation_challenged WHERE escalation_id = ?').all(row.id) as { agency_id: number }[]
  ).map((c) => ({ id: c.agency_id, name: agencies.get(c.agency_id) ?? '' }));
  const category = db.prepare('SELECT id, name FROM category WHERE id = ?').get(row.category_id) as { id: number; name: string };
  const notifications = (
    db.prepare('SELECT * FROM notification WHERE escalation_id = ? ORDER BY id').all(row.id) as {
      id: number;
      kind: NotificationKind;
      required_since: string;
      made_on: string | null;
      made_by: string | null;
      method: string | null;
    }[]
  ).map((n) => ({
    id: n.id,
    kind: n.kind,
    label: NOTIFICATION_KINDS[n.kind],
    requiredSince: n.required_since,
    madeOn: n.made_on,
    madeBy: n.made_by,
    method: n.method,
  }));
  const outcome = db.prepare('SELECT * FROM outcome WHERE escalation_id = ?').get(row.id) as
    | {
        resolved_on: string;
        statement: string;
        effect: 'upheld' | 'changed' | 'partly_changed';
        agreed_by: string;
        policy_gap: 0 | 1;
        policy_gap_note: string;
      }
    | undefined;
  const themes = db
    .prepare(
      'SELECT t.id, t.name FROM escalation_theme et JOIN learning_theme t ON t.id = et.theme_id WHERE et.escalation_id = ? ORDER BY t.name',
    )
    .all(row.id) as { id: number; name: string }[];
  const actions = (
    db.prepare('SELECT * FROM outcome_action WHERE escalation_id = ? ORDER BY id').all(row.id) as {
      id: number;
      description: string;
      owner: string;
      due_on: string;
      done_on: string | null;
    }[]
  ).map((a) => ({
    id: a.id,
    description: a.description,
    owner: a.owner,
    dueOn: a.due_on,
    doneOn: a.done_on,
  }));
  const withdrawal = db.prepare('SELECT on_date, reason FROM escalation_withdrawal WHERE escalation_id = ?').get(row.id) as
    { on_date: string; reason: string } | undefined;
  const closure = db.prepare('SELECT on_date, chair_name, how FROM escalation_closure WHERE escalation_id = ?').get(row.id) as
    { on_date: string; chair_name: string; how: ClosureWay | null } | undefined;
  const current = row.current_stage;
  const imported =
    row.legacy_import_id === null
      ? undefined
      : (db.prepare('SELECT file_name FROM legacy_import WHERE id = ?').get(row.legacy_import_id) as { file_name: string } | undefined);

  return {
    version: currentVersion(db, 'case', row.id),
    id: row.id,
    reference: row.reference,
    childInitials: row.child_initials,
    origin: row.origin,
    importedFrom: imported ? { fileName: imported.file_name, row: row.legacy_row! } : null,
    profile: {
      id: stored.id,
      name: profile.name,
      version: stored.version,
      panelRuleKind: profile.panelRule.kind,
      lastStep: profile.lastStep,
      referralRoute: profile.referralRoute,
    },
    raisingAgency: { id: row.raising_agency_id, name: agencies.get(row.raising_agency_id) ?? '' },
    raisingWorkerRole: row.raising_worker_role,
    raisingWorkerEmail: row.raising_worker_email,
    challengedAgencies: challenged,
    category,
    childStatus: row.child_status,
    summary: row.summary,
    openedOn: row.opened_on,
    immediateRisk: row.immediate_risk === 1,
    referral:
      row.referral_to === null
        ? null
        : {
            to: REFERRAL_ROUTES[row.referral_to as ReferralRoute] ?? row.referral_to,
            madeOn: row.referral_made_on,
            dueOn: row.referral_due_on ?? row.opened_on,
            timeliness: referralTimeliness(row.referral_to, row.referral_made_on, row.referral_due_on ?? row.opened_on),
            unconfirmedOn: row.referral_unconfirmed_on,
          },
    status: row.status,
    currentStage:
      current === null
        ? null
        : {
            number: current,
            name: stageName(current),
            dueOn: row.current_due_on,
            state: stateOn(today, row.current_due_on, row.current_due_soon_from),
            workingDaysLeft: workingDaysLeft(calendar, today, row.current_due_on),
          },
    highestStage: row.highest_stage,
    nextStages:
      current === null
        ? []
        : profile.stages
            .filter((s) => (row.immediate_risk === 1 ? s.number > current : s.number === current + 1))
            .map((s) => ({ number: s.number, name: s.name })),
    stages,
    breaches: breachesOf(row, today),
    notifications,
    outcome: outcome
      ? {
          resolvedOn: outcome.resolved_on,
          statement: outcome.statement,
          effect: outcome.effect,
          agreedBy: outcome.agreed_by,
          policyGap: outcome.policy_gap === 1,
          policyGapNote: outcome.policy_gap_note,
          themes,
        }
      : null,
    actions,
    withdrawn: withdrawal ? { on: withdrawal.on_date, reason: withdrawal.reason } : null,
    closed: closure ? { on: closure.on_date, chairName: closure.chair_name, how: closure.how } : null,
    signOff: { chairHasAccount: chairHasAccount(db), requests: signOffRequests(db, row.id) },
    timeline: timelineFor(db, row.id),
  };
}
