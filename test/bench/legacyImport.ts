// The legacy register import at a large board's size (issue 18): 100,000 rows in an .xlsx as a
// board keeps it (its own headings, text dates and Excel serial numbers, "Stg 2"), imported into
// the bench board through the dispatcher in a child process. Goal: under 60 s and 500 MB.
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { openBenchDesk, type Board } from './boards';
import { count, mb, ms, type Result } from './results';
import { OTHER_BOARDS_HEADINGS } from '../support/legacyRegisters';

export const LEGACY_ROWS = 100_000;

async function writeRegister(board: Board, file: string, rows: number): Promise<void> {
  const desk = openBenchDesk(board.folder);
  const agencies = (desk.store.reader.prepare('SELECT name FROM agency ORDER BY id').all() as { name: string }[]).map((a) => a.name);
  const categories = (desk.store.reader.prepare('SELECT name FROM category ORDER BY id').all() as { name: string }[]).map((c) => c.name);
  desk.close();
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = writer.addWorksheet('Escalations log');
  sheet.addRow(OTHER_BOARDS_HEADINGS).commit();
  const outcomes = ['Upheld', 'Changed', 'Partly changed', 'Withdrawn', 'Open'];
  for (let i = 0; i < rows; i += 1) {
    const opened = new Date(Date.UTC(2016, 0, 4) + (i % 3000) * 86_400_000);
    const closed = new Date(opened.getTime() + (3 + (i % 20)) * 86_400_000);
    const outcome = outcomes[i % outcomes.length]!;
    const dmy = (d: Date) =>
      `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
    sheet
      .addRow([
        `LEG-${String(i).padStart(6, '0')}`,
        String.fromCharCode(65 + (i % 26), 65 + ((i * 7) % 26)),
        // Half as typed text, half as Excel serial numbers.
        i % 2 === 0 ? dmy(opened) : Math.round((opened.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000),
        agencies[i % agencies.length]!,
        agencies[(i + 1) % agencies.length]!,
        categories[i % categories.length]!,
        `Stg ${1 + (i % 3)}`,
        outcome,
        outcome === 'Open' ? '' : dmy(closed),
        i % 10 === 0 ? 'Disagreement about the threshold for a statutory assessment' : '',
      ])
      .commit();
  }
  sheet.commit();
  await writer.commit();
}

export async function measureLegacyImport(board: Board, rows = LEGACY_ROWS): Promise<Result> {
  const file = join(board.folder, 'legacy-register.xlsx');
  process.stderr.write(`  writing a ${count(rows)}-row legacy register\n`);
  await writeRegister(board, file, rows);
  process.stderr.write('  importing it\n');
  const run = spawnSync(process.execPath, ['--import', 'tsx', join('test', 'bench', 'legacyJob.ts'), board.folder, file], {
    encoding: 'utf8',
    maxBuffer: 10_000_000,
  });
  if (run.status !== 0) throw new Error(`the legacy import failed: ${run.stderr}`);
  const answer = JSON.parse(run.stdout.trim().split('\n').pop()!) as { ms: number; maxRssKb: number; rows: number };
  return {
    measure: 'import a legacy register (.xlsx)',
    size: answer.rows,
    sizeUnit: 'rows',
    app: `${ms(answer.ms)}, peak ${mb(answer.maxRssKb)}`,
    raw: '—',
    ratio: '—',
    goal: '< 60 s, < 500 MB',
    met: answer.ms < 60_000 && answer.maxRssKb < 500 * 1024,
    notes: [
      'from the file’s bytes to the last case committed, through the dispatcher: read, every row checked, written in one transaction in steps',
    ],
  };
}
