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
