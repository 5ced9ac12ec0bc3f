// The agency directory: partner agencies, their membership of the full board over time and their
// officers. Nothing is removed: retiring an agency or ending a membership keeps the history that
// later questions ("was this agency a board member on the panel's date?") depend on.
import {
  agencyNameKey,
  isBoardMemberOn,
  membershipsOverlap,
  type AgencyDetail,
  type AgencyInput,
  type AgencySummary,
  type Membership,
  type Officer,
  type OfficerInput,
  type Sector,
} from '../../shared/domain/agency';
import { formatUkDate, todayIso } from '../../shared/domain/dates';
import type { ReadableDb, WritableDb } from '../db/types';
import { appendAudit } from './audit';
import type { ReadContext, WriteContext } from './context';
import { DomainError, NotFoundError } from './errors';
import { currentVersion } from './recordVersions';

interface AgencyRow {
  id: number;
  name: string;
  sector: Sector;
  statutory_partner: 0 | 1;
  retired_on: string | null;
}
interface MembershipRow {
  id: number;
  agency_id: number;
  from_date: string;
  to_date: string | null;
}
export interface OfficerRow {
  id: number;
  agency_id: number;
  name: string;
  role: string;
  email: string;
  senior: 0 | 1;
  board_representative: 0 | 1;
  left_on: string | null;
}

type AnyDb = ReadableDb | WritableDb;

const toMembership = (r: MembershipRow): Membership => ({ id: r.id, from: r.from_date, to: r.to_date });
export const toOfficer = (r: OfficerRow): Officer => ({
  id: r.id,
  agencyId: r.agency_id,
  name: r.name,
  role: r.role,
  email: r.email,
  senior: r.senior === 1,
  boardRepresentative: r.board_representative === 1,
  leftOn: r.left_on,
});

function membershipsByAgency(db: AnyDb): Map<number, Membership[]> {
  const map = new Map<number, Membership[]>();
  for (const row of db.prepare('SELECT * FROM board_membership ORDER BY agency_id, from_date').all() as MembershipRow[]) {
    const list = map.get(row.agency_id) ?? [];
    list.push(toMembership(row));
    map.set(row.agency_id, list);
  }
  return map;
}

function currentRepresentatives(db: AnyDb, today: string): Map<number, string> {
  const rows = db
    .prepare('SELECT agency_id, name FROM officer WHERE board_representative = 1 AND (left_on IS NULL OR left_on > ?) ORDER BY id')
    .all(today) as { agency_id: number; name: string }[];
  return new Map(rows.map((r) => [r.agency_id, r.name]));
}

function summarise(row: AgencyRow, memberships: Membership[], representative: string | null, today: string): AgencySummary {
  return {
    id: row.id,
    name: row.name,
    sector: row.sector,
    statutoryPartner: row.statutory_partner === 1,
    retiredOn: row.retired_on,
    boardMemberToday: isBoardMemberOn(memberships, today),
    boardRepresentative: representative,
  };
}

export function listAgencies(ctx: ReadContext, input: { includeRetired: boolean }): AgencySummary[] {
  const today = todayIso(ctx.now);
  const rows = ctx.db
    .prepare(`SELECT * FROM agency ${input.includeRetired ? '' : 'WHERE retired_on IS NULL'} ORDER BY name COLLATE NOCASE`)
    .all() as AgencyRow[];
  const memberships = membershipsByAgency(ctx.db);
  const reps = currentRepresentatives(ctx.db, today);
  return rows.map((r) => summarise(r, memberships.get(r.id) ?? [], reps.get(r.id) ?? null, today));
}

function agencyRow(db: AnyDb, agencyId: number): AgencyRow {
  const row = db.prepare('SELECT * FROM agency WHERE id = ?').get(agencyId) as AgencyRow | undefined;
  if (!row)
    throw new NotFoundError(`There is no agency with id ${agencyId}. It may have been entered on another computer; refresh the directory.`);
  return row;
}

