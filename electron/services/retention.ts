// Retention review: the board's review period, the cases past it, and the deliberate deletion of
// one case by a named person with a written reason. Nothing here runs on a timer or deletes more
// than the one case it is asked to; the deletion and its record are one transaction (the
// dispatcher's), so a refusal leaves the database exactly as it was.
import { referenceKey } from '../../shared/domain/caseReference';
import { todayIso } from '../../shared/domain/dates';
import {
  DEFAULT_REVIEW_YEARS,
  deletionBlock,
  reviewCutoff,
  reviewDueOn,
  type RetentionCase,
  type RetentionDeletion,
  type RetentionReview,
} from '../../shared/domain/retention';
import type { ReadableDb, WritableDb } from '../db/types';
import { appendAudit } from './audit';
import type { ReadContext, WriteContext } from './context';
import { DomainError, NotFoundError } from './errors';
import { currentVersion } from './recordVersions';

type AnyDb = ReadableDb | WritableDb;

export function reviewYears(db: AnyDb): number {
  const row = db.prepare("SELECT value FROM board_setting WHERE key = 'retention_review_years'").get() as { value: string } | undefined;
  return row ? Number(row.value) : DEFAULT_REVIEW_YEARS;
}

export function setReviewPeriod(ctx: WriteContext, input: { years: number }): { reviewYears: number } {
  const before = reviewYears(ctx.db);
  ctx.db
    .prepare(
      "INSERT INTO board_setting (key, value) VALUES ('retention_review_years', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )
    .run(String(input.years));
  appendAudit(ctx, {
    action: 'retention.reviewPeriod',
    entity: 'board',
    entityId: null,
    before: { reviewYears: before },
    after: { reviewYears: input.years },
  });
  return { reviewYears: input.years };
}

// A case's "closed on" for retention: the chair's sign-off, else the day it ended (withdrawn, or
// resolved in an agency's return). Every sign-off comes on or after the end, so `ended_on <= cutoff`
// is a necessary condition and the list is one range over the index on ended_on.
const CLOSED_ON = 'coalesce(c.on_date, e.ended_on)';
const CASE_COLUMNS = `e.id, e.reference, e.reference_key, e.child_initials, e.origin, e.status, a.name AS raising_agency, ${CLOSED_ON} AS closed_on,
  (SELECT min(p.sits_on) FROM panel p WHERE p.escalation_id = e.id AND p.status = 'planned') AS planned_panel_on`;
const CASE_FROM = `escalation e JOIN agency a ON a.id = e.raising_agency_id LEFT JOIN escalation_closure c ON c.escalation_id = e.id`;
/**
 * The review list's rows in the order the cases ended, oldest first. The ORDER BY is the order of
 * the index on (ended_on, opened_on, origin), so a page is read straight off it with no sort at
 * any size. Exported so a test can assert its plan.
 */
export const REVIEW_PAGE_SQL = `SELECT ${CASE_COLUMNS} FROM ${CASE_FROM}
  WHERE e.ended_on <= @cutoff AND ${CLOSED_ON} <= @cutoff ORDER BY e.ended_on, e.opened_on, e.origin, e.id LIMIT @limit OFFSET @offset`;
const REVIEW_COUNT_SQL = `SELECT count(*) AS n FROM escalation e LEFT JOIN escalation_closure c ON c.escalation_id = e.id WHERE e.ended_on <= @cutoff AND ${CLOSED_ON} <= @cutoff`;

interface CaseRow {
  id: number;
  reference: string;
  reference_key: string;
  child_initials: string;
  origin: RetentionCase['origin'];
  status: RetentionCase['status'];
  raising_agency: string;
  closed_on: string | null;
  planned_panel_on: string | null;
}

function toCase(db: AnyDb, row: CaseRow, today: string, years: number): RetentionCase {
  const closedOn = row.closed_on!;
  return {
    escalationId: row.id,
    reference: row.reference,
    childInitials: row.child_initials,
    origin: row.origin,
    status: row.status,
    raisingAgency: row.raising_agency,
    closedOn,
    reviewDueOn: reviewDueOn(closedOn, years),
    blockedBecause: deletionBlock(
      { reference: row.reference, status: row.status, origin: row.origin, closedOn, plannedPanelOn: row.planned_panel_on },
      today,
      years,
    ),
    version: currentVersion(db, 'case', row.id),
  };
}

interface DeletionRow {
  reference: string;
  child_initials: string;
  closed_on: string;
  review_years: number;
  deleted_at: string;
  deleted_by: string;
  reason: string;
}

const toDeletion = (r: DeletionRow): RetentionDeletion => ({
  reference: r.reference,
  childInitials: r.child_initials,
  closedOn: r.closed_on,
  reviewYears: r.review_years,
  deletedAt: r.deleted_at,
  deletedBy: r.deleted_by,
  reason: r.reason,
});

export function retentionReview(ctx: ReadContext, query: { offset: number; limit: number }): RetentionReview {
  const years = reviewYears(ctx.db);
  const today = todayIso(ctx.now);
  const cutoff = reviewCutoff(today, years);
  const rows = ctx.db.prepare(REVIEW_PAGE_SQL).all({ cutoff, limit: query.limit, offset: query.offset }) as CaseRow[];
  const total = (ctx.db.prepare(REVIEW_COUNT_SQL).get({ cutoff }) as { n: number }).n;
  const deletions = ctx.db.prepare('SELECT * FROM retention_deletion ORDER BY id DESC LIMIT 50').all() as DeletionRow[];
  const deletionsTotal = (ctx.db.prepare('SELECT count(*) AS n FROM retention_deletion').get() as { n: number }).n;
  return {
    reviewYears: years,
    settingsVersion: currentVersion(ctx.db, 'settings', 1),
    cutoff,
    total,
    rows: rows.map((r) => toCase(ctx.db, r, today, years)),
    deletions: deletions.map(toDeletion),
    deletionsTotal,
  };
}

// Every table holding a case's rows, children before parents (foreign keys are enforced at once).
// test/db/retention.test.ts checks that this covers every table that refers to a case, so a new
// table added by a later migration cannot be forgotten silently.
export const CASE_ROW_DELETIONS = [
  // The versions of the case and its panels (record_version: the last change to each, not its content).
  "DELETE FROM record_version WHERE kind = 'panel' AND record_id IN (SELECT id FROM panel WHERE escalation_id = @id)",
  "DELETE FROM record_version WHERE kind = 'case' AND record_id = @id",
  'DELETE FROM due_date_history WHERE stage_entry_id IN (SELECT id FROM stage_entry WHERE escalation_id = @id)',
  'DELETE FROM stage_participant WHERE stage_entry_id IN (SELECT id FROM stage_entry WHERE escalation_id = @id)',
  'DELETE FROM stage_entry WHERE escalation_id = @id',
  'DELETE FROM notification WHERE escalation_id = @id',
  'DELETE FROM outcome_action WHERE escalation_id = @id',
  'DELETE FROM outcome WHERE escalation_id = @id',
  'DELETE FROM escalation_theme WHERE escalation_id = @id',
  'DELETE FROM escalation_challenged WHERE escalation_id = @id',
  'DELETE FROM escalation_withdrawal WHERE escalation_id = @id',
  'DELETE FROM escalation_closure WHERE escalation_id = @id',
  'DELETE FROM sign_off_request WHERE escalation_id = @id',
  'DELETE FROM chair_decision WHERE escalation_id = @id',
  'DELETE FROM panel_seat WHERE panel_id IN (SELECT id FROM panel WHERE escalation_id = @id)',
  'DELETE FROM panel_representation WHERE panel_id IN (SELECT id FROM panel WHERE escalation_id = @id)',
  'DELETE FROM panel_departure WHERE panel_id IN (SELECT id FROM panel WHERE escalation_id = @id)',
  'DELETE FROM panel WHERE escalation_id = @id',
  // The register's per-agency copy of the case (kept by migration 0090's triggers, which would
  // remove it with the case anyway): named here so this list stays the whole story.
  'DELETE FROM escalation_agency WHERE escalation_id = @id',
  'DELETE FROM escalation WHERE id = @id',
];

/**
 * Deletes one case after review. Refused (nothing changed) unless the case is closed or withdrawn,
 * past the review period, not waiting on a panel, and the person has typed its reference and given
 * a reason. What remains: a retention_deletion row and an audit entry, each holding the case
 * reference and initials only, with when, by whom and why.
 */
export function deleteCaseAfterReview(
  ctx: WriteContext,
  input: { escalationId: number; confirmReference: string; reason: string },
): RetentionDeletion {
  const row = ctx.db.prepare(`SELECT ${CASE_COLUMNS} FROM ${CASE_FROM} WHERE e.id = ?`).get(input.escalationId) as CaseRow | undefined;
  if (!row) throw new NotFoundError(`There is no escalation with id ${input.escalationId}. Nothing was deleted.`);
  const years = reviewYears(ctx.db);
  const today = todayIso(ctx.now);
  const block = deletionBlock(
    { reference: row.reference, status: row.status, origin: row.origin, closedOn: row.closed_on, plannedPanelOn: row.planned_panel_on },
    today,
    years,
  );
  if (block) throw new DomainError(`This case cannot be deleted: ${block}. Nothing was deleted.`);
  if (referenceKey(input.confirmReference.trim()) !== row.reference_key) {
    throw new DomainError(`To delete it, type the case reference ${row.reference} exactly. Nothing was deleted.`, [
      { where: 'Case reference', message: `Type ${row.reference} to confirm` },
    ]);
  }

  const deletion: RetentionDeletion = {
    reference: row.reference,
    childInitials: row.child_initials,
    closedOn: row.closed_on!,
    reviewYears: years,
    deletedAt: ctx.now.toISOString(),
    deletedBy: ctx.actor,
    reason: input.reason,
  };
  ctx.db
    .prepare(
      'INSERT INTO retention_deletion (escalation_id, reference, child_initials, closed_on, review_years, deleted_at, deleted_by, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      row.id,
      deletion.reference,
      deletion.childInitials,
      deletion.closedOn,
      years,
      deletion.deletedAt,
      deletion.deletedBy,
      deletion.reason,
    );
  // Opens the narrow path the schema's triggers allow (migration 0080), for this case only, and
  // closes it again before the transaction ends.
  ctx.db.prepare('INSERT INTO retention_deletion_pending (escalation_id) VALUES (?)').run(row.id);
  // Overwrite the deleted rows with zeros in the file rather than leave them in free pages.
  const secureDelete = ctx.db.pragma('secure_delete', { simple: true }) as number;
  ctx.db.pragma('secure_delete = ON');
  let rowsDeleted = 0;
  try {
    for (const sql of CASE_ROW_DELETIONS) rowsDeleted += ctx.db.prepare(sql).run({ id: row.id }).changes;
  } catch (error) {
    // Another table still refers to the case (one this version does not know): the transaction
    // rolls back and the case stays whole.
    if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      throw new DomainError(
        `${row.reference} still has records this version of the app does not know how to delete, so nothing was deleted. Please report this.`,
      );
    }
    throw error;
  } finally {
    ctx.db.pragma(`secure_delete = ${secureDelete}`);
  }
  ctx.db.prepare('DELETE FROM retention_deletion_pending WHERE escalation_id = ?').run(row.id);
  appendAudit(ctx, {
    action: 'escalation.deleteAfterReview',
    entity: 'escalation',
    entityId: row.id,
    before: { reference: row.reference, childInitials: row.child_initials, status: row.status, closedOn: deletion.closedOn },
    after: { deleted: true, reason: input.reason, reviewYears: years, rowsDeleted },
  });
  return deletion;
}

/** Every case deleted after review, by its id and reference: what a restore may bring back. */
export function casesDeletedAfterReview(db: AnyDb): { id: number; reference: string }[] {
  return db.prepare('SELECT escalation_id AS id, reference FROM retention_deletion ORDER BY id').all() as {
    id: number;
    reference: string;
  }[];
}

/** Those of the given cases the records hold (after a restore, the deleted cases it brought back). */
export function casesHeld<T extends { id: number }>(db: AnyDb, cases: readonly T[]): T[] {
  const held = db.prepare('SELECT 1 FROM escalation WHERE id = ?');
  return cases.filter((c) => held.get(c.id) !== undefined);
}
