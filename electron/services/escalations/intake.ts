// The one way a case comes into the register: the form (create.ts), an agency's return, a legacy
// register and the demo seed all write a case here, with whatever history it arrives with, in its
// final form: each row inserted once, nothing updated after. Inserting once is what keeps a bulk
// load near the raw insert rate: every update of a case fires the register's and the dashboard's
// triggers again (migration 0090). The callers check their own input first; this checks only what
// would make the case's rows disagree with each other.
import { referenceKey } from '../../../shared/domain/caseReference';
import type { ChildStatus, OutcomeEffect, ReferralRoute } from '../../../shared/domain/escalation';
import { firstStage, type PolicyProfile } from '../../../shared/domain/policyProfiles';
import type { WorkingCalendar } from '../../../shared/domain/workingDays';
import { statement } from '../../db/statements';
import { appendAudit, type AuditChange } from '../audit';
import { loadCalendar } from '../calendar';
import type { WriteContext } from '../context';
import { DomainError } from '../errors';
import { loadProfile } from '../policyVersions';
import { cachedIn } from '../bulkWrite';
import { sameDayDeadline, stageDeadline, type StageDeadline } from './deadlines';
import { recordRequiredNotifications } from './notifications';
import { nextEscalationId } from './rows';
import { withinTimescale } from './stages';

/** A stage the case has been through (or is at): tracked stages get the policy's deadline. */
export interface StageIn {
  number: number;
  startedOn: string;
}

export type EndingIn =
  | {
      kind: 'resolved';
      on: string;
      effect: OutcomeEffect;
      statement: string;
      agreedBy: string;
      policyGap: boolean;
      policyGapNote: string;
    }
  | { kind: 'withdrawn'; on: string; reason: string };

/** Where a case came from, when not logged on the form: kept on the case and named in its history. */
export type SourceIn =
  | { kind: 'form' }
  | { kind: 'seed' }
  | { kind: 'agency_return'; returnId: number; chairInvolved: boolean; meetingHeld: boolean; panelConvened: boolean; label: string }
  | { kind: 'legacy'; importId: number; sheetRow: number; label: string };

export interface CaseIn {
  reference: string;
  childInitials: string;
  profileId: number;
  raisingAgencyId: number;
  raisingWorkerRole: string;
  raisingWorkerEmail: string;
  challengedAgencyIds: number[];
  categoryId: number;
  childStatus: ChildStatus;
  summary: string;
  openedOn: string;
  immediateRisk: boolean;
  referral: { to: ReferralRoute; madeOn: string | null } | null;
  /** In order, at least one; each after the one before. The last is open unless the case has ended. */
  stages: StageIn[];
  ending: EndingIn | null;
  /** Learning themes already known (a return's theme column); a case resolved on the form adds its own. */
  themeIds: number[];
  source: SourceIn;
}

/** What was written, for the caller's audit entry. */
export interface CaseWritten {
  id: number;
  profile: PolicyProfile;
  stages: (StageIn & StageDeadline & { endedOn: string | null })[];
}

/**
 * Cases from a return or a legacy register were run elsewhere: their one known stage is recorded
 * without a deadline (the board cannot say it was late), and no notification is asked for now.
 */
const runHere = (source: SourceIn) => source.kind === 'form' || source.kind === 'seed';

function stageEnds(c: CaseIn): (string | null)[] {
  return c.stages.map((s, i) => c.stages[i + 1]?.startedOn ?? c.ending?.on ?? null);
}

function checkHistory(c: CaseIn, profile: PolicyProfile): void {
  if (c.stages.length === 0) throw new DomainError(`Case ${c.reference} has no stage to start at.`);
  let on = c.openedOn;
  let number = Number.NEGATIVE_INFINITY;
  for (const s of c.stages) {
    if (!profile.stages.some((p) => p.number === s.number))
      throw new DomainError(`${profile.name} has no stage ${s.number}.`, [{ where: 'Stage', message: 'Not a stage of the policy' }]);
    if (s.number <= number || s.startedOn < on)
      throw new DomainError(`Case ${c.reference}’s stages must go up, each on or after the one before.`);
    on = s.startedOn;
    number = s.number;
  }
  if (c.ending && c.ending.on < on) throw new DomainError(`Case ${c.reference} cannot end before its last stage started.`);
}

