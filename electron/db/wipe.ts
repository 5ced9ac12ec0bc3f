// After text has been removed from the records (a redaction), the old pages must not linger in the
// write-ahead log: copy every committed page into the file and truncate the log to nothing. The
// removed values themselves were overwritten in place (secure_delete) by the change.
import type { WritableDb } from './types';

/** True when the whole log was copied back and truncated (false if a reader held it open). */
export function checkpointAndTruncateWal(db: WritableDb): boolean {
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  return result !== undefined && result.busy === 0;
}
