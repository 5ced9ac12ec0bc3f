// Writes a checked legacy register: the file's record, the remembered mappings, then every planned
// case through the one way in (escalations/intake.ts), all inside the caller's one transaction.
// Written as steps so a caller can pause between them (the app shows progress and can cancel,
// which rolls the transaction back).
import { stageNameOf } from '../../../shared/domain/policyProfiles';
import type { LegacyColumns, LegacyValues } from '../../../shared/domain/legacyRegister';
import { appendAudit } from '../audit';
import { inBulkWriteSteps } from '../bulkWrite';
import type { WriteContext } from '../context';
import { DomainError } from '../errors';
import { takeInCase, type EndingIn } from '../escalations/intake';
import type { CheckedRegister, PlannedCase } from './checkRegister';
import { rememberMappings } from './mappings';

export interface RegisterImport {
  fileName: string;
  checked: CheckedRegister;
  columns: LegacyColumns;
  values: LegacyValues;
  remember: boolean;
}

export interface ImportProgress {
  done: number;
  of: number;
}

export interface LegacySummary {
  importId: number;
  imported: number;
  skipped: number;
}

/** Cases written between pauses: small enough that a pause comes every fraction of a second. */
export const STEP = 2000;

/** Yields after each STEP cases; returns the summary once every case is written. */
export function* importRegisterSteps(ctx: WriteContext, job: RegisterImport): Generator<ImportProgress, LegacySummary> {
  const { checked } = job;
  if (checked.preview.problemCount > 0)
    throw new DomainError(
      `Nothing was imported: ${checked.preview.problemCount.toLocaleString('en-GB')} row${checked.preview.problemCount === 1 ? ' has a problem' : 's have problems'}. Correct the file or the choices, then import again.`,
    );
  if (checked.plan.length === 0 && checked.preview.skippedCount === 0)
    throw new DomainError('Nothing was imported: the file has no cases.');
  const at = ctx.now.toISOString();
  const importId = Number(
    ctx.db
      .prepare(
        'INSERT INTO legacy_import (file_name, file_sha256, row_count, imported_count, skipped_count, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(job.fileName, checked.sha256, checked.preview.rows, checked.plan.length, checked.preview.skippedCount, at, ctx.actor)
      .lastInsertRowid,
  );
  const remembered = job.remember ? rememberMappings(ctx, checked.preview.headings, job.columns, job.values) : 0;
  appendAudit(ctx, {
    action: 'legacyImport.import',
    entity: 'legacy_import',
    entityId: importId,
    after: {
      fileName: job.fileName,
      sha256: checked.sha256,
      rows: checked.preview.rows,
      imported: checked.plan.length,
      skipped: checked.preview.skippedCount,
      mappingsRemembered: remembered,
    },
  });
  const label = `the board’s previous register (“${job.fileName}”)`;
  const cases = checked.plan;
  yield* inBulkWriteSteps(ctx.db, function* () {
    for (let i = 0; i < cases.length; i += 1) {
      const c = cases[i]!;
      takeInCase(
        ctx,
        {
          reference: c.reference,
          childInitials: c.childInitials,
          profileId: checked.profileId,
          raisingAgencyId: c.raisingAgencyId,
          raisingWorkerRole: 'Recorded in the previous register',
          raisingWorkerEmail: '',
          challengedAgencyIds: [c.challengedAgencyId],
          categoryId: c.categoryId,
          childStatus: c.childStatus,
          summary: c.summary,
          openedOn: c.openedOn,
          immediateRisk: c.immediateRisk,
          referral: null,
          stages: [{ number: c.stage, startedOn: c.openedOn }],
          ending: endingOf(c, job.fileName),
          themeIds: [],
          source: { kind: 'legacy', importId, sheetRow: c.sheetRow, label },
        },
        ({ profile }) => ({
          action: 'escalation.importLegacy',
          after: {
            importId,
            fileName: job.fileName,
            sheetRow: c.sheetRow,
            reference: c.reference,
            stage: c.stage,
            stageName: stageNameOf(profile, c.stage),
            openedOn: c.openedOn,
            ending: c.ending && {
              kind: c.ending.kind,
              on: c.ending.on,
              ...(c.ending.kind === 'resolved' ? { effect: c.ending.effect } : {}),
            },
          },
        }),
      );
      if ((i + 1) % STEP === 0 && i + 1 < cases.length) yield { done: i + 1, of: cases.length };
    }
  });
  return { importId, imported: cases.length, skipped: checked.preview.skippedCount };
}

/** The case's ending in the words its history gives it: from the previous register's row. */
function endingOf(c: PlannedCase, fileName: string): EndingIn | null {
  const where = `the board’s previous register (“${fileName}”, row ${c.sheetRow})`;
  if (c.ending === null) return null;
  if (c.ending.kind === 'withdrawn') return { kind: 'withdrawn', on: c.ending.on, reason: `Withdrawn, as recorded in ${where}` };
  return {
    kind: 'resolved',
    on: c.ending.on,
    effect: c.ending.effect,
    statement: `Recorded in ${where}`,
    agreedBy: 'As recorded in the previous register',
    policyGap: false,
    policyGapNote: '',
  };
}
