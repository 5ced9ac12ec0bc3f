// The raw side of every write measure: exactly the rows the app wrote, inserted with plain
// better-sqlite3 prepared statements in one transaction, into a copy of the database as it stood
// before the app wrote them, opened with the same pragmas as the app's own connection. Only the
// inserts and the commit are timed; reading the rows out of the app's database is not.
import Database from 'better-sqlite3-multiple-ciphers';
import { openTestDb } from '../support/testKey';

type Db = Database.Database;

/**
 * Where each table's rows stood before a write: its largest rowid, or for a table without rowids
 * the largest first column of its key (the parent's id: new rows belong to new parents).
 */
export type Marks = Map<string, { column: string; last: number }>;

const CHUNK = 50_000;

function tables(db: Db): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]
  ).map((t) => t.name);
}

function withoutRowid(db: Db, table: string): boolean {
  const sql = (db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) as { sql: string }).sql;
  return /WITHOUT\s+ROWID/i.test(sql);
}

function columns(db: Db, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0`).all(table) as { name: string }[]).map((c) => c.name);
}

export function markRows(db: Db): Marks {
  const marks: Marks = new Map();
  for (const table of tables(db)) {
    if (withoutRowid(db, table)) {
      const key = db.prepare('SELECT name FROM pragma_table_info(?) WHERE pk = 1').get(table) as { name: string };
      marks.set(table, {
        column: key.name,
        last: (db.prepare(`SELECT coalesce(max(${key.name}), 0) AS n FROM ${table}`).get() as { n: number }).n,
      });
    } else {
      marks.set(table, {
        column: 'rowid',
        last: (db.prepare(`SELECT coalesce(max(rowid), 0) AS n FROM ${table}`).get() as { n: number }).n,
      });
    }
  }
  return marks;
}

/** Parents before children, so the copy's foreign keys hold as each row goes in. */
function inForeignKeyOrder(db: Db, names: string[]): string[] {
  const parents = new Map(
    names.map((t) => [
      t,
      (db.prepare('SELECT DISTINCT "table" AS parent FROM pragma_foreign_key_list(?)').all(t) as { parent: string }[])
        .map((r) => r.parent)
        .filter((p) => p !== t),
    ]),
  );
  const ordered: string[] = [];
  const visit = (t: string, path: Set<string>) => {
    if (ordered.includes(t) || path.has(t)) return;
    path.add(t);
    for (const p of parents.get(t) ?? []) if (names.includes(p)) visit(p, path);
    ordered.push(t);
  };
  for (const t of names) visit(t, new Set());
  return ordered;
}

/** Opens a copy with the same connection settings as the app's own writer (electron/db/open.ts). */
export function openLikeTheApp(file: string, app: Db): Db {
  const db = openTestDb(file);
  for (const pragma of ['journal_mode', 'synchronous', 'foreign_keys', 'busy_timeout', 'cache_size']) {
    db.pragma(`${pragma} = ${String(app.pragma(pragma, { simple: true }))}`);
  }
  return db;
}

export interface RawResult {
  ms: number;
  rows: number;
  byTable: Record<string, number>;
  msByTable: Record<string, number>;
}

// Tables the schema's own triggers fill as the rows above go in (migration 0090's per-agency copy
// and daily tally): the raw side pays for those triggers too, so it does not insert them again.
const KEPT_BY_TRIGGERS = new Set(['escalation_agency', 'escalation_tally']);

/** Inserts into `target` every row `source` has beyond `marks`, all in one transaction. */
export function insertRowsSince(source: Db, target: Db, marks: Marks): RawResult {
  const byTable: Record<string, number> = {};
  const msByTable: Record<string, number> = {};
  const changed = [...marks.keys()]
    .filter((t) => !KEPT_BY_TRIGGERS.has(t))
    .filter((t) => {
      const m = marks.get(t)!;
      const n = (source.prepare(`SELECT count(*) AS n FROM ${t} WHERE ${m.column} > ?`).get(m.last) as { n: number }).n;
      if (n > 0) byTable[t] = n;
      return n > 0;
    });
  let ms = 0;
  let rows = 0;
  const timed = (work: () => void) => {
    const start = performance.now();
    work();
    ms += performance.now() - start;
  };
  timed(() => target.exec('BEGIN IMMEDIATE'));
  for (const table of inForeignKeyOrder(source, changed)) {
    const { column, last } = marks.get(table)!;
    const cols = columns(source, table);
    const insert = target.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    // Read a range of keys at a time; a table without rowids may hold several rows for one escalation.
    const read = source.prepare(`SELECT ${cols.join(', ')} FROM ${table} WHERE ${column} > ? AND ${column} <= ? ORDER BY ${column}`).raw();
    const top = (source.prepare(`SELECT max(${column}) AS n FROM ${table}`).get() as { n: number }).n;
    for (let from = last; from < top; from += CHUNK) {
      const chunk = read.all(from, from + CHUNK) as unknown[][];
      const before = ms;
      timed(() => {
        for (const row of chunk) insert.run(row);
      });
      msByTable[table] = (msByTable[table] ?? 0) + ms - before;
      rows += chunk.length;
    }
  }
  timed(() => target.exec('COMMIT'));
  return { ms, rows, byTable, msByTable };
}
