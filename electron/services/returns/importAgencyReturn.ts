// Imports a return that readAgencyReturn has already checked. Runs inside the caller's
// transaction, so a refusal part-way leaves nothing behind. Each row becomes an escalation with
// origin 'agency_return': the register, the dashboard and the case timeline then count and show it
// with the board's own cases, and say where it came from.
import { stageNameOf } from '../../../shared/domain/policyProfiles';
import { referenceKey } from '../../../shared/domain/caseReference';
import {
  parsedReturnSchema,
  RETURN_OUTCOMES,
  type ImportSummary,
  type ParsedReturn,
  type ReturnRow,
} from '../../../shared/domain/agencyReturn';
import { formatUkDate } from '../../../shared/domain/dates';
import { problemsFromZod } from '../../../shared/problems';
import { appendAudit } from '../audit';
import { statement } from '../../db/statements';
import type { WriteContext } from '../context';
import { DomainError } from '../errors';
import { markResolved, markWithdrawn } from '../escalations/stages';
import { nextEscalationId } from '../escalations/rows';
import { activeProfileId, loadProfile } from '../policyVersions';
import { boardQuarter } from './layout';

interface ImportedReturn {
  file_name: string;
  imported_at: string;
  imported_by: string;
  quarter_key: string;
  agency_name: string;
}

const whenImported = (r: ImportedReturn) => `${formatUkDate(r.imported_at.slice(0, 10))} by ${r.imported_by}`;

function refuseRepeats(ctx: WriteContext, parsed: ParsedReturn, agencyName: string, quarterLabel: string): void {
  const select = `SELECT r.file_name, r.imported_at, r.imported_by, r.quarter_key, a.name AS agency_name FROM agency_return r JOIN agency a ON a.id = r.agency_id`;
  const sameFile = ctx.db.prepare(`${select} WHERE r.file_sha256 = ?`).get(parsed.sha256) as ImportedReturn | undefined;
  if (sameFile) {
    throw new DomainError(
      `This file was already imported on ${whenImported(sameFile)}, as ${sameFile.agency_name}’s return for ${sameFile.quarter_key} (“${sameFile.file_name}”). Nothing was imported again.`,
    );
  }
  const sameQuarter = ctx.db.prepare(`${select} WHERE r.agency_id = ? AND r.quarter_key = ?`).get(parsed.agencyId, parsed.quarter) as
    ImportedReturn | undefined;
  if (sameQuarter) {
    throw new DomainError(
      `${agencyName}’s return for ${quarterLabel} was already imported from “${sameQuarter.file_name}” on ${whenImported(sameQuarter)}. An agency sends one return a quarter: correct any case in the register instead. Nothing was imported.`,
    );
  }
}

function checkReferences(ctx: WriteContext, parsed: ParsedReturn, stageNumbers: number[]): void {
  const exists = (table: string, id: number) => ctx.db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined;
  for (const row of parsed.rows) {
    const where = `Row ${row.sheetRow}`;
    if (!exists('agency', row.challengedAgencyId) || row.challengedAgencyId === parsed.agencyId)
      throw new DomainError('A row names an agency challenged that is not in the directory.', [{ where, message: 'Agency challenged' }]);
    if (!exists('category', row.categoryId))
      throw new DomainError('A row names a category the board does not have.', [{ where, message: 'Category' }]);
    if (row.themeId !== null && !exists('learning_theme', row.themeId))
      throw new DomainError('A row names a learning theme the board does not have.', [{ where, message: 'Learning theme' }]);
    if (!stageNumbers.includes(row.highestStage))
      throw new DomainError(`A row names stage ${row.highestStage}, which the board’s policy does not have.`, [
        { where, message: 'Highest stage reached' },
      ]);
  }
}

