// Which agencies have sent their return for a quarter: the coordinator chases the missing ones.
import type { z } from 'zod';
import type { returnsStatusSchema } from '../../../shared/domain/agencyReturn';
import { quarterKeySchema } from '../../../shared/domain/quarter';
import { DomainError } from '../errors';
import { boardQuarter, type AnyDb } from './layout';

export type ReturnsStatus = z.infer<typeof returnsStatusSchema>;

interface StatusRow {
  agency_id: number;
  name: string;
  nil_return: number | null;
  row_count: number | null;
  imported_at: string | null;
  file_name: string | null;
}

export function returnsStatus(db: AnyDb, quarterKey: string): ReturnsStatus {
  const key = quarterKeySchema.safeParse(quarterKey);
  if (!key.success) throw new DomainError(`“${quarterKey}” is not a quarter: give it as YYYY-Qn, for example 2026-Q3.`);
  const quarter = boardQuarter(db, key.data);
  // Every agency still in the directory when the quarter began owes a return; one retired earlier
  // is listed only if it sent one anyway.
  const rows = db
    .prepare(
      `SELECT a.id AS agency_id, a.name, r.nil_return, r.row_count, r.imported_at, r.file_name
       FROM agency a LEFT JOIN agency_return r ON r.agency_id = a.id AND r.quarter_key = @quarter
       WHERE a.retired_on IS NULL OR a.retired_on >= @from OR r.id IS NOT NULL
       ORDER BY a.name COLLATE NOCASE`,
    )
    .all({ quarter: quarter.key, from: quarter.from }) as StatusRow[];
  return {
    quarter: quarter.key,
    agencies: rows.map((r) => ({
      agencyId: r.agency_id,
      name: r.name,
      status: r.nil_return === null ? 'missing' : r.nil_return === 1 ? 'nil' : 'returned',
      rows: r.row_count ?? 0,
      importedAt: r.imported_at,
      fileName: r.file_name,
    })),
  };
}