function insertCase(
  ctx: WriteContext,
  c: CaseIn,
  id: number,
  profile: PolicyProfile,
  stages: CaseWritten['stages'],
  calendar: WorkingCalendar,
): void {
  const last = stages[stages.length - 1]!;
  const open = c.ending === null;
  const ending = c.ending;
  const sameDay = c.immediateRisk ? sameDayDeadline(calendar, c.openedOn) : null;
  const source = c.source;
  statement(
    ctx.db,
    `INSERT INTO escalation (id, reference, reference_key, child_initials, origin, profile_id, raising_agency_id, raising_worker_role, raising_worker_email,
       category_id, child_status, summary, opened_on, immediate_risk, referral_to, referral_made_on, referral_due_on, status, first_stage, highest_stage,
       current_stage, current_due_on, current_due_soon_from, same_day_deadline, first_stage_ended_on, ended_on, resolved_on, outcome_effect,
       within_timescale, withdrawn_on, created_at, agency_return_id, return_chair_involved, return_meeting_held, return_panel_convened,
       legacy_import_id, legacy_row)
     VALUES (@id, @reference, @referenceKey, @initials, @origin, @profileId, @raising, @role, @email, @category, @childStatus, @summary, @openedOn,
       @immediate, @referralTo, @referralMadeOn, @referralDueOn, @status, @first, @highest, @currentStage, @currentDueOn, @currentDueSoonFrom,
       @sameDay, @firstEnded, @endedOn, @resolvedOn, @effect, @within, @withdrawnOn, @createdAt, @returnId, @chair, @meeting, @panel,
       @legacyImportId, @legacyRow)`,
  ).run({
    id,
    reference: c.reference,
    referenceKey: referenceKey(c.reference),
    initials: c.childInitials,
    origin: source.kind === 'agency_return' ? 'agency_return' : 'board',
    profileId: c.profileId,
    raising: c.raisingAgencyId,
    role: c.raisingWorkerRole,
    email: c.raisingWorkerEmail,
    category: c.categoryId,
    childStatus: c.childStatus,
    summary: c.summary,
    openedOn: c.openedOn,
    immediate: c.immediateRisk ? 1 : 0,
    referralTo: c.referral?.to ?? null,
    referralMadeOn: c.referral?.madeOn ?? null,
    // The referral is due the same working day as the opening (DOMAIN rule 1).
    referralDueOn: runHere(source) ? sameDay : null,
    status: ending?.kind ?? 'open',
    first: stages[0]!.number,
    highest: last.number,
    currentStage: open ? last.number : null,
    currentDueOn: open ? last.dueOn : null,
    currentDueSoonFrom: open ? last.dueSoonFrom : null,
    // Starting above the first stage is itself the same-day escalation the rule asks for.
    sameDay: runHere(source) && stages[0]!.number === firstStage(profile).number ? sameDay : null,
    firstEnded: stages[0]!.endedOn,
    endedOn: ending?.on ?? null,
    resolvedOn: ending?.kind === 'resolved' ? ending.on : null,
    effect: ending?.kind === 'resolved' ? ending.effect : null,
    within: ending?.kind === 'resolved' ? withinTimescale(stages) : null,
    withdrawnOn: ending?.kind === 'withdrawn' ? ending.on : null,
    createdAt: ctx.now.toISOString(),
    returnId: source.kind === 'agency_return' ? source.returnId : null,
    chair: source.kind === 'agency_return' && source.chairInvolved ? 1 : 0,
    meeting: source.kind === 'agency_return' && source.meetingHeld ? 1 : 0,
    panel: source.kind === 'agency_return' && source.panelConvened ? 1 : 0,
    legacyImportId: source.kind === 'legacy' ? source.importId : null,
    legacyRow: source.kind === 'legacy' ? source.sheetRow : null,
  });
}

