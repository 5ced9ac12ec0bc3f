import { randomUUID } from 'node:crypto';
import type { Migration } from './migration';

export const boardIdentity: Migration = {
  version: 110,
  name: 'the board’s own identity, carried by its return templates so a return is filed only under the board it was made for',
  up(db) {
    db.exec(`
      -- One row: a random id made once, when this board's records file is first made (or first
      -- opened by this version). Never changed by the app: the board's name can change, this
      -- cannot, so a neighbouring board's template (whatever its name) is told apart from ours.
      CREATE TABLE board_identity (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        board_id TEXT NOT NULL CHECK (length(board_id) = 36)
      ) STRICT;
    `);
    db.prepare('INSERT INTO board_identity (singleton, board_id) VALUES (1, ?)').run(randomUUID());
  },
};
