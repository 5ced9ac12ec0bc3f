// The chair's sign-off (issue 16, item 4). Where the board has a chair account the coordinator
// asks, and the chair signs off (closing the case) or declines with a reason, in the app under
// their own account; where it has none, the coordinator records who signed off and how (close()).
// Every way of closing shows the consequent actions still open first and needs them acknowledged,
// so a case is never closed with work outstanding unseen.
import { formatUkDate, todayIso } from '../../../shared/domain/dates';
import type { ClosureWay, PendingSignOff, SignOffRequest } from '../../../shared/domain/signOff';
import { SIGN_OFF_WAYS } from '../../../shared/domain/signOff';
import type { SignedInUser } from '../../../shared/domain/accounts';
import { appendAudit } from '../audit';
import type { WriteContext } from '../context';
import { DomainError } from '../errors';
import { requireHappened } from '../happenedOn';
import { escalationRow, requireNotBefore, type AnyDb, type EscalationRow } from './rows';

/** Whether the board has a chair who can sign in: then the chair signs off in the app, and only there. */
export function chairHasAccount(db: AnyDb): boolean {
  return db.prepare("SELECT 1 FROM app_user WHERE role = 'chair' AND disabled_on IS NULL LIMIT 1").get() !== undefined;
}

interface OpenAction {
  description: string;
  owner: string;
  due_on: string;
}

function openActions(db: AnyDb, escalationId: number): OpenAction[] {
  return db
    .prepare('SELECT description, owner, due_on FROM outcome_action WHERE escalation_id = ? AND done_on IS NULL ORDER BY due_on, id')
    .all(escalationId) as OpenAction[];
}

/** Refuses, listing them, while consequent actions are open and the person has not said they know. */
function requireOpenActionsNoted(db: AnyDb, row: EscalationRow, noted: boolean): OpenAction[] {
  const open = openActions(db, row.id);
  if (open.length === 0 || noted) return open;
  const listed = open.map((a) => `${a.description} (${a.owner}, due ${formatUkDate(a.due_on)})`);
  throw new DomainError(
    `${open.length === 1 ? 'One consequent action is' : `${open.length} consequent actions are`} still open on ${row.reference}: ${listed.join('; ')}. Mark ${open.length === 1 ? 'it' : 'them'} done first, or confirm the case closes with ${open.length === 1 ? 'it' : 'them'} open. Nothing was changed.`,
    open.map((a, i) => ({ where: `Open action ${i + 1}`, message: `${a.description}: ${a.owner}, due ${formatUkDate(a.due_on)}` })),
  );
}

function requireEnded(row: EscalationRow, doing: string): void {
  if (row.status !== 'resolved' && row.status !== 'withdrawn') {
    throw new DomainError(`Escalation ${row.reference} is ${row.status}: the chair ${doing} a case once it is resolved or withdrawn.`);
  }
}

function waitingRequest(db: AnyDb, escalationId: number): { id: number } | undefined {
  return db.prepare('SELECT id FROM sign_off_request WHERE escalation_id = ? AND answer IS NULL').get(escalationId) as
    { id: number } | undefined;
}

/** The one way a case is closed, whoever signed it off: the closure row, the status, and its audit entry. */
function closeCase(
  ctx: WriteContext,
  row: EscalationRow,
  closure: { on: string; chairName: string; how: ClosureWay; signedByUserId: number | null; openActions: OpenAction[] },
): void {
  requireNotBefore(closure.on, row.ended_on!, 'The chair’s sign-off', 'Date');
  requireHappened(ctx.now, closure.on, 'The chair’s sign-off', 'Signed off on');
  ctx.db
    .prepare('INSERT INTO escalation_closure (escalation_id, on_date, chair_name, how, signed_by_user_id) VALUES (?, ?, ?, ?, ?)')
    .run(row.id, closure.on, closure.chairName, closure.how, closure.signedByUserId);
  ctx.db.prepare("UPDATE escalation SET status = 'closed' WHERE id = ?").run(row.id);
  appendAudit(ctx, {
    action: 'escalation.close',
    entity: 'escalation',
    entityId: row.id,
    before: { status: row.status },
    after: {
      status: 'closed',
      on: closure.on,
      chairName: closure.chairName,
      how: closure.how,
      openActions: closure.openActions.map((a) => a.description),
    },
  });
}

/** The coordinator records a sign-off given outside the app: only where the board has no chair account. */
export function close(
  ctx: WriteContext,
  input: { escalationId: number; on: string; chairName: string; how: keyof typeof SIGN_OFF_WAYS; openActionsNoted: boolean },
): void {
  const row = escalationRow(ctx.db, input.escalationId);
  requireEnded(row, 'signs off');
  if (chairHasAccount(ctx.db)) {
    throw new DomainError(
      `The board’s chair has an account, so the chair signs off ${row.reference} in the app: ask the chair for sign-off, and the case closes when they sign. Nothing was changed.`,
    );
  }
  const open = requireOpenActionsNoted(ctx.db, row, input.openActionsNoted);
  closeCase(ctx, row, { on: input.on, chairName: input.chairName, how: input.how, signedByUserId: null, openActions: open });
}

