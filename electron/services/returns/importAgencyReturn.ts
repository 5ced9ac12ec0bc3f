// Imports a return that readAgencyReturn has already checked. Runs inside the caller's
// transaction, so a refusal part-way leaves nothing behind. Each row becomes an escalation with
// origin 'agency_return': the register, the dashboard and the case timeline then count and show it
// with the board's own cases, and say where it came from.
import { stageNameOf } from '../../../shared/domain/policyProfiles';
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
import type { WriteContext } from '../context';
import { DomainError } from '../errors';
import { takeInCase, type EndingIn } from '../escalations/intake';
import { inBulkWrite } from '../bulkWrite';
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
  // The directory, categories and themes are a few dozen rows each: read once, not once a row.
  const idsOf = (table: 'agency' | 'category' | 'learning_theme') =>
    new Set((ctx.db.prepare(`SELECT id FROM ${table}`).all() as { id: number }[]).map((r) => r.id));
  const [agencies, categories, themes] = [idsOf('agency'), idsOf('category'), idsOf('learning_theme')];
  for (const row of parsed.rows) {
    const where = `Row ${row.sheetRow}`;
    if (!agencies.has(row.challengedAgencyId) || row.challengedAgencyId === parsed.agencyId)
      throw new DomainError('A row names an agency challenged that is not in the directory.', [{ where, message: 'Agency challenged' }]);
    if (!categories.has(row.categoryId))
      throw new DomainError('A row names a category the board does not have.', [{ where, message: 'Category' }]);
    if (row.themeId !== null && !themes.has(row.themeId))
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
  inBulkWrite(ctx.db, () => {
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

/** A return's row, written through the one way in for every case (escalations/intake.ts). */
function insertEscalation(
  ctx: WriteContext,
  { row, returnId, agencyId, agencyName, profileId, source, fileName, stageName }: RowImport,
): number {
  const ending: EndingIn | null =
    row.outcome === 'open'
      ? null
      : row.outcome === 'withdrawn'
        ? { kind: 'withdrawn', on: row.resolvedOn!, reason: `Withdrawn, as reported in ${source}` }
        : {
            kind: 'resolved',
            on: row.resolvedOn!,
            effect: row.outcome,
            statement: `Reported in ${source}`,
            agreedBy: agencyName,
            policyGap: false,
            policyGapNote: '',
          };
  return takeInCase(
    ctx,
    {
      reference: row.reference,
      childInitials: row.childInitials,
      profileId,
      raisingAgencyId: agencyId,
      raisingWorkerRole: 'Reported in agency return',
      raisingWorkerEmail: '',
      challengedAgencyIds: [row.challengedAgencyId],
      categoryId: row.categoryId,
      childStatus: 'none',
      summary: 'Agency-internal escalation reported in the quarterly return',
      openedOn: row.openedOn,
      immediateRisk: row.immediateRisk,
      referral: null,
      // The return gives only the highest stage, so that is the one stage on record, with no deadline.
      stages: [{ number: row.highestStage, startedOn: row.openedOn }],
      ending,
      themeIds: row.themeId === null ? [] : [row.themeId],
      source: {
        kind: 'agency_return',
        returnId,
        chairInvolved: row.chairInvolved,
        meetingHeld: row.meetingHeld,
        panelConvened: row.panelConvened,
        label: source,
      },
    },
    () => ({
      action: 'escalation.importFromReturn',
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
    }),
  ).id;
}
