// The board's quarterly return as an Excel workbook: a cover, every dashboard figure beside the
// previous quarter, one sheet per breakdown, and the register of every escalation active in the
// quarter. Written with exceljs's streaming writer, so the workbook is never held whole in memory
// (the register's cells are, between reading and sorting them and writing them out: a few hundred
// bytes a case); the file appears under its name only once it is complete.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { quarterKeySchema } from '../../../shared/domain/quarter';
import type { ReadableDb, WritableDb } from '../../db/types';
import { DomainError } from '../errors';
import { boardName, quarterStartMonth } from '../settings';
import { returnFigures } from './boardReturnFigures';
import { writeRegisterSheet } from './boardReturnRegister';
import {
  BOARD_RETURN_SHEETS,
  writeAgencies,
  writeAgencyPairs,
  writeCategories,
  writeCover,
  writeNotifications,
  writeOutcomes,
  writePanels,
  writePolicyGaps,
  writeReturns,
  writeStages,
  writeSummary,
  writeThemes,
  writeTimeliness,
  writeTrend,
} from './boardReturnSheets';

export interface BoardReturnOptions {
  now: Date;
  quarter: string;
  file: string;
  appVersion: string;
  /** Fraction of the register written, 0-1; 1 once the file is complete. */
  onProgress?: (fraction: number) => void;
}

export interface BoardReturnResult {
  registerRows: number;
  sheets: string[];
}

export async function writeBoardReturn(db: ReadableDb | WritableDb, opts: BoardReturnOptions): Promise<BoardReturnResult> {
  if (!quarterKeySchema.safeParse(opts.quarter).success)
    throw new DomainError(`“${opts.quarter}” is not a quarter: give it as YYYY-Qn, for example 2026-Q3.`, [
      { where: 'Quarter', message: 'Give the quarter as YYYY-Qn' },
    ]);
  // Reads only: the figures take the read context whichever handle the caller holds.
  const ctx = { db: db as ReadableDb, now: opts.now };
  const figures = returnFigures(ctx, opts.quarter);

  const partFile = `${opts.file}.part`;
  const out = createWriteStream(partFile);
  // A file that cannot be written (no such folder, disk full) fails the export instead of the process.
  let streamError: Error | null = null;
  const failed = new Promise<never>((_, reject) =>
    out.on('error', (error) => {
      streamError = error;
      reject(error);
    }),
  );
  failed.catch(() => undefined);
  const breathe = async (ms = 0) => {
    await new Promise<void>((resolve) => (ms === 0 ? setImmediate(resolve) : setTimeout(resolve, ms)));
    if (streamError) throw streamError;
  };

  const { default: ExcelJS } = await import('exceljs'); // loaded when a workbook is written, not with the services
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Escalation Desk';
  workbook.created = opts.now;
  workbook.modified = opts.now;
  workbook.title = `Quarterly return of escalations, ${figures.quarter.label}`;
  try {
    writeCover(workbook, figures, { boardName: boardName(db), now: opts.now, appVersion: opts.appVersion });
    writeSummary(workbook, figures);
    writeAgencies(workbook, figures);
    writeAgencyPairs(workbook, figures);
    writeCategories(workbook, db, figures);
    writeStages(workbook, figures);
    writeOutcomes(workbook, figures);
    writeTimeliness(workbook, figures);
    writeNotifications(workbook, figures);
    writePanels(workbook, figures);
    writeThemes(workbook, db, figures);
    writePolicyGaps(workbook, db, figures);
    writeReturns(workbook, figures);
    writeTrend(workbook, figures, quarterStartMonth(db));
    await breathe();
    // Last, so every sheet before it is already zipped and its rows stream straight to the file.
    const registerRows = await writeRegisterSheet(workbook, db, {
      quarter: figures.quarter,
      asOf: figures.asOf,
      onProgress: opts.onProgress,
      breathe,
    });
    await Promise.race([workbook.commit(), failed]);
    await rename(partFile, opts.file);
    opts.onProgress?.(1);
    return { registerRows, sheets: BOARD_RETURN_SHEETS.map(([name]) => name) };
  } catch (error) {
    out.destroy();
    await rm(partFile, { force: true });
    throw error;
  }
}
