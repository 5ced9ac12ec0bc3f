// Query plans of the statements a service really runs: record every statement prepared on a
// connection while the work runs, then ask SQLite how it would run each (EXPLAIN QUERY PLAN).
import type Database from 'better-sqlite3-multiple-ciphers';
import { seedDemo } from '../../electron/services/demo/seed';
import type { TestDesk } from './tempStore';

export interface RanStatement {
  sql: string;
  params: unknown[];
}

/** Runs work, recording each statement run on db (get, all, iterate, run) with its parameters. */
export function recordStatements<T>(db: Database.Database, work: () => T): { result: T; statements: RanStatement[] } {
  const statements: RanStatement[] = [];
  const prepare = db.prepare;
  const patched = (sql: string) => {
    const statement = prepare.call(db, sql);
    for (const method of ['get', 'all', 'iterate', 'run'] as const) {
      const original = statement[method].bind(statement) as (...params: unknown[]) => unknown;
      Object.defineProperty(statement, method, {
        value: (...params: unknown[]) => {
          statements.push({ sql, params });
          return original(...params);
        },
      });
    }
    return statement;
  };
  Object.defineProperty(db, 'prepare', { value: patched, configurable: true, writable: true });
  try {
    return { result: work(), statements };
  } finally {
    delete (db as { prepare?: unknown }).prepare;
  }
}

export function planOf(db: Database.Database, statement: RanStatement): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(...statement.params) as { detail: string }[]).map((r) => r.detail);
}

// Lookup tables of a few rows each (the board's agencies, categories, policies, calendar,
// settings, themes, returns), which any plan may read whole; and SQLite's own constant rows.
const SMALL =
  /^SCAN (agency|a|ca|category|c|policy_profile|closure_day|board_setting|learning_theme|t|officer|agency_return|r|json_each|CONSTANT ROW|\(subquery)\b/;

/** Steps that read a table of cases, stages or their details without an index: full scans. */
export function fullScans(plan: readonly string[]): string[] {
  return plan.filter(
    (step) => /^SCAN /.test(step) && !SMALL.test(step) && !/USING (COVERING )?INDEX|USING PRIMARY KEY|VIRTUAL TABLE/.test(step),
  );
}

/** Steps that read every entry of an index of cases or stages: a scan, however it is served. */
export function scans(plan: readonly string[]): string[] {
  return plan.filter((step) => /^SCAN /.test(step) && !SMALL.test(step) && !/VIRTUAL TABLE/.test(step));
}

/** A register of a few thousand fictional cases made through the app's own services, with SQLite's statistics gathered. */
export function seedWithStatistics(desk: TestDesk, count: number): void {
  seedDemo(desk.store, { count, seed: 11, until: '2026-11-20' });
  desk.store.writer.exec('ANALYZE');
  // The reader loads statistics when it reads the schema: make it read the schema again.
  desk.store.writer.exec('CREATE TABLE plan_statistics_loaded (x); DROP TABLE plan_statistics_loaded;');
}
