import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { joinSql, param, render, sql, trusted } from '../../electron/db/sql';
import { INDEX } from '../../electron/db/indexes';

describe('the sql tagged template', () => {
  it('binds every value as a named parameter, never as text', () => {
    const hostile = "x'); DROP TABLE escalation; --";
    const { text, params } = render(sql`SELECT * FROM escalation e WHERE e.reference = ${hostile} AND e.current_stage = ${2}`);
    expect(text).toBe('SELECT * FROM escalation e WHERE e.reference = @p AND e.current_stage = @p_2');
    expect(text).not.toContain('DROP');
    expect(params).toEqual({ p: hostile, p_2: 2 });
  });

  it('runs against SQLite with the value bound, so a quote in it is only data', () => {
    const db = new Database(':memory:');
    db.exec("CREATE TABLE t (name TEXT); INSERT INTO t VALUES ('O''Brien'), ('x');");
    const { text, params } = render(sql`SELECT count(*) AS n FROM t WHERE name = ${"O'Brien"}`);
    expect((db.prepare(text).get(params) as { n: number }).n).toBe(1);
    db.close();
  });

  it('writes one named parameter once, wherever it is used', () => {
    const from = param('from', '2026-04-01');
    const { text, params } = render(sql`a >= ${from} AND b >= ${from}`);
    expect(text).toBe('a >= @from AND b >= @from');
    expect(params).toEqual({ from: '2026-04-01' });
  });

  it('splices trusted fragments (an index name) and nested fragments as text', () => {
    const predicate = sql`e.status = ${param('status', 'open')}`;
    const { text, params } = render(
      sql`SELECT e.id FROM escalation e INDEXED BY ${trusted(INDEX.escalationByStatusOpened)} WHERE (${predicate})`,
    );
    expect(text).toBe('SELECT e.id FROM escalation e INDEXED BY escalation_by_status_opened WHERE (e.status = @status)');
    expect(params).toEqual({ status: 'open' });
  });

  it('keeps apart two parameters of the same name from fragments built apart', () => {
    const filter = sql`e.category_id = ${param('categoryId', 1)}`;
    const figure = sql`e.category_id = ${param('categoryId', 2)}`;
    const { text, params } = render(joinSql([filter, figure], ' OR '));
    expect(text).toBe('e.category_id = @categoryId OR e.category_id = @categoryId_2');
    expect(params).toEqual({ categoryId: 1, categoryId_2: 2 });
  });

  it('names a fragment apart from a statement it joins, by prefix and by the names already taken', () => {
    const figure = sql`e.opened_on >= ${param('from', 'a')} AND e.origin = ${param('origin', 'board')}`;
    expect(render(figure, { prefix: 'd_' })).toEqual({
      text: 'e.opened_on >= @d_from AND e.origin = @d_origin',
      params: { d_from: 'a', d_origin: 'board' },
    });
    expect(render(figure, { taken: ['origin'] }).text).toBe('e.opened_on >= @from AND e.origin = @origin_2');
  });

  it('refuses a parameter name SQLite could not read', () => {
    expect(() => param('from; DROP', 1)).toThrow(/cannot name an SQL parameter/);
  });
});