export function getAgency(db: AnyDb, now: Date, agencyId: number): AgencyDetail {
  const today = todayIso(now);
  const row = agencyRow(db, agencyId);
  const memberships = (
    db.prepare('SELECT * FROM board_membership WHERE agency_id = ? ORDER BY from_date').all(agencyId) as MembershipRow[]
  ).map(toMembership);
  const officers = (
    db.prepare('SELECT * FROM officer WHERE agency_id = ? ORDER BY left_on IS NOT NULL, name').all(agencyId) as OfficerRow[]
  ).map(toOfficer);
  const rep = officers.find((o) => o.boardRepresentative && (o.leftOn === null || o.leftOn > today));
  return {
    ...summarise(row, memberships, rep?.name ?? null, today),
    version: currentVersion(db, 'agency', agencyId),
    memberships,
    officers,
  };
}

function refuseDuplicateName(db: WritableDb, name: string, exceptId: number | null): void {
  const clash = db
    .prepare('SELECT id, name, retired_on FROM agency WHERE name_key = ? AND id IS NOT ?')
    .get(agencyNameKey(name), exceptId) as { id: number; name: string; retired_on: string | null } | undefined;
  if (clash) {
    const retired = clash.retired_on ? ` (retired on ${formatUkDate(clash.retired_on)})` : '';
    throw new DomainError(
      `An agency called “${clash.name}”${retired} is already in the directory. Use that entry, or give this one a different name.`,
      [{ where: 'Agency name', message: `Clashes with “${clash.name}”` }],
    );
  }
}

