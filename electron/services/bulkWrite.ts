// A bulk write: many cases taken in inside one transaction (a legacy register, an agency's return,
// the demo seed). For its length, the lookups every case repeats are read once and kept: the
// policy versions, the active policy, the working-day calendar, the agency names, the next case id
// and the audit trail's last hash. Outside a bulk write nothing is kept, so a person's single
// change always reads the database as it stands.
//
// Why this is safe: a bulk write runs synchronously inside one transaction on the writer
// connection, and changes none of what it keeps except through the services that update the cache
// as they write (appendAudit, the case intake). It ends, committed or not, before anything else
// can write; a rolled-back bulk write leaves nothing cached behind.
import type { PolicyProfile } from '../../shared/domain/policyProfiles';
import type { WorkingCalendar } from '../../shared/domain/workingDays';
import type { WritableDb } from '../db/types';
import type { StageDeadline } from './escalations/deadlines';

export interface BulkCaches {
  profiles: Map<number, { id: number; version: number; profile: PolicyProfile }>;
  activeProfileId?: number | null;
  calendar?: WorkingCalendar;
  agencyNames: Map<number, string>;
  /** Stage deadlines by policy, stage, start day and immediate risk: a large load repeats each many times. */
  deadlines: Map<string, StageDeadline>;
  nextEscalationId?: number;
  lastAuditHash?: string;
}

const active = new WeakMap<WritableDb, BulkCaches>();
const fresh = (): BulkCaches => ({ profiles: new Map(), agencyNames: new Map(), deadlines: new Map() });

/** Runs `work` (inside the caller's transaction) with the bulk caches kept for its length. */
export function inBulkWrite<T>(db: WritableDb, work: () => T): T {
  if (!db.inTransaction) throw new Error('A bulk write runs inside a transaction.');
  if (active.has(db)) return work();
  active.set(db, fresh());
  try {
    return work();
  } finally {
    active.delete(db);
  }
}

/** The same for work written as steps (a generator) that its caller may pause between. */
export function* inBulkWriteSteps<Y>(db: WritableDb, work: () => Generator<Y, void>): Generator<Y, void> {
  if (!db.inTransaction) throw new Error('A bulk write runs inside a transaction.');
  if (active.has(db)) return yield* work();
  active.set(db, fresh());
  try {
    yield* work();
  } finally {
    active.delete(db);
  }
}

/** The caches of the bulk write under way on this connection, if there is one. */
export function bulkCaches(db: unknown): BulkCaches | undefined {
  return active.get(db as WritableDb);
}

/** Reads through the cache while a bulk write is under way, straight from the database otherwise. */
export function cachedIn<K, V>(db: unknown, pick: (c: BulkCaches) => Map<K, V>, key: K, read: () => V): V {
  const caches = bulkCaches(db);
  if (!caches) return read();
  const map = pick(caches);
  if (map.has(key)) return map.get(key)!;
  const value = read();
  map.set(key, value);
  return value;
}
