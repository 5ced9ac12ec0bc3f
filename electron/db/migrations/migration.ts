// The shape of one schema step, apart from the list of steps so that no step imports the list.
import type Database from 'better-sqlite3-multiple-ciphers';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}
