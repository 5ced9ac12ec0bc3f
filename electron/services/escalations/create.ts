// Logging an escalation on the form: check it belongs in the register and pick the stage it starts
// at; intake.ts writes it (its deadline, who must be told, its audit entry) as every case is written.
import { referenceKey } from '../../../shared/domain/caseReference';
import { scopeRefusal, type EscalationCreate } from '../../../shared/domain/escalation';
import { firstStage, stageNameOf } from '../../../shared/domain/policyProfiles';
import { statement } from '../../db/statements';
import type { WriteContext } from '../context';
import { DomainError } from '../errors';
import { requireHappened } from '../happenedOn';
import { activeProfileId, loadProfile } from '../policyVersions';
import { agencyName } from './rows';
import { takeInCase } from './intake';

export function createEscalation(ctx: WriteContext, input: EscalationCreate): number {
  const raising = agencyName(ctx.db, input.raisingAgencyId);
  const refusal = scopeRefusal(input, raising);
  if (refusal) throw new DomainError(refusal, [{ where: 'Kind of matter', message: 'Not a multi-agency escalation' }]);

  const profileId = activeProfileId(ctx.db);
  if (profileId === null) throw new DomainError('Choose the board’s escalation policy in Settings before logging escalations.');
  const { profile } = loadProfile(ctx.db, profileId);

  const challenged = [...new Set(input.challengedAgencyIds)].filter((id) => id !== input.raisingAgencyId);
  for (const id of challenged) agencyName(ctx.db, id);
  const category = statement(ctx.db, 'SELECT id FROM category WHERE id = ?').get(input.categoryId);
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
  const duplicate = statement(
    ctx.db,
    "SELECT id FROM escalation WHERE reference_key = ? AND raising_agency_id = ? AND status = 'open'",
  ).get(referenceKey(input.reference), input.raisingAgencyId) as { id: number } | undefined;
  if (duplicate)
    throw new DomainError(
      `${raising} already has an open escalation with case reference ${input.reference}. Open that case instead of logging it twice.`,
      [{ where: 'Case reference', message: 'Already open' }],
    );
  // Its text was checked for children's names by the dispatcher (electron/services/caseTextGuard.ts).

  const written = takeInCase(
    ctx,
    {
      ...input,
      profileId,
      challengedAgencyIds: challenged,
      stages: [{ number: start, startedOn: input.openedOn }],
      ending: null,
      themeIds: [],
      source: { kind: 'form' },
    },
    ({ stages }) => ({
      action: 'escalation.create',
      after: {
        reference: input.reference,
        stage: start,
        stageName: stageNameOf(profile, start),
        profile: profile.name,
        immediateRisk: input.immediateRisk,
        dueOn: stages[0]!.dueOn,
        origin: 'board',
      },
    }),
  );
  return written.id;
}
