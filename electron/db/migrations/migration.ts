// The shape of one schema step, apart from the list of steps so that no step imports the list.
import type Database from 'better-sqlite3-multiple-ciphers';

/** What a step may need besides the database: the board's data key (the keyed audit chain, 0170). */
export interface MigrationContext {
  readonly key: Buffer;
}

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database, context: MigrationContext): void;
}
