// The chair's side of the board stage: the decision on a referred case, and resolution panels
// planned, checked, heard and decided. A panel's decision closes the case through the same
// outcome path as the register (lifecycle.resolve).
import { z } from 'zod';
import { isBoardMemberOn } from '../../../shared/domain/agency';
import { formatUkDate, todayIso } from '../../../shared/domain/dates';
import {
  CHAIR_ROUTES,
  type ChairRoute,
  type PanelDetail,
  type PanelDraft,
  panelSaveInput,
  panelDecisionInput,
} from '../../../shared/domain/panel';
import { CANNOT_BE_FORMED, checkPanel, inPostOn, isPartyTo, panelCannotBeFormed, retiredBy } from '../../../shared/domain/panelChecks';
import { appendAudit } from '../audit';
import type { ReadContext, WriteContext } from '../context';
import { requireHappened } from '../happenedOn';
import { DomainError, NotFoundError } from '../errors';
import { currentVersion } from '../recordVersions';
import { resolve } from '../escalations/lifecycle';
import { requireOpen, type AnyDb } from '../escalations/rows';
import { buildProposal, caseForPanel, disputingAgencies, disputingWithBoardRecord, loadPanelAgency, officersOf } from './proposal';
import { partiesOfCase } from '../escalations/participants';

type PanelSave = z.output<typeof panelSaveInput>;
type PanelDecision = z.output<typeof panelDecisionInput>;

interface PanelRow {
  id: number;
  escalation_id: number;
  sits_on: string;
  chair_officer_id: number | null;
  chair_name: string;
  where_possible_reason: string;
  departure_reason: string;
  status: 'planned' | 'held' | 'cancelled';
  cancel_reason: string | null;
  decision: string | null;
  decided_on: string | null;
}

function panelRow(db: AnyDb, panelId: number): PanelRow {
  const row = db
    .prepare(
      "SELECT p.*, coalesce(d.reason, '') AS departure_reason FROM panel p LEFT JOIN panel_departure d ON d.panel_id = p.id WHERE p.id = ?",
    )
    .get(panelId) as PanelRow | undefined;
  if (!row) throw new NotFoundError(`There is no panel with id ${panelId}.`);
  return row;
}

function seatsOf(db: AnyDb, panelId: number) {
  return db
    .prepare(
      `SELECT s.agency_id AS agencyId, a.name AS agencyName, s.officer_id AS officerId, o.name AS officerName
       FROM panel_seat s LEFT JOIN agency a ON a.id = s.agency_id LEFT JOIN officer o ON o.id = s.officer_id
       WHERE s.panel_id = ? ORDER BY s.seat`,
    )
    .all(panelId) as { agencyId: number | null; agencyName: string | null; officerId: number | null; officerName: string | null }[];
}

function draftOf(db: AnyDb, row: PanelRow): PanelDraft {
  return {
    escalationId: row.escalation_id,
    sitsOn: row.sits_on,
    chairOfficerId: row.chair_officer_id,
    chairName: row.chair_name,
    seats: seatsOf(db, row.id).map((s) => ({ agencyId: s.agencyId, officerId: s.officerId })),
    wherePossibleReason: row.where_possible_reason,
    departureReason: row.departure_reason,
  };
}

/**
 * Every check for a proposal, live: the same function the saved panel is judged by. A panel that
 * has sat (or was cancelled) is judged as things stood on its date, not against today.
 */
export function checkDraft(db: AnyDb, now: Date, draft: PanelDraft, asOf: string | null = null) {
  const proposal = buildProposal(db, now, draft);
  return checkPanel(asOf === null ? proposal : { ...proposal, today: asOf });
}

/**
 * Records the chair's decision. Returns warnings the chair must see: choosing a resolution panel
 * that this policy cannot form for the case is allowed (the chair may then record a departure),
 * but never silently.
 */
