import type { Migration } from './migration';

/**
 * The day a stage's deadline counts from, when that is not the day the stage started: a case
 * imported from a board's previous register is at a stage that started there, on a day the board
 * knows, but its deadline counts from the day the board took it on (escalations/trackDeadline.ts).
 * Kept so that working the deadlines out again (a closure day, a corrected timescale) counts from
 * the same day. Null for every other stage: its deadline counts from its start.
 */
export const stageCountedFrom: Migration = {
  version: 200,
  name: 'the day an imported stage’s deadline counts from',
  up(db) {
    db.exec('ALTER TABLE stage_entry ADD COLUMN counted_from TEXT');
  },
};
