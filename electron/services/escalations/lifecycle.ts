// Everything that happens to an open escalation after it is logged. Each action checks the case's
// state, writes its change and appends one audit entry; the dispatcher's transaction makes it whole.
import { referenceKey } from '../../../shared/domain/caseReference';
import {
  CORRECTABLE_FIELDS,
  CHILD_STATUSES,
  type ChildStatus,
  type CorrectableField,
  type OutcomeEffect,
  type ReferralRoute,
} from '../../../shared/domain/escalation';
import { CASE_REFERENCE, INITIALS } from '../../../shared/domain/childIdentifiers';
import { formatUkDate } from '../../../shared/domain/dates';
import { appendAudit } from '../audit';
import { loadCalendar } from '../calendar';
import type { WriteContext } from '../context';
import { DomainError, NotFoundError } from '../errors';
import { requireHappened } from '../happenedOn';
import { loadProfile } from '../policyVersions';
import { sameDayDeadline, stageDeadline } from './deadlines';
import { escalationRow, openStage, requireNotBefore, requireOpen } from './rows';
import { endStage, markResolved, markWithdrawn, startStage } from './stages';
import { describeStagePeople, replaceStagePeople } from './participants';
import { recordRequiredNotifications } from './notifications';
import type { StageParticipantInput } from '../../../shared/domain/stageParticipants';

export function escalate(ctx: WriteContext, input: { escalationId: number; toStage: number; on: string; reason: string }): void {
  const row = escalationRow(ctx.db, input.escalationId);
  requireOpen(row, 'moved up a stage');
  const { profile } = loadProfile(ctx.db, row.profile_id);
  const current = row.current_stage!;
  const target = profile.stages.find((s) => s.number === input.toStage);
  if (!target || input.toStage <= current) {
    const higher = profile.stages.filter((s) => s.number > current).map((s) => s.number);
    throw new DomainError(
      higher.length === 0
        ? `Escalation ${row.reference} is at the last stage of ${profile.name}; it can be resolved or withdrawn, not moved up.`
        : `Choose a stage above ${current}: ${higher.join(', ')}.`,
      [{ where: 'Move to stage', message: higher.length === 0 ? 'No higher stage' : `Choose one of ${higher.join(', ')}` }],
    );
  }
  // One stage at a time, unless the child is at immediate risk (the worker may jump).
  if (input.toStage !== current + 1 && row.immediate_risk !== 1) {
    throw new DomainError(
      `An escalation moves up one stage at a time (to stage ${current + 1}) unless the child is at immediate risk of significant harm.`,
      [{ where: 'Move to stage', message: `Choose stage ${current + 1}` }],
    );
  }
  const stage = openStage(ctx.db, row.id)!;
  requireNotBefore(input.on, stage.started_on, 'Moving up a stage', 'Date');
  requireHappened(ctx.now, input.on, 'The move up a stage', 'Date moved');
  endStage(ctx, row.id, input.on, 'escalated');
  const deadline = stageDeadline(loadCalendar(ctx.db), profile, input.toStage, input.on, row.immediate_risk === 1);
  startStage(ctx, row.id, input.toStage, input.on, deadline, `Moved up to stage ${input.toStage}`);
  recordRequiredNotifications(
    ctx,
    row.id,
    { childStatus: row.child_status, stage: input.toStage, boardManagerAtStage: profile.notifications.boardManagerAtStage },
    input.on,
  );
  appendAudit(ctx, {
    action: 'escalation.escalate',
    entity: 'escalation',
    entityId: row.id,
    before: { stage: current },
    after: { stage: input.toStage, stageName: target.name, on: input.on, reason: input.reason, dueOn: deadline.dueOn },
  });
}