export function importAgencyReturn(ctx: WriteContext, input: ParsedReturn): ImportSummary {
  const checked = parsedReturnSchema.safeParse(input);
  if (!checked.success)
    throw new DomainError('The return was not imported: it was not read correctly. Read the file again.', problemsFromZod(checked.error));
  const parsed = checked.data;
  const agency = ctx.db.prepare('SELECT id, name FROM agency WHERE id = ?').get(parsed.agencyId) as
    { id: number; name: string } | undefined;
  if (!agency) throw new DomainError(`There is no agency with id ${parsed.agencyId} in the directory, so its return cannot be imported.`);
  const quarter = boardQuarter(ctx.db, parsed.quarter);
  if (parsed.nilReturn && parsed.rows.length > 0)
    throw new DomainError('A nil return cannot list escalations: the return was not imported.');
  if (!parsed.nilReturn && parsed.rows.length === 0)
    throw new DomainError('The return lists no escalations and is not a nil return: the return was not imported.');
  refuseRepeats(ctx, parsed, agency.name, quarter.label);
  const profileId = activeProfileId(ctx.db);
  if (profileId === null) throw new DomainError('Choose the board’s escalation policy in Settings before importing returns.');
  const { profile } = loadProfile(ctx.db, profileId);
  checkReferences(
    ctx,
    parsed,
    profile.stages.map((s) => s.number),
  );

  const at = ctx.now.toISOString();
  const returnId = Number(
    ctx.db
      .prepare(
        'INSERT INTO agency_return (agency_id, quarter_key, nil_return, file_name, file_sha256, row_count, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(agency.id, quarter.key, parsed.nilReturn ? 1 : 0, parsed.fileName, parsed.sha256, parsed.rows.length, at, ctx.actor)
      .lastInsertRowid,
  );
  const source = `${agency.name}’s return for ${quarter.label}`;
  appendAudit(ctx, {
    action: 'agencyReturn.import',
    entity: 'agency_return',
    entityId: returnId,
    after: {
      agencyId: agency.id,
      agency: agency.name,
      quarter: quarter.key,
      nilReturn: parsed.nilReturn,
      fileName: parsed.fileName,
      sha256: parsed.sha256,
      rows: parsed.rows.length,
    },
  });
  for (const row of parsed.rows)
    insertEscalation(ctx, {
      row,
      returnId,
      agencyId: agency.id,
      agencyName: agency.name,
      profileId,
      source,
      fileName: parsed.fileName,
      stageName: stageNameOf(profile, row.highestStage),
    });
  return {
    returnId,
    agencyId: agency.id,
    agencyName: agency.name,
    quarter: quarter.key,
    nilReturn: parsed.nilReturn,
    rows: parsed.rows.length,
  };
}

interface RowImport {
  row: ReturnRow;
  returnId: number;
  agencyId: number;
  agencyName: string;
  profileId: number;
  source: string;
  fileName: string;
  stageName: string;
}

function insertEscalation(
  ctx: WriteContext,
  { row, returnId, agencyId, agencyName, profileId, source, fileName, stageName }: RowImport,
): number {
  const status = row.outcome === 'open' ? 'open' : row.outcome === 'withdrawn' ? 'withdrawn' : 'resolved';
  const endedOn = status === 'open' ? null : row.resolvedOn;
  const db = ctx.db;
  const id = Number(
    statement(
      db,
      `INSERT INTO escalation (id, reference, reference_key, child_initials, origin, profile_id, raising_agency_id, raising_worker_role, category_id, child_status, summary,
           opened_on, immediate_risk, status, first_stage, highest_stage, current_stage, first_stage_ended_on, ended_on, created_at,
           agency_return_id, return_chair_involved, return_meeting_held, return_panel_convened)
         VALUES (?, ?, ?, ?, 'agency_return', ?, ?, 'Reported in agency return', ?, 'none', 'Agency-internal escalation reported in the quarterly return',
           ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      nextEscalationId(ctx.db),
      row.reference,
      referenceKey(row.reference),
      row.childInitials,
      profileId,
      agencyId,
      row.categoryId,
      row.openedOn,
      row.immediateRisk ? 1 : 0,
      status,
      row.highestStage,
      row.highestStage,
      status === 'open' ? row.highestStage : null,
      endedOn,
      endedOn,
      ctx.now.toISOString(),
      returnId,
      row.chairInvolved ? 1 : 0,
      row.meetingHeld ? 1 : 0,
      row.panelConvened ? 1 : 0,
    ).lastInsertRowid,
  );
  statement(db, 'INSERT INTO escalation_challenged (escalation_id, agency_id) VALUES (?, ?)').run(id, row.challengedAgencyId);
  // The return gives only the highest stage, so that is the one stage on record, with no deadline:
  // the board did not run the case and cannot say it was late.
  const stageId = Number(
    db
      .prepare(
        'INSERT INTO stage_entry (escalation_id, stage_number, started_on, timescale_days, due_on, due_soon_from, ended_on, end_reason) VALUES (?, ?, ?, NULL, NULL, NULL, ?, ?)',
      )
      .run(id, row.highestStage, row.openedOn, endedOn, status === 'open' ? null : status).lastInsertRowid,
  );
  statement(db, 'INSERT INTO due_date_history (stage_entry_id, due_on, recorded_at, reason) VALUES (?, NULL, ?, ?)').run(
    stageId,
    ctx.now.toISOString(),
    `Reported in ${source}: no deadline tracked`,
  );
  if (status === 'resolved') {
    statement(
      db,
      "INSERT INTO outcome (escalation_id, resolved_on, statement, effect, agreed_by, policy_gap, policy_gap_note) VALUES (?, ?, ?, ?, ?, 0, '')",
    ).run(id, row.resolvedOn, `Reported in ${source}`, row.outcome, agencyName);
  }
  if (status === 'withdrawn')
    statement(db, 'INSERT INTO escalation_withdrawal (escalation_id, on_date, reason) VALUES (?, ?, ?)').run(
      id,
      row.resolvedOn,
      `Withdrawn, as reported in ${source}`,
    );
  // The same columns lifecycle.resolve / withdraw keep on the case for the dashboard.
  if (status === 'resolved') markResolved(ctx, id, row.resolvedOn!, row.outcome);
  if (status === 'withdrawn') markWithdrawn(ctx, id, row.resolvedOn!);
  if (row.themeId !== null) statement(db, 'INSERT INTO escalation_theme (escalation_id, theme_id) VALUES (?, ?)').run(id, row.themeId);
  appendAudit(ctx, {
    action: 'escalation.importFromReturn',
    entity: 'escalation',
    entityId: id,
    after: {
      origin: 'agency_return',
      returnId,
      source,
      fileName,
      sheetRow: row.sheetRow,
      reference: row.reference,
      stage: row.highestStage,
      stageName,
      openedOn: row.openedOn,
      immediateRisk: row.immediateRisk,
      chairInvolved: row.chairInvolved,
      meetingHeld: row.meetingHeld,
      panelConvened: row.panelConvened,
      outcome: RETURN_OUTCOMES[row.outcome],
      resolvedOn: row.resolvedOn,
    },
  });
  return id;
}