export function createAgency(ctx: WriteContext, input: AgencyInput): AgencyDetail {
  refuseDuplicateName(ctx.db, input.name, null);
  const info = ctx.db
    .prepare('INSERT INTO agency (name, name_key, sector, statutory_partner, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(input.name, agencyNameKey(input.name), input.sector, input.statutoryPartner ? 1 : 0, ctx.now.toISOString());
  const agencyId = Number(info.lastInsertRowid);
  appendAudit(ctx, { action: 'agency.create', entity: 'agency', entityId: agencyId, after: input });
  return getAgency(ctx.db, ctx.now, agencyId);
}

export function updateAgency(ctx: WriteContext, input: AgencyInput & { agencyId: number }): AgencyDetail {
  const before = agencyRow(ctx.db, input.agencyId);
  refuseDuplicateName(ctx.db, input.name, input.agencyId);
  ctx.db
    .prepare('UPDATE agency SET name = ?, name_key = ?, sector = ?, statutory_partner = ? WHERE id = ?')
    .run(input.name, agencyNameKey(input.name), input.sector, input.statutoryPartner ? 1 : 0, input.agencyId);
  appendAudit(ctx, {
    action: 'agency.update',
    entity: 'agency',
    entityId: input.agencyId,
    before: { name: before.name, sector: before.sector, statutoryPartner: before.statutory_partner === 1 },
    after: { name: input.name, sector: input.sector, statutoryPartner: input.statutoryPartner },
  });
  return getAgency(ctx.db, ctx.now, input.agencyId);
}

/** Retiring ends any open board membership on the same day; the agency stays for the history. */
export function retireAgency(ctx: WriteContext, input: { agencyId: number; retiredOn: string }): AgencyDetail {
  const row = agencyRow(ctx.db, input.agencyId);
  if (row.retired_on) throw new DomainError(`“${row.name}” was already retired on ${formatUkDate(row.retired_on)}.`);
  const open = ctx.db
    .prepare('SELECT * FROM board_membership WHERE agency_id = ? AND to_date IS NULL')
    .all(input.agencyId) as MembershipRow[];
  for (const m of open) {
    if (m.from_date > input.retiredOn) {
      throw new DomainError(
        `“${row.name}” joined the board on ${formatUkDate(m.from_date)}, after the retirement date ${formatUkDate(input.retiredOn)}. Choose a later retirement date.`,
        [{ where: 'Retired on', message: `Must be on or after ${formatUkDate(m.from_date)}` }],
      );
    }
    ctx.db.prepare('UPDATE board_membership SET to_date = ? WHERE id = ?').run(input.retiredOn, m.id);
  }
  ctx.db.prepare('UPDATE agency SET retired_on = ? WHERE id = ?').run(input.retiredOn, input.agencyId);
  appendAudit(ctx, {
    action: 'agency.retire',
    entity: 'agency',
    entityId: input.agencyId,
    before: { retiredOn: null },
    after: { retiredOn: input.retiredOn, membershipsEnded: open.map((m) => m.id) },
  });
  return getAgency(ctx.db, ctx.now, input.agencyId);
}

export function addMembership(ctx: WriteContext, input: { agencyId: number; from: string; to: string | null }): AgencyDetail {
  const agency = agencyRow(ctx.db, input.agencyId);
  if (agency.retired_on && input.from > agency.retired_on) {
    throw new DomainError(`“${agency.name}” was retired on ${formatUkDate(agency.retired_on)}; it cannot join the board after that.`, [
      { where: 'Board membership, from', message: `Must be on or before ${formatUkDate(agency.retired_on)}` },
    ]);
  }
  const existing = (ctx.db.prepare('SELECT * FROM board_membership WHERE agency_id = ?').all(input.agencyId) as MembershipRow[]).map(
    toMembership,
  );
  const clash = existing.find((m) => membershipsOverlap(m, input));
  if (clash) {
    const until = clash.to ? `to ${formatUkDate(clash.to)}` : 'with no end date';
    throw new DomainError(
      `“${agency.name}” is already a board member from ${formatUkDate(clash.from)} ${until}; the new period overlaps it.`,
      [{ where: 'Board membership', message: 'Overlaps an existing period' }],
    );
  }
  const info = ctx.db
    .prepare('INSERT INTO board_membership (agency_id, from_date, to_date) VALUES (?, ?, ?)')
    .run(input.agencyId, input.from, input.to);
  appendAudit(ctx, {
    action: 'membership.add',
    entity: 'agency',
    entityId: input.agencyId,
    after: { membershipId: Number(info.lastInsertRowid), from: input.from, to: input.to },
  });
  return getAgency(ctx.db, ctx.now, input.agencyId);
}

export function endMembership(ctx: WriteContext, input: { membershipId: number; to: string }): AgencyDetail {
  const m = ctx.db.prepare('SELECT * FROM board_membership WHERE id = ?').get(input.membershipId) as MembershipRow | undefined;
  if (!m) throw new NotFoundError(`There is no board membership with id ${input.membershipId}.`);
  if (m.to_date) throw new DomainError(`That membership already ended on ${formatUkDate(m.to_date)}.`);
  if (input.to < m.from_date) {
    throw new DomainError(`The membership started on ${formatUkDate(m.from_date)}; it cannot end before then.`, [
      { where: 'Board membership, to', message: `Must be on or after ${formatUkDate(m.from_date)}` },
    ]);
  }
  ctx.db.prepare('UPDATE board_membership SET to_date = ? WHERE id = ?').run(input.to, m.id);
  appendAudit(ctx, {
    action: 'membership.end',
    entity: 'agency',
    entityId: m.agency_id,
    before: { membershipId: m.id, to: null },
    after: { membershipId: m.id, to: input.to },
  });
  return getAgency(ctx.db, ctx.now, m.agency_id);
}

/** An agency has one board representative at a time: naming a new one stands the old one down. */
function standDownOtherRepresentatives(ctx: WriteContext, agencyId: number, keepOfficerId: number): void {
  ctx.db
    .prepare('UPDATE officer SET board_representative = 0 WHERE agency_id = ? AND id != ? AND board_representative = 1')
    .run(agencyId, keepOfficerId);
}

export function addOfficer(ctx: WriteContext, input: OfficerInput & { agencyId: number }): AgencyDetail {
  const agency = agencyRow(ctx.db, input.agencyId);
  if (agency.retired_on) throw new DomainError(`“${agency.name}” is retired; officers cannot be added to it.`);
  const info = ctx.db
    .prepare('INSERT INTO officer (agency_id, name, role, email, senior, board_representative) VALUES (?, ?, ?, ?, ?, ?)')
    .run(input.agencyId, input.name, input.role, input.email, input.senior ? 1 : 0, input.boardRepresentative ? 1 : 0);
  const officerId = Number(info.lastInsertRowid);
  if (input.boardRepresentative) standDownOtherRepresentatives(ctx, input.agencyId, officerId);
  appendAudit(ctx, { action: 'officer.add', entity: 'agency', entityId: input.agencyId, after: { officerId, ...input } });
  return getAgency(ctx.db, ctx.now, input.agencyId);
}

function officerRow(db: AnyDb, officerId: number): OfficerRow {
  const row = db.prepare('SELECT * FROM officer WHERE id = ?').get(officerId) as OfficerRow | undefined;
  if (!row) throw new NotFoundError(`There is no officer with id ${officerId}.`);
  return row;
}

export function updateOfficer(ctx: WriteContext, input: OfficerInput & { officerId: number }): AgencyDetail {
  const before = officerRow(ctx.db, input.officerId);
  if (before.left_on)
    throw new DomainError(`${before.name} left on ${formatUkDate(before.left_on)}; add them again if they have returned.`);
  ctx.db
    .prepare('UPDATE officer SET name = ?, role = ?, email = ?, senior = ?, board_representative = ? WHERE id = ?')
    .run(input.name, input.role, input.email, input.senior ? 1 : 0, input.boardRepresentative ? 1 : 0, input.officerId);
  if (input.boardRepresentative) standDownOtherRepresentatives(ctx, before.agency_id, input.officerId);
  appendAudit(ctx, { action: 'officer.update', entity: 'agency', entityId: before.agency_id, before: toOfficer(before), after: input });
  return getAgency(ctx.db, ctx.now, before.agency_id);
}

/** An officer who leaves (or moves to another agency) keeps their record here with the date they left. */
export function officerLeaves(ctx: WriteContext, input: { officerId: number; leftOn: string }): AgencyDetail {
  const row = officerRow(ctx.db, input.officerId);
  if (row.left_on) throw new DomainError(`${row.name} already left on ${formatUkDate(row.left_on)}.`);
  ctx.db.prepare('UPDATE officer SET left_on = ?, board_representative = 0 WHERE id = ?').run(input.leftOn, input.officerId);
  appendAudit(ctx, {
    action: 'officer.leave',
    entity: 'agency',
    entityId: row.agency_id,
    before: { officerId: row.id, leftOn: null },
    after: { officerId: row.id, leftOn: input.leftOn },
  });
  return getAgency(ctx.db, ctx.now, row.agency_id);
}

/** The full board on a date: each member agency with the senior officers in post then. */
export function boardMembersOn(ctx: ReadContext, date: string): { agency: AgencySummary; seniorOfficers: Officer[] }[] {
  const today = todayIso(ctx.now);
  const rows = ctx.db
    .prepare(
      `SELECT DISTINCT a.* FROM agency a JOIN board_membership m ON m.agency_id = a.id
       WHERE m.from_date <= ? AND (m.to_date IS NULL OR m.to_date >= ?) ORDER BY a.name COLLATE NOCASE`,
    )
    .all(date, date) as AgencyRow[];
  const memberships = membershipsByAgency(ctx.db);
  const reps = currentRepresentatives(ctx.db, today);
  const officers = ctx.db.prepare(
    'SELECT * FROM officer WHERE agency_id = ? AND senior = 1 AND (left_on IS NULL OR left_on > ?) ORDER BY name',
  );
  return rows.map((r) => ({
    agency: summarise(r, memberships.get(r.id) ?? [], reps.get(r.id) ?? null, today),
    seniorOfficers: (officers.all(r.id, date) as OfficerRow[]).map(toOfficer),
  }));
}

/** Whether the directory holds an agency with this id (retired or not). */
export function agencyExists(db: ReadableDb | WritableDb, id: number): boolean {
  return db.prepare('SELECT 1 FROM agency WHERE id = ?').get(id) !== undefined;
}
