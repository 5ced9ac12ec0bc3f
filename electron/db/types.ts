// Two handles onto one SQLite file. Reads get a connection opened read-only, so a dashboard or
// list query cannot write even by mistake; writes get the read-write connection and run inside
// a transaction chosen by the caller.
import type Database from 'better-sqlite3-multiple-ciphers';

export type WritableDb = Database.Database & { readonly __writable: unique symbol };
export type ReadableDb = Database.Database & { readonly __readable: unique symbol };

export interface Store {
  readonly file: string;
  readonly writer: WritableDb;
  readonly reader: ReadableDb;
  readonly schemaVersion: number;
  close(): void;
}