export function recordStage(
  ctx: WriteContext,
  input: {
    escalationId: number;
    discussion: string;
    decision: string;
    participants: string;
    people?: StageParticipantInput[];
    confirmedNoChildName: boolean;
  },
): void {
  const row = escalationRow(ctx.db, input.escalationId);
  requireOpen(row, 'updated');
  const stage = openStage(ctx.db, row.id)!;
  ctx.db
    .prepare('UPDATE stage_entry SET discussion = ?, decision = ?, participants = ? WHERE id = ?')
    .run(input.discussion, input.decision, input.participants, stage.id);
  const peopleBefore = describeStagePeople(ctx.db, stage.id);
  const peopleAfter = input.people === undefined ? peopleBefore : replaceStagePeople(ctx, stage.id, input.people);
  appendAudit(ctx, {
    action: 'escalation.recordStage',
    entity: 'escalation',
    entityId: row.id,
    before: {
      stage: stage.stage_number,
      discussion: stage.discussion,
      decision: stage.decision,
      participants: stage.participants,
      people: peopleBefore,
    },
    after: {
      stage: stage.stage_number,
      discussion: input.discussion,
      decision: input.decision,
      participants: input.participants,
      people: peopleAfter,
    },
  });
}

/**
 * Records the referral of a child at immediate risk, or the date of one recorded as not known.
 * A known date is never overwritten here: changing it is a correction.
 */
export function recordReferral(ctx: WriteContext, input: { escalationId: number; to: ReferralRoute; madeOn: string | null }): void {
  const row = escalationRow(ctx.db, input.escalationId);
  if (row.referral_made_on)
    throw new DomainError(`A referral was already recorded on ${formatUkDate(row.referral_made_on)}. To change it, record a correction.`);
  if (row.referral_to !== null && input.madeOn === null)
    throw new DomainError('The referral is already recorded with its date not known. Enter the date it was made, once it is known.', [
      { where: 'Referral made on', message: 'Enter the date the referral was made' },
    ]);
  if (input.madeOn !== null) {
    requireNotBefore(input.madeOn, row.opened_on, 'The referral', 'Referral made on');
    requireHappened(ctx.now, input.madeOn, 'The referral', 'Referral made on');
  }
  ctx.db
    .prepare('UPDATE escalation SET referral_to = ?, referral_made_on = ?, referral_due_on = coalesce(referral_due_on, ?) WHERE id = ?')
    .run(input.to, input.madeOn, sameDayDeadline(loadCalendar(ctx.db), row.opened_on), row.id);
  appendAudit(ctx, {
    action: 'escalation.recordReferral',
    entity: 'escalation',
    entityId: row.id,
    before: row.referral_to === null ? undefined : { to: row.referral_to, madeOn: null, unconfirmedOn: row.referral_unconfirmed_on },
    after: { to: input.to, madeOn: input.madeOn },
  });
}

export function recordNotification(
  ctx: WriteContext,
  input: { notificationId: number; madeOn: string; madeBy: string; method: string },
): number {
  const n = ctx.db.prepare('SELECT * FROM notification WHERE id = ?').get(input.notificationId) as
    { id: number; escalation_id: number; kind: string; made_on: string | null } | undefined;
  if (!n) throw new NotFoundError(`There is no notification with id ${input.notificationId}.`);
  if (n.made_on) throw new DomainError(`That notification was already recorded as made on ${formatUkDate(n.made_on)}.`);
  requireHappened(ctx.now, input.madeOn, 'The notification', 'Told on');
  ctx.db
    .prepare('UPDATE notification SET made_on = ?, made_by = ?, method = ? WHERE id = ?')
    .run(input.madeOn, input.madeBy, input.method, n.id);
  appendAudit(ctx, {
    action: 'escalation.recordNotification',
    entity: 'escalation',
    entityId: n.escalation_id,
    after: { kind: n.kind, madeOn: input.madeOn, madeBy: input.madeBy, method: input.method },
  });
  return n.escalation_id;
}

export interface ResolveInput {
  escalationId: number;
  resolvedOn: string;
  statement: string;
  effect: OutcomeEffect;
  agreedBy: string;
  actions: { description: string; owner: string; dueOn: string }[];
  themeIds: number[];
  policyGap: boolean;
  policyGapNote: string;
  confirmedNoChildName: boolean;
}

