// The access record as a workbook for the board's data-protection review: one row per entry the
// coordinator's filters match, newest first, through the same export jobs as the quarterly return
// (so it is delivered by exports:deliver, a save dialog or a download).
import { ACCESS_KIND_LABELS } from '../../../shared/domain/accessRecord';
import type { JobView } from '../exports/jobs';
import type { ExportEnvironment } from '../exports/exportEnvironment';
import { printedSheet } from '../printSetup';
import type { TaskContext } from '../context';
import { todayIso } from '../../../shared/domain/dates';
import { describeAccess } from '../../../shared/domain/versionedWrites';
import { eachAccessEntry, type AccessFilter } from './search';

export const ACCESS_EXPORT_COLUMNS = [
  { header: 'When (UTC)', key: 'at', width: 20 },
  { header: 'Person', key: 'displayName', width: 26 },
  { header: 'User name', key: 'userName', width: 18 },
  { header: 'Address', key: 'address', width: 18 },
  { header: 'Via', key: 'via', width: 13 },
  { header: 'What', key: 'kind', width: 48 },
  { header: 'Channel', key: 'channel', width: 26 },
  { header: 'Case reference', key: 'caseReference', width: 16 },
  { header: 'Record', key: 'record', width: 40 },
] as const;

/** The filters in words, for the job's label and the sheet's title. */
export function describeFilter(filter: AccessFilter): string {
  const parts = [
    filter.person ? `person ${filter.person}` : null,
    filter.caseReference ? `case ${filter.caseReference}` : null,
    filter.from ? `from ${filter.from}` : null,
    filter.to ? `to ${filter.to}` : null,
    filter.kind ? ACCESS_KIND_LABELS[filter.kind].toLowerCase() : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? parts.join(', ') : 'every entry';
}

export async function writeAccessWorkbook(ctx: Pick<TaskContext, 'reader' | 'now'>, filter: AccessFilter, file: string): Promise<number> {
  const { default: ExcelJS } = await import('exceljs'); // loaded when a workbook is written, not with the services
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Escalation Desk';
  workbook.created = ctx.now;
  workbook.title = `Access record (${describeFilter(filter)})`;
  const sheet = workbook.addWorksheet('Access record', {
    views: [{ state: 'frozen', ySplit: 1 }],
    ...printedSheet({ orientation: 'landscape', titleRows: '1:1' }),
  });
  sheet.columns = ACCESS_EXPORT_COLUMNS.map((c) => ({ ...c }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let rows = 0;
  // Synchronous walk: nothing else runs on the reader while the rows are read.
  for (const entry of eachAccessEntry(ctx.reader, filter)) {
    const row = sheet.addRow({ ...entry, at: new Date(entry.at), kind: describeAccess(entry.kind, entry.channel) });
    row.getCell('at').numFmt = 'yyyy-mm-dd hh:mm:ss';
    row.commit();
    rows += 1;
  }
  sheet.pageSetup.printArea = `A1:${String.fromCharCode(64 + ACCESS_EXPORT_COLUMNS.length)}${rows + 1}`;
  await workbook.commit();
  return rows;
}

export function startAccessExport(ctx: TaskContext, env: ExportEnvironment, filter: AccessFilter): JobView {
  const label = `Access record (${describeFilter(filter)})`;
  return env.exports.start(label, `access-record-${todayIso(ctx.now)}.xlsx`, async (file, onProgress) => {
    const rows = await writeAccessWorkbook(ctx, filter, file);
    onProgress(1);
    return `${label}: ${rows.toLocaleString('en-GB')} entries.`;
  });
}
