// Logging an escalation: check it belongs in the register, pick the stage it starts at, work out
// its deadline, list who must be told, and write it all (and its audit entry) in one go.
import { referenceKey } from '../../../shared/domain/caseReference';
import { scopeRefusal, type EscalationCreate } from '../../../shared/domain/escalation';
import { firstStage, stageNameOf } from '../../../shared/domain/policyProfiles';
import { appendAudit } from '../audit';
import { loadCalendar } from '../calendar';
import type { WriteContext } from '../context';
import { DomainError } from '../errors';
import { requireHappened } from '../happenedOn';
import { activeProfileId, loadProfile } from '../policyVersions';
import { sameDayDeadline, stageDeadline } from './deadlines';
import { agencyName, nextEscalationId } from './rows';
import { startStage } from './stages';
import { recordRequiredNotifications } from './notifications';

export function createEscalation(ctx: WriteContext, input: EscalationCreate, origin: 'board' | 'agency_return' = 'board'): number {
  const raising = agencyName(ctx.db, input.raisingAgencyId);
  const refusal = scopeRefusal(input, raising);
  if (refusal) throw new DomainError(refusal, [{ where: 'Kind of matter', message: 'Not a multi-agency escalation' }]);

  const profileId = activeProfileId(ctx.db);
  if (profileId === null) throw new DomainError('Choose the board’s escalation policy in Settings before logging escalations.');
  const { profile } = loadProfile(ctx.db, profileId);

  const challenged = [...new Set(input.challengedAgencyIds)].filter((id) => id !== input.raisingAgencyId);
  for (const id of challenged) agencyName(ctx.db, id);
  const category = ctx.db.prepare('SELECT id FROM category WHERE id = ?').get(input.categoryId);
  if (!category)
    throw new DomainError(`There is no category with id ${input.categoryId}.`, [
      { where: 'Category', message: 'Choose a category from the list' },
    ]);

  const first = firstStage(profile).number;
  const start = input.startStage ?? first;
  if (!profile.stages.some((s) => s.number === start)) {
    throw new DomainError(`${profile.name} has no stage ${start}.`, [
      { where: 'Start at stage', message: `Choose one of stages ${profile.stages.map((s) => s.number).join(', ')}` },
    ]);
  }
  if (start !== first && !input.immediateRisk) {
    throw new DomainError(
      `An escalation starts at stage ${first} unless the child is at immediate risk of significant harm, when the worker may start higher.`,
      [{ where: 'Start at stage', message: `Start at stage ${first}, or tick immediate risk` }],
    );
  }
  requireHappened(ctx.now, input.openedOn, 'The date raised', 'Date raised');
  // The referral's date is never guessed: entered (on or after the date raised, checked by the
  // contract, and not after today), or null when the coordinator says it is not known.
  if (input.referral?.madeOn) requireHappened(ctx.now, input.referral.madeOn, 'The referral', 'Referral made on');
  const duplicate = ctx.db
    .prepare("SELECT id FROM escalation WHERE reference_key = ? AND raising_agency_id = ? AND status = 'open'")
    .get(referenceKey(input.reference), input.raisingAgencyId) as { id: number } | undefined;
  if (duplicate)
    throw new DomainError(
      `${raising} already has an open escalation with case reference ${input.reference}. Open that case instead of logging it twice.`,
      [{ where: 'Case reference', message: 'Already open' }],
    );
  // Its text was checked for children's names by the dispatcher (electron/services/caseTextGuard.ts).

  const calendar = loadCalendar(ctx.db);
  const immediate = input.immediateRisk;
  const info = ctx.db
    .prepare(
      `INSERT INTO escalation (id, reference, reference_key, child_initials, origin, profile_id, raising_agency_id, raising_worker_role, raising_worker_email,
         category_id, child_status, summary, opened_on, immediate_risk, referral_to, referral_made_on, referral_due_on, status, first_stage, highest_stage, same_day_deadline, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)`,
    )
    .run(
      nextEscalationId(ctx.db),
      input.reference,
      referenceKey(input.reference),
      input.childInitials,
      origin,
      profileId,
      input.raisingAgencyId,
      input.raisingWorkerRole,
      input.raisingWorkerEmail,
      input.categoryId,
      input.childStatus,
      input.summary,
      input.openedOn,
      immediate ? 1 : 0,
      input.referral?.to ?? null,
      input.referral?.madeOn ?? null,
      // The referral is due the same working day as the opening (DOMAIN rule 1).
      immediate ? sameDayDeadline(calendar, input.openedOn) : null,
      start,
      start,
      // Starting above the first stage is itself the same-day escalation the rule asks for.
      immediate && start === first ? sameDayDeadline(calendar, input.openedOn) : null,
      ctx.now.toISOString(),
    );
  const escalationId = Number(info.lastInsertRowid);
  const challenge = ctx.db.prepare('INSERT INTO escalation_challenged (escalation_id, agency_id) VALUES (?, ?)');
  for (const id of challenged) challenge.run(escalationId, id);

  const deadline = stageDeadline(calendar, profile, start, input.openedOn, immediate);
  startStage(ctx, escalationId, start, input.openedOn, deadline, 'Logged');
  recordRequiredNotifications(
    ctx,
    escalationId,
    { childStatus: input.childStatus, stage: start, boardManagerAtStage: profile.notifications.boardManagerAtStage },
    input.openedOn,
  );

  appendAudit(ctx, {
    action: 'escalation.create',
    entity: 'escalation',
    entityId: escalationId,
    after: {
      reference: input.reference,
      stage: start,
      stageName: stageNameOf(profile, start),
      profile: profile.name,
      immediateRisk: immediate,
      dueOn: deadline.dueOn,
      origin,
    },
  });
  return escalationId;
}