/** The one outcome path: the register's resolve form and a resolution panel's decision both end here. */
export function resolve(ctx: WriteContext, input: ResolveInput): void {
  const row = escalationRow(ctx.db, input.escalationId);
  requireOpen(row, 'resolved');
  requireNotBefore(input.resolvedOn, openStage(ctx.db, row.id)!.started_on, 'The resolution date', 'Date resolved');
  requireHappened(ctx.now, input.resolvedOn, 'The outcome', 'Resolved on');
  for (const themeId of input.themeIds) {
    if (!ctx.db.prepare('SELECT 1 FROM learning_theme WHERE id = ?').get(themeId))
      throw new DomainError(`There is no learning theme with id ${themeId}.`, [
        { where: 'Learning themes', message: 'Choose from the board’s themes' },
      ]);
  }
  endStage(ctx, row.id, input.resolvedOn, 'resolved');
  ctx.db
    .prepare(
      'INSERT INTO outcome (escalation_id, resolved_on, statement, effect, agreed_by, policy_gap, policy_gap_note) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(row.id, input.resolvedOn, input.statement, input.effect, input.agreedBy, input.policyGap ? 1 : 0, input.policyGapNote);
  const action = ctx.db.prepare('INSERT INTO outcome_action (escalation_id, description, owner, due_on) VALUES (?, ?, ?, ?)');
  for (const a of input.actions) action.run(row.id, a.description, a.owner, a.dueOn);
  const theme = ctx.db.prepare('INSERT OR IGNORE INTO escalation_theme (escalation_id, theme_id) VALUES (?, ?)');
  for (const t of input.themeIds) theme.run(row.id, t);
  markResolved(ctx, row.id, input.resolvedOn, input.effect);
  appendAudit(ctx, {
    action: 'escalation.resolve',
    entity: 'escalation',
    entityId: row.id,
    before: { status: 'open', stage: row.current_stage },
    after: {
      status: 'resolved',
      resolvedOn: input.resolvedOn,
      effect: input.effect,
      statement: input.statement,
      agreedBy: input.agreedBy,
      actions: input.actions,
      themeIds: input.themeIds,
      policyGap: input.policyGap,
      policyGapNote: input.policyGapNote,
    },
  });
}

export function withdraw(ctx: WriteContext, input: { escalationId: number; on: string; reason: string }): void {
  const row = escalationRow(ctx.db, input.escalationId);
  requireOpen(row, 'withdrawn');
  requireNotBefore(input.on, row.opened_on, 'Withdrawal', 'Date');
  requireHappened(ctx.now, input.on, 'The withdrawal', 'Withdrawn on');
  endStage(ctx, row.id, input.on, 'withdrawn');
  ctx.db.prepare('INSERT INTO escalation_withdrawal (escalation_id, on_date, reason) VALUES (?, ?, ?)').run(row.id, input.on, input.reason);
  markWithdrawn(ctx, row.id, input.on);
  appendAudit(ctx, {
    action: 'escalation.withdraw',
    entity: 'escalation',
    entityId: row.id,
    before: { status: 'open' },
    after: { status: 'withdrawn', on: input.on, reason: input.reason },
  });
}

export function actionDone(ctx: WriteContext, input: { actionId: number; doneOn: string }): number {
  const a = ctx.db.prepare('SELECT * FROM outcome_action WHERE id = ?').get(input.actionId) as
    { id: number; escalation_id: number; description: string; done_on: string | null } | undefined;
  if (!a) throw new NotFoundError(`There is no action with id ${input.actionId}.`);
  if (a.done_on) throw new DomainError(`That action was already done on ${formatUkDate(a.done_on)}.`);
  requireHappened(ctx.now, input.doneOn, 'The action', 'Date used for “Mark done”');
  ctx.db.prepare('UPDATE outcome_action SET done_on = ? WHERE id = ?').run(input.doneOn, a.id);
  appendAudit(ctx, {
    action: 'escalation.actionDone',
    entity: 'escalation',
    entityId: a.escalation_id,
    after: { actionId: a.id, description: a.description, doneOn: input.doneOn },
  });
  return a.escalation_id;
}

const COLUMN: Record<CorrectableField, string> = {
  reference: 'reference',
  childInitials: 'child_initials',
  categoryId: 'category_id',
  childStatus: 'child_status',
  summary: 'summary',
  raisingWorkerRole: 'raising_worker_role',
  raisingWorkerEmail: 'raising_worker_email',
};

function checkCorrection(ctx: WriteContext, field: CorrectableField, value: string | number): string | number {
  const label = CORRECTABLE_FIELDS[field];
  const bad = (message: string) => new DomainError(`${label}: ${message}`, [{ where: label, message }]);
  if (field === 'categoryId') {
    if (typeof value !== 'number' || !ctx.db.prepare('SELECT 1 FROM category WHERE id = ?').get(value))
      throw bad('choose a category from the list');
    return value;
  }
  if (typeof value !== 'string') throw bad('give the new value as text');
  const text = value.trim();
  if (field === 'reference' && !CASE_REFERENCE.test(text)) throw bad('letters, digits, “-”, “/” or “_”, up to 30 characters, no spaces');
  if (field === 'childInitials' && text !== '' && !INITIALS.test(text.replace(/[.\s]/g, ''))) throw bad('1 to 4 letters');
  if (field === 'childStatus' && !(text in CHILD_STATUSES)) throw bad(`one of ${Object.keys(CHILD_STATUSES).join(', ')}`);
  if ((field === 'summary' || field === 'raisingWorkerRole') && text.length === 0) throw bad('cannot be empty');
  if (field === 'raisingWorkerEmail' && text !== '' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text))
    throw bad('enter an e-mail address like name@agency.gov.uk');
  return field === 'childInitials' ? text.replace(/[.\s]/g, '').toUpperCase() : text;
}

