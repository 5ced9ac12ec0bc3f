// The audit trail: every change appends an entry; nothing here updates or deletes (the schema's
// triggers refuse it anyway). Each entry's hash covers the previous hash, so an edit made behind
// the app's back breaks the chain at the first altered entry.
import { createHash } from 'node:crypto';
import type { ReadableDb, WritableDb } from '../db/types';
import type { WriteContext } from './context';
import { statement } from '../db/statements';

export interface AuditChange {
  action: string;
  entity: string;
  entityId: number | null;
  before?: unknown;
  after?: unknown;
  correctsEntryId?: number | null;
}

const GENESIS = '0'.repeat(64);

function entryHash(prevHash: string, fields: (string | number | null)[]): string {
  return createHash('sha256').update(JSON.stringify([prevHash, ...fields])).digest('hex');
}

export function appendAudit(ctx: WriteContext, change: AuditChange): number {
  const db = ctx.db;
  const prev = statement(db, 'SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  const prevHash = prev?.hash ?? GENESIS;
  const at = ctx.now.toISOString();
  const before = change.before === undefined ? null : JSON.stringify(change.before);
  const after = change.after === undefined ? null : JSON.stringify(change.after);
  const corrects = change.correctsEntryId ?? null;
  const hash = entryHash(prevHash, [at, ctx.actor, change.action, change.entity, change.entityId, before, after, corrects]);
  const info = statement(
      db,
      `INSERT INTO audit_entry (at, actor, action, entity, entity_id, before_json, after_json, corrects_entry_id, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(at, ctx.actor, change.action, change.entity, change.entityId, before, after, corrects, prevHash, hash);
  return Number(info.lastInsertRowid);
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: number | null;
  before: unknown;
  after: unknown;
  correctsEntryId: number | null;
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: number | null;
  before_json: string | null;
  after_json: string | null;
  corrects_entry_id: number | null;
  prev_hash: string;
  hash: string;
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: row.before_json === null ? null : JSON.parse(row.before_json),
    after: row.after_json === null ? null : JSON.parse(row.after_json),
    correctsEntryId: row.corrects_entry_id,
  };
}

export function auditFor(db: ReadableDb | WritableDb, entity: string, entityId: number): AuditEntry[] {
  const rows = db.prepare('SELECT * FROM audit_entry WHERE entity = ? AND entity_id = ? ORDER BY id').all(entity, entityId) as AuditRow[];
  return rows.map(toEntry);
}

/** A point on the chain: an entry and its hash (entry 0 is the start, before the first entry). */
export interface ChainPoint {
  entryId: number;
  hash: string;
}

export const CHAIN_START: ChainPoint = { entryId: 0, hash: GENESIS };

export interface ChainSlice {
  /** Entries after `from` found to match, before any that does not. */
  checked: number;
  /** The last entry found to match (or `from`). */
  last: ChainPoint;
  firstBadEntryId: number | null;
  /** True when the end of the trail (or a bad entry) was reached. */
  done: boolean;
}

function rowMatches(row: AuditRow, prevHash: string): boolean {
  return row.prev_hash === prevHash && row.hash === entryHash(prevHash, [row.at, row.actor, row.action, row.entity, row.entity_id, row.before_json, row.after_json, row.corrects_entry_id]);
}

/**
 * Checks up to `limit` entries after `from`: each must carry the hash of the one before it and
 * match its own hash. The one walk every check uses (whole trail, start-up tail, background slices).
 */
export function verifyAuditSlice(db: ReadableDb | WritableDb, from: ChainPoint, limit: number): ChainSlice {
  let last = from;
  let checked = 0;
  for (const row of db.prepare('SELECT * FROM audit_entry WHERE id > ? ORDER BY id LIMIT ?').iterate(from.entryId, limit) as IterableIterator<AuditRow>) {
    if (!rowMatches(row, last.hash)) return { checked, last, firstBadEntryId: row.id, done: true };
    last = { entryId: row.id, hash: row.hash };
    checked += 1;
  }
  return { checked, last, firstBadEntryId: null, done: checked < limit };
}

/** True when the entry at `point` is still there with that hash and still matches its own hash. */
export function entryStillAt(db: ReadableDb | WritableDb, point: ChainPoint): boolean {
  const row = db.prepare('SELECT * FROM audit_entry WHERE id = ?').get(point.entryId) as AuditRow | undefined;
  return row !== undefined && row.hash === point.hash && rowMatches(row, row.prev_hash);
}

/** Walks the whole chain; returns the id of the first entry whose hash does not match, or null when all do. */
export function verifyAuditChain(db: ReadableDb | WritableDb): { checked: number; firstBadEntryId: number | null } {
  let from = CHAIN_START;
  let checked = 0;
  for (;;) {
    const slice = verifyAuditSlice(db, from, 50_000);
    checked += slice.checked;
    if (slice.done) return { checked, firstBadEntryId: slice.firstBadEntryId };
    from = slice.last;
  }
}

export function auditEntrySummary(db: ReadableDb | WritableDb, id: number): { id: number; at: string; action: string } | null {
  return (db.prepare('SELECT id, at, action FROM audit_entry WHERE id = ?').get(id) as { id: number; at: string; action: string } | undefined) ?? null;
}

export interface AuditCheckpoint extends ChainPoint {
  checkedAt: string;
}

/** Where the chain was last found intact from the start (migration 0080), or null. */
export function readAuditCheckpoint(db: ReadableDb | WritableDb): AuditCheckpoint | null {
  const row = db.prepare('SELECT entry_id, hash, checked_at FROM audit_checkpoint WHERE id = 1').get() as { entry_id: number; hash: string; checked_at: string } | undefined;
  return row ? { entryId: row.entry_id, hash: row.hash, checkedAt: row.checked_at } : null;
}

export function saveAuditCheckpoint(db: WritableDb, point: ChainPoint, at: Date): void {
  db.prepare(
    `INSERT INTO audit_checkpoint (id, entry_id, hash, checked_at) VALUES (1, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET entry_id = excluded.entry_id, hash = excluded.hash, checked_at = excluded.checked_at`,
  ).run(point.entryId, point.hash, at.toISOString());
}