function insertStages(ctx: WriteContext, c: CaseIn, id: number, profile: PolicyProfile, stages: CaseWritten['stages']): void {
  const at = ctx.now.toISOString();
  const endReason = c.ending?.kind ?? null;
  stages.forEach((s, i) => {
    const stageId = Number(
      statement(
        ctx.db,
        'INSERT INTO stage_entry (escalation_id, stage_number, started_on, timescale_days, due_on, due_soon_from, ended_on, end_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
        id,
        s.number,
        s.startedOn,
        s.timescaleWorkingDays,
        s.dueOn,
        s.dueSoonFrom,
        s.endedOn,
        i < stages.length - 1 ? 'escalated' : endReason,
      ).lastInsertRowid,
    );
    const reason =
      c.source.kind === 'agency_return' || c.source.kind === 'legacy'
        ? `${c.source.kind === 'legacy' ? 'Imported from' : 'Reported in'} ${c.source.label}: no deadline tracked`
        : i === 0
          ? 'Logged'
          : `Moved up to stage ${s.number}`;
    statement(ctx.db, 'INSERT INTO due_date_history (stage_entry_id, due_on, recorded_at, reason) VALUES (?, ?, ?, ?)').run(
      stageId,
      s.dueOn,
      at,
      reason,
    );
    if (runHere(c.source))
      recordRequiredNotifications(
        ctx,
        id,
        { childStatus: c.childStatus, stage: s.number, boardManagerAtStage: profile.notifications.boardManagerAtStage },
        s.startedOn,
      );
  });
}

function insertEnding(ctx: WriteContext, id: number, ending: EndingIn): void {
  if (ending.kind === 'withdrawn') {
    statement(ctx.db, 'INSERT INTO escalation_withdrawal (escalation_id, on_date, reason) VALUES (?, ?, ?)').run(
      id,
      ending.on,
      ending.reason,
    );
    return;
  }
  statement(
    ctx.db,
    'INSERT INTO outcome (escalation_id, resolved_on, statement, effect, agreed_by, policy_gap, policy_gap_note) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(id, ending.on, ending.statement, ending.effect, ending.agreedBy, ending.policyGap ? 1 : 0, ending.policyGapNote);
}

/**
 * Writes a case and its history, and the one audit entry `describe` gives for it. Runs inside the
 * caller's transaction; inside a bulk write (bulkWrite.ts) its lookups are read once.
 */
export function takeInCase(
  ctx: WriteContext,
  c: CaseIn,
  describe: (written: CaseWritten) => Omit<AuditChange, 'entity' | 'entityId'>,
): CaseWritten {
  const { profile } = loadProfile(ctx.db, c.profileId);
  checkHistory(c, profile);
  const calendar = loadCalendar(ctx.db);
  const ends = stageEnds(c);
  const untracked: StageDeadline = { timescaleWorkingDays: null, dueOn: null, dueSoonFrom: null };
  const deadline = (s: StageIn) =>
    cachedIn(
      ctx.db,
      (b) => b.deadlines,
      `${c.profileId}:${s.number}:${s.startedOn}:${c.immediateRisk}`,
      () => stageDeadline(calendar, profile, s.number, s.startedOn, c.immediateRisk),
    );
  const stages = c.stages.map((s, i) => ({ ...s, ...(runHere(c.source) ? deadline(s) : untracked), endedOn: ends[i]! }));
  const id = nextEscalationId(ctx.db);
  insertCase(ctx, c, id, profile, stages, calendar);
  const challenge = statement(ctx.db, 'INSERT INTO escalation_challenged (escalation_id, agency_id) VALUES (?, ?)');
  for (const agency of new Set(c.challengedAgencyIds)) if (agency !== c.raisingAgencyId) challenge.run(id, agency);
  insertStages(ctx, c, id, profile, stages);
  if (c.ending) insertEnding(ctx, id, c.ending);
  for (const theme of new Set(c.themeIds))
    statement(ctx.db, 'INSERT INTO escalation_theme (escalation_id, theme_id) VALUES (?, ?)').run(id, theme);
  const written = { id, profile, stages };
  appendAudit(ctx, { ...describe(written), entity: 'escalation', entityId: id });
  return written;
}
