// The file jobs, each run in a child process of its own so its peak memory (maxRSS) is its own:
//   export <db> <quarter> <out>        the app's quarterly return (electron/services/returns)
//   raw-export <app workbook> <out>    exceljs's streaming writer writing the same cells
//   import <folder> <return.xlsx>      the app importing a completed agency return
//   row-bomb <folder> <bomb.xlsx>      the app refusing a hostile workbook while other calls are made
// Each prints one line of JSON: { ms, maxRssKb, ... }.
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { writeBoardReturn } from '../../electron/services/returns/boardReturn';
import type { ReadableDb } from '../../electron/db/types';
import { openBenchDesk, NOW } from './boards';
import { openTestDb } from '../support/testKey';

async function main(): Promise<void> {
  const [job, a, b, c] = process.argv.slice(2);
  const started = performance.now();
  let extra: Record<string, unknown>;
  if (job === 'export') {
    const db = openTestDb(a!, { readonly: true }) as unknown as ReadableDb;
    const result = await writeBoardReturn(db, { now: NOW, quarter: b!, file: c!, appVersion: 'bench' });
    extra = { rows: result.registerRows };
  } else if (job === 'raw-export') {
    // Not timed: reading the app's workbook to know the cells.
    const source = new ExcelJS.Workbook();
    await source.xlsx.readFile(a!);
    const sheets = source.worksheets.map((s) => ({
      name: s.name,
      rows: s
        .getSheetValues()
        .slice(1)
        .map((r) => (Array.isArray(r) ? r.slice(1) : [])),
    }));
    const cells = sheets.reduce((n, s) => n + s.rows.reduce((m, r) => m + r.length, 0), 0);
    const writeStart = performance.now();
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: b!, useStyles: true, useSharedStrings: false });
    for (const sheet of sheets) {
      const out = writer.addWorksheet(sheet.name);
      for (const row of sheet.rows) out.addRow(row).commit();
      out.commit();
    }
    await writer.commit();
    console.log(JSON.stringify({ ms: performance.now() - writeStart, maxRssKb: process.resourceUsage().maxRSS, cells }));
    return;
  } else if (job === 'import') {
    const desk = openBenchDesk(a!);
    const bytes = readFileSync(b!);
    const result = await desk.callAsync('returns:import', { fileName: basename(b!), contentBase64: bytes.toString('base64') });
    desk.close();
    if (!result.ok) throw new Error(result.error.message);
    extra = { rows: result.value.rows };
  } else if (job === 'row-bomb') {
    const desk = openBenchDesk(a!);
    // The file as the bridges carry it (the sender's work, not the app's), and the reader's
    // worker started, as it is once anyone has imported anything since the app started.
    const contentBase64 = readFileSync(b!).toString('base64');
    await desk.callAsync('returns:import', { fileName: 'warm-up.xlsx', contentBase64: Buffer.from('not a workbook').toString('base64') });
    // Another person's calls while the file is read: one every 5 ms, each timed from when it was
    // due to when its answer came back, so a blocked thread shows as lateness.
    const latencies: number[] = [];
    let reading = true;
    const call = (due: number) => {
      if (!reading) return;
      const answer = desk.call('returns:status', { quarter: '2026-Q2' });
      if (!answer.ok) throw new Error(answer.error.message);
      latencies.push(performance.now() - due);
      const next = performance.now() + 5;
      setTimeout(() => call(next), 5);
    };
    const first = performance.now() + 5;
    setTimeout(() => call(first), 5);
    const result = await desk.callAsync('returns:import', { fileName: basename(b!), contentBase64 });
    reading = false;
    desk.close();
    if (result.ok) throw new Error('the row bomb was imported');
    extra = { message: result.error.message, latencies };
  } else {
    throw new Error(`unknown job ${job}`);
  }
  console.log(JSON.stringify({ ms: performance.now() - started, maxRssKb: process.resourceUsage().maxRSS, ...extra }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
