// The chair's list of cases waiting for their decision: open, at the last stage of the policy they
// were opened under, and no decision recorded yet. Without it a chair finds a referred case only by
// searching the register, since the decision is an action on the case page.
import type { AwaitingDecision } from '../../../shared/domain/panel';
import type { ReadableDb, WritableDb } from '../../db/types';
import { profilesById } from '../policyVersions';

type AnyDb = ReadableDb | WritableDb;

export function awaitingChairDecision(db: AnyDb): AwaitingDecision[] {
  // The last stage is read from each stored policy version through its schema (a handful of rows),
  // then each version's cases are found by the (current_stage, opened_on) index.
  const atLastStage = db.prepare(
    `SELECT e.id AS escalationId, e.reference, e.current_stage AS stageNumber,
            (SELECT s.started_on FROM stage_entry s WHERE s.escalation_id = e.id AND s.ended_on IS NULL) AS referredOn
       FROM escalation e
      WHERE e.current_stage = ? AND e.profile_id = ? AND e.status = 'open'
        AND NOT EXISTS (SELECT 1 FROM chair_decision c WHERE c.escalation_id = e.id)`,
  );
  const rows: AwaitingDecision[] = [];
  for (const [profileId, profile] of profilesById(db)) {
    const last = profile.stages.at(-1);
    if (!last) continue;
    for (const row of atLastStage.all(last.number, profileId) as Omit<AwaitingDecision, 'stageName' | 'policy'>[])
      rows.push({ ...row, stageName: last.name, policy: profile.name });
  }
  // Longest waiting first.
  return rows.sort((a, b) => (a.referredOn ?? '').localeCompare(b.referredOn ?? '') || a.escalationId - b.escalationId);
}
