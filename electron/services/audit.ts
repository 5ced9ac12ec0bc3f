// The audit trail: every change appends an entry; nothing here updates or deletes (the schema's
// triggers refuse it anyway, except a recorded redaction: redaction.ts). Each entry's hash covers
// the previous hash and a digest of the entry's content (its before/after values), so an edit made
// behind the app's back breaks the chain at the first altered entry, and a redaction can replace a
// child's identifier in the content while the digest, and so the chain, stays (migration 0120).
// The hash is an HMAC under a key derived from the board's data key (migration 0170, db/auditKey.ts),
// so the chain cannot be recomputed after an edit by someone without the key.
import { createHash } from 'node:crypto';
import type { ReadableDb, WritableDb } from '../db/types';
import type { WriteContext } from './context';
import { statement } from '../db/statements';
import { auditKeyOf, chainHash } from '../db/auditKey';
import { bulkCaches } from './bulkWrite';
import type { AuditAction } from '../../shared/domain/auditActions';

export interface AuditChange {
  /** One of the closed set (shared/domain/auditActions.ts): a typo fails the typecheck. */
  action: AuditAction;
  entity: string;
  entityId: number | null;
  before?: unknown;
  after?: unknown;
  correctsEntryId?: number | null;
}

const GENESIS = '0'.repeat(64);

const sha = (parts: unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex');

function entryHash(db: ReadableDb | WritableDb, prevHash: string, fields: (string | number | null)[]): string {
  return chainHash(auditKeyOf(db), [prevHash, ...fields]);
}

/** The digest of an entry's content, which the chain covers in place of the content itself. */
export function contentDigest(beforeJson: string | null, afterJson: string | null): string {
  return sha([beforeJson, afterJson]);
}

/** What a redaction entry records of each entry it changed: the digest of the content left. */
export interface RedactedEntry {
  id: number;
  digest: string;
}
export const REDACTION_ACTION = 'escalation.redact';

function lastHash(db: WritableDb): string {
  const prev = statement(db, 'SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  return prev?.hash ?? GENESIS;
}

export function appendAudit(ctx: WriteContext, change: AuditChange): number {
  const db = ctx.db;
  // In a bulk write the last hash is kept as each entry is appended (bulkWrite.ts).
  const bulk = bulkCaches(db);
  const prevHash = bulk?.lastAuditHash ?? lastHash(db);
  const at = ctx.now.toISOString();
  const before = change.before === undefined ? null : JSON.stringify(change.before);
  const after = change.after === undefined ? null : JSON.stringify(change.after);
  const corrects = change.correctsEntryId ?? null;
  const digest = contentDigest(before, after);
  const hash = entryHash(db, prevHash, [at, ctx.actor, change.action, change.entity, change.entityId, digest, corrects]);
  const info = statement(
    db,
    `INSERT INTO audit_entry (at, actor, action, entity, entity_id, before_json, after_json, corrects_entry_id, prev_hash, hash, content_digest)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(at, ctx.actor, change.action, change.entity, change.entityId, before, after, corrects, prevHash, hash, digest);
  if (bulk) bulk.lastAuditHash = hash;
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
  content_digest: string | null;
  redacted_by: number | null;
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

/**
 * An entry matches when it carries the previous hash, its hash covers its digest, and its content
 * is what the digest says: as written, or, once redacted, what the later redaction entry (itself on
 * the chain) recorded leaving there. So content cannot be changed unseen, redacted or not.
 */
function rowMatches(db: ReadableDb | WritableDb, row: AuditRow, prevHash: string): boolean {
  if (row.content_digest === null) return false;
  if (
    row.prev_hash !== prevHash ||
    row.hash !==
      entryHash(db, prevHash, [row.at, row.actor, row.action, row.entity, row.entity_id, row.content_digest, row.corrects_entry_id])
  )
    return false;
  if (row.redacted_by === null) return row.content_digest === contentDigest(row.before_json, row.after_json);
  return redactionRecords(db, row);
}

function redactionRecords(db: ReadableDb | WritableDb, row: AuditRow): boolean {
  if (row.redacted_by === null || row.redacted_by <= row.id) return false;
  const redaction = statement(db, 'SELECT action, after_json FROM audit_entry WHERE id = ?').get(row.redacted_by) as
    { action: string; after_json: string | null } | undefined;
  if (!redaction || redaction.action !== REDACTION_ACTION || redaction.after_json === null) return false;
  try {
    const listed = (JSON.parse(redaction.after_json) as { auditEntries?: RedactedEntry[] }).auditEntries ?? [];
    const left = contentDigest(row.before_json, row.after_json);
    return listed.some((e) => e.id === row.id && e.digest === left);
  } catch {
    return false;
  }
}

/**
 * Checks up to `limit` entries after `from`: each must carry the hash of the one before it and
 * match its own hash. The one walk every check uses (whole trail, start-up tail, background slices).
 */
export function verifyAuditSlice(db: ReadableDb | WritableDb, from: ChainPoint, limit: number): ChainSlice {
  let last = from;
  let checked = 0;
  for (const row of db
    .prepare('SELECT * FROM audit_entry WHERE id > ? ORDER BY id LIMIT ?')
    .iterate(from.entryId, limit) as IterableIterator<AuditRow>) {
    if (!rowMatches(db, row, last.hash)) return { checked, last, firstBadEntryId: row.id, done: true };
    last = { entryId: row.id, hash: row.hash };
    checked += 1;
  }
  return { checked, last, firstBadEntryId: null, done: checked < limit };
}

/** True when the entry at `point` is still there with that hash and still matches its own hash. */
export function entryStillAt(db: ReadableDb | WritableDb, point: ChainPoint): boolean {
  const row = db.prepare('SELECT * FROM audit_entry WHERE id = ?').get(point.entryId) as AuditRow | undefined;
  return row !== undefined && row.hash === point.hash && rowMatches(db, row, row.prev_hash);
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
  return (
    (db.prepare('SELECT id, at, action FROM audit_entry WHERE id = ?').get(id) as { id: number; at: string; action: string } | undefined) ??
    null
  );
}

export interface AuditCheckpoint extends ChainPoint {
  checkedAt: string;
}

/** Where the chain was last found intact from the start (migration 0080), or null. */
export function readAuditCheckpoint(db: ReadableDb | WritableDb): AuditCheckpoint | null {
  const row = db.prepare('SELECT entry_id, hash, checked_at FROM audit_checkpoint WHERE id = 1').get() as
    { entry_id: number; hash: string; checked_at: string } | undefined;
  return row ? { entryId: row.entry_id, hash: row.hash, checkedAt: row.checked_at } : null;
}

export function saveAuditCheckpoint(db: WritableDb, point: ChainPoint, at: Date): void {
  db.prepare(
    `INSERT INTO audit_checkpoint (id, entry_id, hash, checked_at) VALUES (1, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET entry_id = excluded.entry_id, hash = excluded.hash, checked_at = excluded.checked_at`,
  ).run(point.entryId, point.hash, at.toISOString());
}
