import type { ReadableDb, WritableDb } from '../db/types';

/** What a service needs to act: the database, who is acting and the clock (tests set it). */
export interface WriteContext {
  readonly db: WritableDb;
  readonly actor: string;
  readonly now: Date;
}

export interface ReadContext {
  readonly db: ReadableDb;
  readonly now: Date;
}

/**
 * For work that waits on files (reading a workbook, streaming an export): read freely, and make
 * each change through write(), which runs it as one transaction once the waiting is over.
 */
export interface TaskContext {
  readonly reader: ReadableDb;
  readonly actor: string;
  readonly now: Date;
  write<T>(work: (ctx: WriteContext) => T): T;
  /**
   * A write too large for one turn: `steps` runs inside one transaction, paused at each yield so
   * the desk keeps answering; other writes are refused in words until it ends (db/writeHold.ts).
   * Throwing, or `cancelled()` turning true at a pause, rolls the whole of it back.
   */
  writeInSteps<T, Y>(what: string, steps: (ctx: WriteContext) => Generator<Y, T>, options: StepOptions<Y>): Promise<T>;
}

export interface StepOptions<Y> {
  onStep?: (step: Y) => void;
  cancelled?: () => boolean;
}

/** Thrown when a person cancelled a write in steps: nothing of it was kept. */
export class WriteCancelled extends Error {}
