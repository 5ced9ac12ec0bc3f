// Which board this is, as its return templates say it: the random id made once by migration 0110
// (it never changes) and the board's name (which may, so it is shown but never trusted alone).
import { boardName } from '../settings';
import type { AnyDb } from './layout';

export interface BoardIdentity {
  id: string;
  name: string;
}

export function boardIdentity(db: AnyDb): BoardIdentity {
  const row = db.prepare('SELECT board_id FROM board_identity WHERE singleton = 1').get() as { board_id: string } | undefined;
  if (!row) throw new Error('The records file has no board identity: it was not migrated.');
  return { id: row.board_id, name: boardName(db) };
}

/** The id as people compare it by eye: its first eight characters. */
export const shortBoardId = (id: string) => id.slice(0, 8);
