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
}
