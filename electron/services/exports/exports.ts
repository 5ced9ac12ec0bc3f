// Starting the board's return and agency templates as background jobs, and taking in returns.
import type { Delivery } from '../../../shared/domain/exports';
import { quarterFromKey } from '../../../shared/domain/quarter';
import type { ImportSummary } from '../../../shared/domain/agencyReturn';
import type { TaskContext } from '../context';
import { DomainError } from '../errors';
import { agencyName } from '../escalations/rows';
import { writeAgencyTemplate } from '../returns/agencyTemplate';
import { writeBoardReturn } from '../returns/boardReturn';
import { exportFileName } from '../returns/exportFileName';
import { importAgencyReturn } from '../returns/importAgencyReturn';
import { readAgencyReturn } from '../returns/readAgencyReturn';
import { quarterStartMonth } from '../settings';
import type { JobView } from './jobs';
import type { ExportEnvironment } from './exportEnvironment';

export function startBoardReturn(ctx: TaskContext, env: ExportEnvironment, quarter: string): JobView {
  const label = `Quarterly return for ${quarterFromKey(quarter, quarterStartMonth(ctx.reader)).label}`;
  return env.exports.start(label, exportFileName('board-return', quarter), async (file, onProgress) => {
    const result = await writeBoardReturn(ctx.reader, { now: ctx.now, quarter, file, appVersion: env.version, onProgress });
    return `${label}: ${result.registerRows.toLocaleString('en-GB')} escalations on the register, ${result.sheets.length} sheets.`;
  });
}

export function startAgencyTemplate(ctx: TaskContext, env: ExportEnvironment, quarter: string, agencyId: number | null): JobView {
  const name = agencyId === null ? null : agencyName(ctx.reader, agencyId);
  const label = `Return template for ${name ?? 'all agencies'}, ${quarterFromKey(quarter, quarterStartMonth(ctx.reader)).label}`;
  return env.exports.start(label, exportFileName('agency-template', quarter, name ?? 'all-agencies'), async (file, onProgress) => {
    await writeAgencyTemplate(ctx.reader, { now: ctx.now, quarter, agencyId, file, appVersion: env.version });
    onProgress(1);
    return `${label} is ready.`;
  });
}

export async function deliver(ctx: TaskContext, env: ExportEnvironment, jobId: string): Promise<Delivery> {
  const finished = env.exports.finished(jobId);
  return env.deliverExport(ctx, { jobId, ...finished });
}

/** Reads the whole workbook first; only a file with no problem at all is written, in one transaction. */
export async function importReturn(ctx: TaskContext, input: { fileName: string; contentBase64: string }): Promise<ImportSummary> {
  // Decoded on the reader's worker thread, not here: see readAgencyReturn.
  const read = await readAgencyReturn(ctx.reader, { fileName: input.fileName, contentBase64: input.contentBase64, now: ctx.now });
  if (!read.ok) throw new DomainError(read.message, read.problems);
  return ctx.write((w) => importAgencyReturn(w, read.parsed));
}
