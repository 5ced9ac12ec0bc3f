// The coordinator's search of the access record: by person, case reference, London date range
// and kind, newest first, a page at a time (keyset on the entry id, so a page is as quick at the
// millionth entry as at the first). A person or a case names its index (INDEXED BY), so the plan
// cannot drift; with neither, the walk is the table's own order, newest first.
import type { AccessEntry, AccessPage, AccessSearch } from '../../../shared/domain/accessRecord';
import { INDEX } from '../../db/indexes';
import { statement } from '../../db/statements';
import type { ReadableDb } from '../../db/types';

interface Row {
  id: number;
  at: string;
  display_name: string;
  user_name: string | null;
  address: string | null;
  via: AccessEntry['via'];
  kind: AccessEntry['kind'];
  channel: string;
  case_reference: string | null;
  record: string | null;
}

export type AccessFilter = Omit<AccessSearch, 'before' | 'limit'>;

/** The statement and parameters for a filter (and, for a page, its keyset and size). */
export function accessQuery(
  filter: AccessFilter,
  page?: { before?: number | undefined; limit: number },
): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    where.push(clause);
    params.push(value);
  };
  const person = filter.person ? filter.person : null;
  const reference = filter.caseReference ? filter.caseReference : null;
  if (person !== null) add('user_name = ?', person);
  if (reference !== null) add('case_reference = ?', reference);
  if (filter.from) add('on_date >= ?', filter.from);
  if (filter.to) add('on_date <= ?', filter.to);
  if (filter.kind) add('kind = ?', filter.kind);
  if (page?.before !== undefined) add('id < ?', page.before);
  const index = person !== null ? INDEX.accessEntryByPerson : reference !== null ? INDEX.accessEntryByCase : null;
  const sql = `SELECT id, at, display_name, user_name, address, via, kind, channel, case_reference, record FROM access_entry${
    index ? ` INDEXED BY ${index}` : ''
  }${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC${page ? ' LIMIT ?' : ''}`;
  if (page) params.push(page.limit + 1);
  return { sql, params };
}

export const toAccessEntry = (row: Row): AccessEntry => ({
  id: row.id,
  at: row.at,
  displayName: row.display_name,
  userName: row.user_name,
  address: row.address,
  via: row.via,
  kind: row.kind,
  channel: row.channel,
  caseReference: row.case_reference,
  record: row.record,
});

export function searchAccess(db: ReadableDb, input: AccessSearch): AccessPage {
  const { before, limit, ...filter } = input;
  const { sql, params } = accessQuery(filter, { before, limit });
  const rows = statement(db, sql).all(...params) as Row[];
  const entries = rows.slice(0, limit).map(toAccessEntry);
  return { entries, nextBefore: rows.length > limit ? entries[entries.length - 1]!.id : null };
}

/** Every entry the filter matches, newest first, one at a time (the export). */
export function* eachAccessEntry(db: ReadableDb, filter: AccessFilter): Generator<AccessEntry> {
  const { sql, params } = accessQuery(filter);
  // Its own statement, not the shared cache: two exports may walk at once.
  for (const row of db.prepare(sql).iterate(...params) as Iterable<Row>) yield toAccessEntry(row);
}
