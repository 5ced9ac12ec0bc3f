// The audit trail: every change appends an entry; nothing here updates or deletes (the schema's
// triggers refuse it anyway). Each entry's hash covers the previous hash, so an edit made behind
// the app's back breaks the chain at the first altered entry.
import { createHash } from 'node:crypto';
import type { ReadableDb, WritableDb } from '../db/types';
import type { WriteContext } from './context';

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
  const prev = db.prepare('SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  const prevHash = prev?.hash ?? GENESIS;
  const at = ctx.now.toISOString();
  const before = change.before === undefined ? null : JSON.stringify(change.before);
  const after = change.after === undefined ? null : JSON.stringify(change.after);
  const corrects = change.correctsEntryId ?? null;
  const hash = entryHash(prevHash, [at, ctx.actor, change.action, change.entity, change.entityId, before, after, corrects]);
  const info = db
    .prepare(
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

/** Walks the chain; returns the id of the first entry whose hash does not match, or null when all do. */
export function verifyAuditChain(db: ReadableDb | WritableDb): { checked: number; firstBadEntryId: number | null } {
  let prevHash = GENESIS;
  let checked = 0;
  for (const row of db.prepare('SELECT * FROM audit_entry ORDER BY id').iterate() as IterableIterator<AuditRow>) {
    const expected = entryHash(prevHash, [row.at, row.actor, row.action, row.entity, row.entity_id, row.before_json, row.after_json, row.corrects_entry_id]);
    if (row.prev_hash !== prevHash || row.hash !== expected) return { checked, firstBadEntryId: row.id };
    prevHash = row.hash;
    checked += 1;
  }
  return { checked, firstBadEntryId: null };
}