export function chairDecide(
  ctx: WriteContext,
  input: { escalationId: number; route: ChairRoute; decidedOn: string; reasons: string; decidedBy: string },
): string[] {
  const { row, profile, stage } = caseForPanel(ctx.db, input.escalationId);
  requireOpen(row, 'decided on by the chair');
  requireHappened(ctx.now, input.decidedOn, 'The chair’s decision', 'Date decided');
  const finalStage = profile.stages[profile.stages.length - 1]!;
  if (stage.number !== finalStage.number) {
    throw new DomainError(
      `Escalation ${row.reference} is at stage ${stage.number} (${stage.name}); the chair decides once it reaches stage ${finalStage.number} (${finalStage.name}).`,
    );
  }
  if (input.route === 'resolution_panel' && profile.panelRule.kind !== 'three_agency_panel') {
    throw new DomainError(`${profile.name} does not provide for a three-agency resolution panel.`, [
      { where: 'Decision', message: 'Choose another route' },
    ]);
  }
  if (input.route === 'uninvolved_chair_meeting' && profile.panelRule.kind !== 'uninvolved_chair_meeting') {
    throw new DomainError(`${profile.name} does not provide for a meeting chaired by an uninvolved agency.`, [
      { where: 'Decision', message: 'Choose another route' },
    ]);
  }
  ctx.db
    .prepare('INSERT INTO chair_decision (escalation_id, decided_on, route, reasons, decided_by, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(row.id, input.decidedOn, input.route, input.reasons, input.decidedBy, ctx.now.toISOString());
  const unformable =
    input.route === 'resolution_panel'
      ? panelCannotBeFormed(profile.panelRule, disputingWithBoardRecord(ctx.db, row), input.decidedOn)
      : null;
  const warnings = unformable
    ? [
        `${CANNOT_BE_FORMED} (as the board stood on ${formatUkDate(input.decidedOn)}).`,
        ...unformable.reasons,
        `Instead: ${unformable.alternatives.join(' Or: ')}`,
      ]
    : [];
  appendAudit(ctx, {
    action: 'escalation.chairDecision',
    entity: 'escalation',
    entityId: row.id,
    after: {
      route: input.route,
      routeLabel: CHAIR_ROUTES[input.route],
      decidedOn: input.decidedOn,
      reasons: input.reasons,
      decidedBy: input.decidedBy,
      ...(warnings.length && { warnings }),
    },
  });
  return warnings;
}

export function panelOptions(ctx: ReadContext, input: { escalationId: number; sitsOn: string | null }) {
  const { row, profile, stage } = caseForPanel(ctx.db, input.escalationId);
  const date = input.sitsOn ?? todayIso(ctx.now);
  const disputing = disputingAgencies(ctx.db, row);
  const { parties, fromText } = partiesOfCase(ctx.db, row.id, row.raising_worker_email);
  const agencies = (ctx.db.prepare('SELECT id FROM agency ORDER BY name COLLATE NOCASE').all() as { id: number }[]).map(({ id }) => {
    const agency = loadPanelAgency(ctx.db, id)!;
    const officers = officersOf(ctx.db, id).filter((o) => inPostOn(o, date));
    return {
      id,
      name: agency.name,
      boardMember: !retiredBy(agency, date) && isBoardMemberOn(agency.memberships, date),
      disputing: disputing.some((d) => d.id === id),
      officers: officers.map((o) => ({
        id: o.id,
        name: o.name,
        role: o.role,
        senior: o.senior,
        boardRepresentative: o.boardRepresentative,
        isParty: isPartyTo(parties, o),
      })),
    };
  });
  const rule = profile.panelRule;
  const unformable = panelCannotBeFormed(rule, disputingWithBoardRecord(ctx.db, row), date);
  const who = rule.boardRepresentativesOnly ? 'board representatives' : rule.seniorOfficersOnly ? 'senior officers' : 'officers';
  const ruleSummary =
    rule.kind === 'three_agency_panel'
      ? `${profile.name}: ${who} of three agencies${rule.membersMustBeFullBoard ? ' that are members of the full board' : ''}; the agencies in dispute ${rule.disputingAgenciesOnPanel === 'required' ? 'must be on the panel' : 'sit on it where possible'}.`
      : rule.kind === 'uninvolved_chair_meeting'
        ? `${profile.name}: a board member from an agency not involved chairs a meeting of ${who} of the agencies in dispute.`
        : `${profile.name} does not provide for a resolution panel.`;
  return {
    escalationId: row.id,
    reference: row.reference,
    rule,
    ruleSummary,
    seatCount: rule.kind === 'three_agency_panel' ? 3 : Math.max(2, disputing.length),
    stage,
    disputing,
    parties: [...new Set(parties.map((p) => p.name || p.email))],
    partiesFromText: fromText,
    cannotBeFormed: unformable ? { reasons: unformable.reasons, alternatives: unformable.alternatives } : null,
    agencies,
  };
}

export function getPanel(db: AnyDb, now: Date, panelId: number): PanelDetail {
  const row = panelRow(db, panelId);
  const { row: escalation } = caseForPanel(db, row.escalation_id);
  const representations = (
    db
      .prepare(
        'SELECT r.*, a.name AS agency_name FROM panel_representation r LEFT JOIN agency a ON a.id = r.from_agency_id WHERE r.panel_id = ? ORDER BY r.received_on, r.id',
      )
      .all(panelId) as {
      id: number;
      agency_name: string | null;
      from_person: string;
      received_on: string;
      summary: string;
    }[]
  ).map((r) => ({ id: r.id, fromAgency: r.agency_name, fromPerson: r.from_person, receivedOn: r.received_on, summary: r.summary }));
  return {
    id: row.id,
    version: currentVersion(db, 'panel', row.id),
    caseVersion: currentVersion(db, 'case', row.escalation_id),
    escalationId: row.escalation_id,
    reference: escalation.reference,
    sitsOn: row.sits_on,
    chairOfficerId: row.chair_officer_id,
    chairName: row.chair_name,
    seats: seatsOf(db, row.id),
    wherePossibleReason: row.where_possible_reason,
    departureReason: row.departure_reason,
    status: row.status,
    cancelReason: row.cancel_reason,
    decision: row.decision,
    decidedOn: row.decided_on,
    checks: checkDraft(db, now, draftOf(db, row), row.status === 'planned' ? null : row.sits_on),
    representations,
  };
}

export function savePanel(ctx: WriteContext, input: PanelSave): number {
  const { row: escalation } = caseForPanel(ctx.db, input.escalationId);
  requireOpen(escalation, 'given a panel');
  const decision = ctx.db
    .prepare('SELECT route FROM chair_decision WHERE escalation_id = ? ORDER BY id DESC LIMIT 1')
    .get(escalation.id) as { route: ChairRoute } | undefined;
  if (!decision || (decision.route !== 'resolution_panel' && decision.route !== 'uninvolved_chair_meeting')) {
    throw new DomainError(`Record the chair’s decision to convene a panel for ${escalation.reference} before planning one.`);
  }
  const chairName =
    input.chairOfficerId === null
      ? input.chairName
      : ((ctx.db.prepare('SELECT name FROM officer WHERE id = ?').get(input.chairOfficerId) as { name: string } | undefined)?.name ?? '');
  if (chairName === '')
    throw new DomainError('Name the panel chair: choose an officer, or type a name such as “Independent chair”.', [
      { where: 'Panel chair', message: 'Required' },
    ]);
  if (input.departureReason !== '') {
    // A departure is for a panel the policy cannot form; anywhere else it would be a way round the checks.
    const draft = checkDraft(ctx.db, ctx.now, input);
    if (!draft.cannotBeFormed)
      throw new DomainError(
        'This policy’s panel can be formed for this case, so no departure from the policy is recorded: clear the reason for departing and meet the checks.',
        [{ where: 'Reason for departing from the policy', message: 'Leave it empty' }],
      );
  }
  let panelId = input.panelId;
  const before = panelId === null ? null : getPanel(ctx.db, ctx.now, panelId);
  if (before) {
    if (before.escalationId !== input.escalationId) throw new DomainError('That panel belongs to another escalation.');
    if (before.status !== 'planned')
      throw new DomainError(
        `This panel is ${before.status}${before.decidedOn ? ` (decided ${formatUkDate(before.decidedOn)})` : ''}; its membership cannot be changed.`,
      );
    ctx.db
      .prepare('UPDATE panel SET sits_on = ?, chair_officer_id = ?, chair_name = ?, where_possible_reason = ? WHERE id = ?')
      .run(input.sitsOn, input.chairOfficerId, chairName, input.wherePossibleReason, panelId);
    ctx.db.prepare('DELETE FROM panel_seat WHERE panel_id = ?').run(panelId);
  } else {
    const planned = ctx.db.prepare("SELECT sits_on FROM panel WHERE escalation_id = ? AND status = 'planned'").get(input.escalationId) as
      { sits_on: string } | undefined;
    if (planned)
      throw new DomainError(
        `${escalation.reference} already has a panel planned for ${formatUkDate(planned.sits_on)}: open that panel to change it, or cancel it first.`,
      );
    const info = ctx.db
      .prepare(
        'INSERT INTO panel (escalation_id, sits_on, chair_officer_id, chair_name, where_possible_reason, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(input.escalationId, input.sitsOn, input.chairOfficerId, chairName, input.wherePossibleReason, ctx.now.toISOString());
    panelId = Number(info.lastInsertRowid);
  }
  if (input.departureReason === '') ctx.db.prepare('DELETE FROM panel_departure WHERE panel_id = ?').run(panelId);
  else if (input.departureReason !== before?.departureReason)
    ctx.db
      .prepare(
        'INSERT INTO panel_departure (panel_id, reason, recorded_at, recorded_by) VALUES (?, ?, ?, ?) ON CONFLICT (panel_id) DO UPDATE SET reason = excluded.reason, recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by',
      )
      .run(panelId, input.departureReason, ctx.now.toISOString(), ctx.actor);
  const seat = ctx.db.prepare('INSERT INTO panel_seat (panel_id, seat, agency_id, officer_id) VALUES (?, ?, ?, ?)');
  input.seats.forEach((s, i) => seat.run(panelId, i + 1, s.agencyId, s.officerId));
  const after = getPanel(ctx.db, ctx.now, panelId!);
  appendAudit(ctx, {
    action: before ? 'panel.update' : 'panel.plan',
    entity: 'escalation',
    entityId: input.escalationId,
    before: before
      ? {
          panelId,
          sitsOn: before.sitsOn,
          chair: before.chairName,
          seats: before.seats.map((s) => `${s.agencyName ?? '?'}: ${s.officerName ?? '?'}`),
        }
      : undefined,
    after: {
      panelId,
      sitsOn: input.sitsOn,
      chair: chairName,
      seats: after.seats.map((s) => `${s.agencyName ?? '?'}: ${s.officerName ?? '?'}`),
      valid: after.checks.valid,
      wherePossibleReason: input.wherePossibleReason,
      ...(input.departureReason && { departureReason: input.departureReason, cannotBeFormed: after.checks.cannotBeFormed?.reasons ?? [] }),
    },
  });
  return panelId!;
}

export function addRepresentation(
  ctx: WriteContext,
  input: { panelId: number; fromAgencyId: number | null; fromPerson: string; receivedOn: string; summary: string },
): void {
  const row = panelRow(ctx.db, input.panelId);
  if (row.status !== 'planned') throw new DomainError(`This panel is ${row.status}; representations are received before it decides.`);
  requireHappened(ctx.now, input.receivedOn, 'The representation', 'Date received');
  ctx.db
    .prepare('INSERT INTO panel_representation (panel_id, from_agency_id, from_person, received_on, summary) VALUES (?, ?, ?, ?, ?)')
    .run(input.panelId, input.fromAgencyId, input.fromPerson, input.receivedOn, input.summary);
  appendAudit(ctx, {
    action: 'panel.representation',
    entity: 'escalation',
    entityId: row.escalation_id,
    after: { panelId: row.id, fromPerson: input.fromPerson, receivedOn: input.receivedOn, summary: input.summary },
  });
}

/** The panel decides: its checks must hold, then the case is resolved through the register's outcome path. */
export function recordPanelDecision(ctx: WriteContext, input: PanelDecision): number {
  const panel = getPanel(ctx.db, ctx.now, input.panelId);
  if (panel.status !== 'planned') throw new DomainError(`This panel is already ${panel.status}.`);
  // A panel the policy cannot form sits only under the chair's recorded departure, and is never called valid.
  if (!panel.checks.valid && !panel.checks.heldUnderDeparture) {
    const failing = panel.checks.checks.filter((c) => c.status === 'fail').flatMap((c) => c.messages);
    throw new DomainError(
      'The panel’s membership does not yet pass its checks, so its decision cannot be recorded. Fix the panel first.',
      failing.map((m) => ({ where: 'Panel', message: m })),
    );
  }
  if (input.decidedOn < panel.sitsOn)
    throw new DomainError(`The panel sits on ${formatUkDate(panel.sitsOn)}; its decision cannot be dated before then.`, [
      { where: 'Date decided', message: `On or after ${panel.sitsOn}` },
    ]);
  // A panel that has not sat yet has decided nothing: it stays planned until then.
  requireHappened(ctx.now, input.decidedOn, 'The panel’s decision', 'Date decided');
  ctx.db
    .prepare("UPDATE panel SET status = 'held', decision = ?, decided_on = ? WHERE id = ?")
    .run(input.decision, input.decidedOn, panel.id);
  appendAudit(ctx, {
    action: 'panel.decision',
    entity: 'escalation',
    entityId: panel.escalationId,
    after: {
      panelId: panel.id,
      decidedOn: input.decidedOn,
      decision: input.decision,
      ...(panel.checks.heldUnderDeparture && { departureReason: panel.checks.departureReason }),
    },
  });
  resolve(ctx, {
    escalationId: panel.escalationId,
    resolvedOn: input.decidedOn,
    statement: input.statement,
    effect: input.effect,
    agreedBy: input.agreedBy,
    actions: input.actions,
    themeIds: input.themeIds,
    policyGap: input.policyGap,
    policyGapNote: input.policyGapNote,
    confirmedNoChildName: input.confirmedNoChildName,
  });
  return panel.escalationId;
}

export function cancelPanel(ctx: WriteContext, input: { panelId: number; reason: string }): void {
  const row = panelRow(ctx.db, input.panelId);
  if (row.status !== 'planned') throw new DomainError(`This panel is already ${row.status}.`);
  ctx.db.prepare("UPDATE panel SET status = 'cancelled', cancel_reason = ? WHERE id = ?").run(input.reason, row.id);
  appendAudit(ctx, {
    action: 'panel.cancel',
    entity: 'escalation',
    entityId: row.escalation_id,
    after: { panelId: row.id, reason: input.reason },
  });
}

export function listPanels(ctx: ReadContext) {
  const today = todayIso(ctx.now);
  const rows = ctx.db.prepare('SELECT p.id FROM panel p ORDER BY p.sits_on DESC, p.id DESC LIMIT 500').all() as { id: number }[];
  return rows.map(({ id }) => {
    const p = getPanel(ctx.db, ctx.now, id);
    return {
      id: p.id,
      escalationId: p.escalationId,
      reference: p.reference,
      sitsOn: p.sitsOn,
      status: p.status,
      chairName: p.chairName,
      agencies: p.seats.map((s) => s.agencyName ?? '(empty seat)').join(', '),
      valid: p.checks.valid,
      underDeparture: p.checks.heldUnderDeparture,
      failing: p.checks.checks.filter((c) => c.status === 'fail').flatMap((c) => c.messages),
      upcoming: p.sitsOn >= today && p.status === 'planned',
    };
  });
}
