// The notifications a case needs (DOMAIN: the board manager told of a looked-after child or one on
// a plan, from the stage the policy names): recorded as required when the case is logged, moves up
// a stage or has the child's status corrected. One insert for all three; a notification already
// required stays as it was, with its first date.
import { requiredNotifications, type ChildStatus } from '../../../shared/domain/escalation';
import type { WriteContext } from '../context';
import { statement } from '../../db/statements';

export function recordRequiredNotifications(
  ctx: WriteContext,
  escalationId: number,
  need: { childStatus: ChildStatus; stage: number; boardManagerAtStage: Parameters<typeof requiredNotifications>[2] },
  since: string,
): void {
  const notify = statement(ctx.db, 'INSERT OR IGNORE INTO notification (escalation_id, kind, required_since) VALUES (?, ?, ?)');
  for (const kind of requiredNotifications(need.childStatus, need.stage, need.boardManagerAtStage)) notify.run(escalationId, kind, since);
}
