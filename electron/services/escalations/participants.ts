// The people who took part at each stage: read for the case page and the panel check, replaced for
// the open stage when its discussion is recorded.
import {
  describeParticipant,
  namesInFreeText,
  type StageParticipant,
  type StageParticipantInput,
} from '../../../shared/domain/stageParticipants';
import type { Party } from '../../../shared/domain/panelChecks';
import type { WriteContext } from '../context';
import { DomainError } from '../errors';
import type { AnyDb } from './rows';

interface ParticipantRow {
  stage_entry_id: number;
  name: string;
  agency_id: number | null;
  agency_name: string | null;
  role: string;
  officer_id: number | null;
  officer_email: string | null;
}

const PEOPLE_SQL = `SELECT p.stage_entry_id, p.name, p.agency_id, a.name AS agency_name, p.role, p.officer_id, o.email AS officer_email
  FROM stage_participant p LEFT JOIN agency a ON a.id = p.agency_id LEFT JOIN officer o ON o.id = p.officer_id`;

const toParticipant = (r: ParticipantRow): StageParticipant => ({
  name: r.name,
  agencyId: r.agency_id,
  agencyName: r.agency_name,
  role: r.role,
  officerId: r.officer_id,
});

/** Every stage's people for one case, by stage entry id, in the order they were recorded. */
export function peopleByStage(db: AnyDb, escalationId: number): Map<number, StageParticipant[]> {
  const rows = db
    .prepare(`${PEOPLE_SQL} JOIN stage_entry s ON s.id = p.stage_entry_id WHERE s.escalation_id = ? ORDER BY p.stage_entry_id, p.position`)
    .all(escalationId) as ParticipantRow[];
  const byStage = new Map<number, StageParticipant[]>();
  for (const r of rows) byStage.set(r.stage_entry_id, [...(byStage.get(r.stage_entry_id) ?? []), toParticipant(r)]);
  return byStage;
}

/**
 * Replaces the open stage's people. Each directory officer must exist, and belong to the agency
 * given with them (the agency is taken from the directory when none is given). Returns the people
 * as described for the audit trail.
 */
export function replaceStagePeople(ctx: WriteContext, stageEntryId: number, people: readonly StageParticipantInput[]): string[] {
  const officer = ctx.db.prepare(
    'SELECT o.id, o.name, o.agency_id, a.name AS agency_name FROM officer o JOIN agency a ON a.id = o.agency_id WHERE o.id = ?',
  );
  const agency = ctx.db.prepare('SELECT id, name FROM agency WHERE id = ?');
  const resolved = people.map((p, i) => {
    const where = `Person ${i + 1} who took part`;
    let agencyName: string | null = null;
    let agencyId = p.agencyId;
    if (agencyId !== null) {
      const a = agency.get(agencyId) as { id: number; name: string } | undefined;
      if (!a)
        throw new DomainError(`There is no agency with id ${agencyId} in the directory.`, [
          { where, message: 'Choose their agency from the directory' },
        ]);
      agencyName = a.name;
    }
    if (p.officerId !== null) {
      const o = officer.get(p.officerId) as { id: number; name: string; agency_id: number; agency_name: string } | undefined;
      if (!o)
        throw new DomainError(`There is no officer with id ${p.officerId} in the directory.`, [
          { where, message: 'Choose the officer from the directory, or leave it empty' },
        ]);
      if (agencyId !== null && agencyId !== o.agency_id)
        throw new DomainError(`${o.name} is recorded at ${o.agency_name}, not ${agencyName ?? ''}.`, [
          { where, message: `Choose ${o.agency_name} as their agency, or another officer` },
        ]);
      agencyId = o.agency_id;
      agencyName = o.agency_name;
    }
    return { ...p, agencyId, agencyName };
  });
  ctx.db.prepare('DELETE FROM stage_participant WHERE stage_entry_id = ?').run(stageEntryId);
  const insert = ctx.db.prepare(
    'INSERT INTO stage_participant (stage_entry_id, position, name, agency_id, role, officer_id) VALUES (?, ?, ?, ?, ?, ?)',
  );
  resolved.forEach((p, i) => insert.run(stageEntryId, i + 1, p.name, p.agencyId, p.role, p.officerId));
  return resolved.map(describeParticipant);
}

/** A stage's people as the audit trail keeps them. */
export function describeStagePeople(db: AnyDb, stageEntryId: number): string[] {
  return (db.prepare(`${PEOPLE_SQL} WHERE p.stage_entry_id = ? ORDER BY p.position`).all(stageEntryId) as ParticipantRow[]).map((r) =>
    describeParticipant(toParticipant(r)),
  );
}

export interface CaseParties {
  parties: Party[];
  /** For each stage kept only as free text: the text and the names read from it. */
  fromText: { stageNumber: number; text: string; names: string[] }[];
}

/**
 * The parties to the disagreement: everyone recorded as taking part at any stage (directory
 * officers by id as well as name), the names read from stages kept only as free text, and the
 * worker who raised it (by e-mail).
 */
export function partiesOfCase(db: AnyDb, escalationId: number, raisingWorkerEmail: string | null): CaseParties {
  const rows = db
    .prepare(`${PEOPLE_SQL} JOIN stage_entry s ON s.id = p.stage_entry_id WHERE s.escalation_id = ? ORDER BY p.stage_entry_id, p.position`)
    .all(escalationId) as ParticipantRow[];
  const parties: Party[] = rows.map((r) => ({ name: r.name, email: r.officer_email ?? '', officerId: r.officer_id }));
  const fromText: CaseParties['fromText'] = [];
  // Free text is read for every stage: a stage with people recorded may still name others in it.
  const stages = db
    .prepare("SELECT stage_number, participants FROM stage_entry WHERE escalation_id = ? AND participants <> '' ORDER BY id")
    .all(escalationId) as { stage_number: number; participants: string }[];
  for (const s of stages) {
    const names = namesInFreeText(s.participants);
    fromText.push({ stageNumber: s.stage_number, text: s.participants, names });
    for (const name of names) parties.push({ name, email: '' });
  }
  if (raisingWorkerEmail) parties.push({ name: '', email: raisingWorkerEmail });
  return { parties, fromText };
}
