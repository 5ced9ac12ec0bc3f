// Gathers from the database everything checkPanel() needs to judge a proposed panel: the case's
// own panel rule, who is in dispute, who is a party, the board as it stands on the panel's date.
import type { Membership } from '../../../shared/domain/agency';
import { todayIso } from '../../../shared/domain/dates';
import type { PanelDraft } from '../../../shared/domain/panel';
import type { DisputingAgency, PanelAgency, PanelOfficer, PanelProposal, Party } from '../../../shared/domain/panelChecks';
import { partiesOfCase } from '../escalations/participants';
import { stageNameOf, type PolicyProfile } from '../../../shared/domain/policyProfiles';
import { loadCalendar } from '../calendar';
import { toOfficer as toDirectoryOfficer, type OfficerRow as AgencyOfficerRow } from '../agencies';
import { DomainError } from '../errors';
import { loadProfile } from '../policyVersions';
import { escalationRow, type AnyDb, type EscalationRow } from '../escalations/rows';

export function loadPanelAgency(db: AnyDb, agencyId: number): PanelAgency | null {
  const row = db.prepare('SELECT id, name, retired_on FROM agency WHERE id = ?').get(agencyId) as
    { id: number; name: string; retired_on: string | null } | undefined;
  if (!row) return null;
  const memberships = (
    db.prepare('SELECT id, from_date, to_date FROM board_membership WHERE agency_id = ? ORDER BY from_date').all(agencyId) as {
      id: number;
      from_date: string;
      to_date: string | null;
    }[]
  ).map((m): Membership => ({ id: m.id, from: m.from_date, to: m.to_date }));
  return { id: row.id, name: row.name, retiredOn: row.retired_on, memberships };
}

const OFFICER_SQL = 'SELECT o.*, a.name AS agency_name FROM officer o JOIN agency a ON a.id = o.agency_id';
// The directory's officer, plus the agency name the checks quote in their sentences.
type OfficerRow = AgencyOfficerRow & { agency_name: string };
const toOfficer = (r: OfficerRow): PanelOfficer => ({ ...toDirectoryOfficer(r), agencyName: r.agency_name });

export function loadPanelOfficer(db: AnyDb, officerId: number): PanelOfficer | null {
  const row = db.prepare(`${OFFICER_SQL} WHERE o.id = ?`).get(officerId) as OfficerRow | undefined;
  return row ? toOfficer(row) : null;
}

export function officersOf(db: AnyDb, agencyId: number): PanelOfficer[] {
  return (db.prepare(`${OFFICER_SQL} WHERE o.agency_id = ? ORDER BY o.name`).all(agencyId) as OfficerRow[]).map(toOfficer);
}

export function disputingAgencies(db: AnyDb, row: EscalationRow): { id: number; name: string }[] {
  return db
    .prepare(
      `SELECT a.id, a.name FROM agency a WHERE a.id = ?
       UNION SELECT a.id, a.name FROM escalation_challenged ec JOIN agency a ON a.id = ec.agency_id WHERE ec.escalation_id = ?`,
    )
    .all(row.raising_agency_id, row.id) as { id: number; name: string }[];
}

/** The people who took part in the disagreement: recorded at any stage, read from old free text, and the raising worker. */
export function partiesOf(db: AnyDb, row: EscalationRow): Party[] {
  return partiesOfCase(db, row.id, row.raising_worker_email).parties;
}

/** The agencies in dispute with their board record, so the check can tell whether the policy's panel can be formed. */
export function disputingWithBoardRecord(db: AnyDb, row: EscalationRow): DisputingAgency[] {
  return disputingAgencies(db, row).map((d) => loadPanelAgency(db, d.id) ?? d);
}

export interface CaseForPanel {
  row: EscalationRow;
  profile: PolicyProfile;
  stage: { number: number; name: string; dueOn: string | null };
}

export function caseForPanel(db: AnyDb, escalationId: number): CaseForPanel {
  const row = escalationRow(db, escalationId);
  const { profile } = loadProfile(db, row.profile_id);
  const lastStage = db
    .prepare('SELECT stage_number, due_on FROM stage_entry WHERE escalation_id = ? ORDER BY id DESC LIMIT 1')
    .get(row.id) as { stage_number: number; due_on: string | null } | undefined;
  if (!lastStage) throw new DomainError(`Escalation ${row.reference} has no stages recorded.`);
  const stageName = stageNameOf(profile, lastStage.stage_number);
  return { row, profile, stage: { number: lastStage.stage_number, name: stageName, dueOn: lastStage.due_on } };
}

export function buildProposal(db: AnyDb, now: Date, draft: PanelDraft): PanelProposal {
  const { row, profile, stage } = caseForPanel(db, draft.escalationId);
  const chairOfficer = draft.chairOfficerId === null ? null : loadPanelOfficer(db, draft.chairOfficerId);
  return {
    rule: profile.panelRule,
    sitsOn: draft.sitsOn,
    seats: draft.seats.map((s) => ({
      agency: s.agencyId === null ? null : loadPanelAgency(db, s.agencyId),
      officer: s.officerId === null ? null : loadPanelOfficer(db, s.officerId),
    })),
    chair: { officer: chairOfficer, name: chairOfficer?.name ?? draft.chairName },
    disputing: disputingWithBoardRecord(db, row),
    partiesToDisagreement: partiesOf(db, row),
    wherePossibleReason: draft.wherePossibleReason,
    departureReason: draft.departureReason,
    stage,
    calendar: loadCalendar(db),
    today: todayIso(now),
  };
}