/** The coordinator asks the chair to sign off a resolved or withdrawn case; the chair sees it in their list. */
export function requestSignOff(ctx: WriteContext, input: { escalationId: number; note: string; openActionsNoted: boolean }): void {
  const row = escalationRow(ctx.db, input.escalationId);
  requireEnded(row, 'signs off');
  if (!chairHasAccount(ctx.db)) {
    throw new DomainError(
      'The board has no chair account, so the chair cannot sign off in the app: record who signed it off and how instead. Nothing was changed.',
    );
  }
  if (waitingRequest(ctx.db, row.id)) throw new DomainError(`The chair has already been asked to sign off ${row.reference}.`);
  const open = requireOpenActionsNoted(ctx.db, row, input.openActionsNoted);
  const id = Number(
    ctx.db
      .prepare('INSERT INTO sign_off_request (escalation_id, requested_at, requested_by, note) VALUES (?, ?, ?, ?)')
      .run(row.id, ctx.now.toISOString(), ctx.actor, input.note).lastInsertRowid,
  );
  appendAudit(ctx, {
    action: 'escalation.signOffRequested',
    entity: 'escalation',
    entityId: row.id,
    after: { requestId: id, note: input.note, openActions: open.map((a) => a.description) },
  });
}

function requireWaiting(ctx: WriteContext, row: EscalationRow): number {
  const waiting = waitingRequest(ctx.db, row.id);
  if (!waiting) throw new DomainError(`Nobody has asked the chair to sign off ${row.reference}, or the request was already answered.`);
  return waiting.id;
}

/** Who is answering: the signed-in chair's account (a trusted in-process caller has none, and is named as given). */
type Answerer = Pick<SignedInUser, 'id' | 'displayName'> | null;

/** The chair signs off in the app: the request is answered and the case closes, today, under the chair's account. */
export function signOff(ctx: WriteContext, input: { escalationId: number; openActionsNoted: boolean }, chair: Answerer): void {
  const row = escalationRow(ctx.db, input.escalationId);
  requireEnded(row, 'signs off');
  const requestId = requireWaiting(ctx, row);
  const open = requireOpenActionsNoted(ctx.db, row, input.openActionsNoted);
  ctx.db
    .prepare(
      "UPDATE sign_off_request SET answer = 'signed_off', answered_at = ?, answered_by = ?, answered_by_user_id = ? WHERE id = ? AND answer IS NULL",
    )
    .run(ctx.now.toISOString(), ctx.actor, chair?.id ?? null, requestId);
  const chairName = chair?.displayName ?? ctx.actor;
  closeCase(ctx, row, { on: todayIso(ctx.now), chairName, how: 'in_app', signedByUserId: chair?.id ?? null, openActions: open });
}

/** The chair declines to sign off, saying why: the case stays as it is, and the coordinator may ask again. */
export function declineSignOff(ctx: WriteContext, input: { escalationId: number; reason: string }, chair: Answerer): void {
  const row = escalationRow(ctx.db, input.escalationId);
  requireEnded(row, 'declines to sign off');
  const requestId = requireWaiting(ctx, row);
  ctx.db
    .prepare(
      "UPDATE sign_off_request SET answer = 'declined', answered_at = ?, answered_by = ?, answered_by_user_id = ?, decline_reason = ? WHERE id = ? AND answer IS NULL",
    )
    .run(ctx.now.toISOString(), ctx.actor, chair?.id ?? null, input.reason, requestId);
  appendAudit(ctx, {
    action: 'escalation.signOffDeclined',
    entity: 'escalation',
    entityId: row.id,
    after: { requestId, reason: input.reason },
  });
}

interface RequestRow {
  id: number;
  requested_at: string;
  requested_by: string;
  note: string;
  answer: 'signed_off' | 'declined' | null;
  answered_at: string | null;
  answered_by: string | null;
  decline_reason: string | null;
}

/** A case's sign-off requests, oldest first, as the case page shows them. */
export function signOffRequests(db: AnyDb, escalationId: number): SignOffRequest[] {
  return (db.prepare('SELECT * FROM sign_off_request WHERE escalation_id = ? ORDER BY id').all(escalationId) as RequestRow[]).map((r) => ({
    id: r.id,
    requestedAt: r.requested_at,
    requestedBy: r.requested_by,
    note: r.note,
    answer: r.answer,
    answeredAt: r.answered_at,
    answeredBy: r.answered_by,
    declineReason: r.decline_reason,
  }));
}

/** The cases waiting for the chair's sign-off, longest waiting first: the chair's list. */
export function pendingSignOffs(db: AnyDb): PendingSignOff[] {
  return (
    db
      .prepare(
        `SELECT e.id AS escalationId, e.reference, e.status, r.requested_at AS requestedAt, r.requested_by AS requestedBy, r.note,
                (SELECT count(*) FROM outcome_action a WHERE a.escalation_id = e.id AND a.done_on IS NULL) AS openActions
           FROM sign_off_request r JOIN escalation e ON e.id = r.escalation_id
          WHERE r.answer IS NULL ORDER BY r.requested_at, r.id`,
      )
      .all() as PendingSignOff[]
  ).filter((p) => p.status === 'resolved' || p.status === 'withdrawn');
}
