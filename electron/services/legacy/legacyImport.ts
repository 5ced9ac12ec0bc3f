// The legacy register import as the channels and the command line use it: read the file, check
// every row, and (for an import) write it in steps inside one transaction.
import type { LegacyJob, LegacyPreview } from '../../../shared/domain/legacyRegister';
import type { ReadableDb, WritableDb } from '../../db/types';
import type { TaskContext } from '../context';
import { DomainError } from '../errors';
import { checkRegister, type CheckInput, type CheckedRegister } from './checkRegister';
import { importRegisterSteps } from './importRegister';
import type { LegacyImportJobs } from './importJobs';
import { readRegister } from './readRegister';

export interface LegacyFile {
  fileName: string;
  contentBase64: string;
  columns?: CheckInput['columns'];
  values?: CheckInput['values'];
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Reads and checks the whole file against the board: the preview, and the plan behind it. */
export async function checkLegacyFile(db: ReadableDb | WritableDb, input: LegacyFile, now: Date): Promise<CheckedRegister> {
  if (!BASE64.test(input.contentBase64)) throw new DomainError('The file content did not arrive intact: choose the file again.');
  const read = await readRegister(input.fileName, Buffer.from(input.contentBase64, 'base64'));
  if (!read.ok) throw new DomainError(read.message);
  return checkRegister(db, read.table, { fileName: input.fileName, columns: input.columns, values: input.values, now });
}

export async function previewLegacy(ctx: TaskContext, input: LegacyFile): Promise<LegacyPreview> {
  return (await checkLegacyFile(ctx.reader, input, ctx.now)).preview;
}

/**
 * Checks the file again (the register may have changed since the preview) and, when no row has a
 * problem, starts writing it; the job's status gives the progress. All or nothing.
 */
export async function startLegacyImport(
  ctx: TaskContext,
  jobs: LegacyImportJobs,
  input: LegacyFile & { remember: boolean },
): Promise<LegacyJob> {
  const checked = await checkLegacyFile(ctx.reader, input, ctx.now);
  const { preview } = checked;
  if (preview.problemCount > 0)
    throw new DomainError(
      `Nothing was imported: ${preview.problemCount.toLocaleString('en-GB')} row${preview.problemCount === 1 ? ' has a problem' : 's have problems'}. Check the file again to see them.`,
    );
  return jobs.start(input.fileName, async (job) => {
    const summary = await ctx.writeInSteps(
      `the import of “${input.fileName}”`,
      (w) =>
        importRegisterSteps(w, {
          fileName: input.fileName,
          checked,
          columns: preview.columns,
          values: preview.values,
          remember: input.remember,
        }),
      { onStep: (p) => job.progress(p.done, p.of), cancelled: job.cancelled },
    );
    return { ...summary, message: legacyDoneMessage(input.fileName, summary.imported, summary.skipped) };
  });
}

export function legacyDoneMessage(fileName: string, imported: number, skipped: number): string {
  const cases = (n: number) => `${n.toLocaleString('en-GB')} case${n === 1 ? '' : 's'}`;
  return `Imported ${cases(imported)} from “${fileName}”${skipped > 0 ? `; skipped ${cases(skipped)} already on the register or repeated in the file` : ''}.`;
}
