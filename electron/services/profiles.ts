// Changing the board's policy: choosing a profile, saving an edited copy as a new version,
// correcting a timescale (reading stored versions is policyVersions.ts).
import { z } from 'zod';
import { editProfile, policyProfileSchema, type PolicyProfile } from '../../shared/domain/policyProfiles';
import { activeProfileId, loadProfile } from './policyVersions';
import { appendAudit } from './audit';
import type { WriteContext } from './context';
import { DomainError } from './errors';
import { reworkOpenDueDates } from './escalations/dueDates';
import { problemsFromZod } from '../../shared/problems';

export function chooseProfile(ctx: WriteContext, profileId: number): void {
  const chosen = loadProfile(ctx.db, profileId);
  const before = activeProfileId(ctx.db);
  ctx.db
    .prepare("INSERT INTO board_setting (key, value) VALUES ('active_profile_id', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
    .run(String(profileId));
  appendAudit(ctx, {
    action: 'board.chooseProfile',
    entity: 'board',
    entityId: null,
    before: { activeProfileId: before },
    after: { activeProfileId: profileId, name: chosen.profile.name, version: chosen.version },
  });
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'profile'
  );
}

/** Saves an edited copy of a profile as a new version and makes it the board's policy. */
export function saveEditedProfile(
  ctx: WriteContext,
  input: {
    baseProfileId: number;
    name: string;
    stages: { number: number; name: string; timescaleWorkingDays: number | null }[];
    panelRule: PolicyProfile['panelRule'];
  },
): number {
  const base = loadProfile(ctx.db, input.baseProfileId).profile;
  const key = `board-${slug(input.name)}`;
  const stages = input.stages.map((edit) => {
    const original = base.stages.find((s) => s.number === edit.number);
    return { ...(original ?? { description: edit.name }), ...edit };
  });
  let profile: PolicyProfile;
  try {
    profile = editProfile(base, { key, name: input.name, stages, panelRule: input.panelRule });
  } catch (error) {
    if (error instanceof z.ZodError)
      throw new DomainError('The edited policy was not saved: some details need correcting.', problemsFromZod(error));
    throw error;
  }
  const latest = ctx.db.prepare('SELECT max(version) AS v FROM policy_profile WHERE key = ?').get(key) as { v: number | null };
  const version = (latest.v ?? 0) + 1;
  const info = ctx.db
    .prepare('INSERT INTO policy_profile (key, version, based_on, definition_json, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(key, version, base.key, JSON.stringify(profile), ctx.now.toISOString());
  const id = Number(info.lastInsertRowid);
  appendAudit(ctx, {
    action: 'board.saveProfile',
    entity: 'board',
    entityId: null,
    after: { profileId: id, key, version, basedOn: base.key, name: input.name },
  });
  chooseProfile(ctx, id);
  return id;
}

/**
 * Corrects a mistaken timescale in a stored profile. Unlike an edit this changes the version in
 * place (it was wrong, not superseded), so open escalations under it get their due dates re-worked;
 * the audit trail and each stage's due-date history keep what was shown before.
 */
export function correctTimescale(
  ctx: WriteContext,
  input: { profileId: number; stageNumber: number; timescaleWorkingDays: number | null; reason: string },
): number {
  const stored = loadProfile(ctx.db, input.profileId);
  const stage = stored.profile.stages.find((s) => s.number === input.stageNumber);
  if (!stage)
    throw new DomainError(`${stored.profile.name} has no stage ${input.stageNumber}.`, [
      { where: 'Stage', message: `Choose one of stages ${stored.profile.stages.map((s) => s.number).join(', ')}` },
    ]);
  const corrected = {
    ...stored.profile,
    stages: stored.profile.stages.map((s) =>
      s.number === input.stageNumber ? { ...s, timescaleWorkingDays: input.timescaleWorkingDays } : s,
    ),
  };
  ctx.db
    .prepare('UPDATE policy_profile SET definition_json = ? WHERE id = ?')
    .run(JSON.stringify(policyProfileSchema.parse(corrected)), input.profileId);
  appendAudit(ctx, {
    action: 'board.correctTimescale',
    entity: 'board',
    entityId: null,
    before: { profileId: input.profileId, stage: input.stageNumber, timescaleWorkingDays: stage.timescaleWorkingDays },
    after: { profileId: input.profileId, stage: input.stageNumber, timescaleWorkingDays: input.timescaleWorkingDays, reason: input.reason },
  });
  return reworkOpenDueDates(ctx, `Timescale for stage ${input.stageNumber} corrected: ${input.reason}`, input.profileId);
}