/** A correction is a new audit entry that says what it corrects and why; the field takes the new value. */
export function correct(
  ctx: WriteContext,
  input: { escalationId: number; field: CorrectableField; value: string | number; reason: string; confirmedNoChildName: boolean },
): void {
  const row = escalationRow(ctx.db, input.escalationId);
  const value = checkCorrection(ctx, input.field, input.value);
  const column = COLUMN[input.field];
  const before = (row as unknown as Record<string, unknown>)[column];
  ctx.db.prepare(`UPDATE escalation SET ${column} = ? WHERE id = ?`).run(value, row.id);
  if (input.field === 'reference')
    ctx.db.prepare('UPDATE escalation SET reference_key = ? WHERE id = ?').run(referenceKey(String(value)), row.id);
  if (input.field === 'childStatus' && row.status === 'open') {
    const { profile } = loadProfile(ctx.db, row.profile_id);
    recordRequiredNotifications(
      ctx,
      row.id,
      { childStatus: value as ChildStatus, stage: row.current_stage!, boardManagerAtStage: profile.notifications.boardManagerAtStage },
      ctx.now.toISOString().slice(0, 10),
    );
  }
  // The entry that last set this detail: an earlier correction of it, or the logging of the case.
  const lastEntry = ctx.db
    .prepare(
      `SELECT id FROM audit_entry WHERE entity = 'escalation' AND entity_id = ?
         AND (action = 'escalation.create' OR (action = 'escalation.correct' AND json_extract(after_json, '$.field') = ?))
       ORDER BY id DESC LIMIT 1`,
    )
    .get(row.id, input.field) as { id: number } | undefined;
  appendAudit(ctx, {
    action: 'escalation.correct',
    entity: 'escalation',
    entityId: row.id,
    before: { field: input.field, value: before },
    after: { field: input.field, value, reason: input.reason },
    correctsEntryId: lastEntry?.id ?? null,
  });
}
