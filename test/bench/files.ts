// The Excel side: the quarterly return export of the busiest quarter beside exceljs's streaming
// writer writing the same cells, and importing a 10,000-row agency return. Each job runs in its
// own child process (fileJobs.ts) so its peak memory is its own.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { quarterFromKey, quarterOf, shiftQuarter } from '../../shared/domain/quarter';
import { fillReturn, makeTemplate, day } from '../support/workbooks';
import type { TestDesk } from '../support/tempStore';
import { openBenchDesk, type Board } from './boards';
import { count, mb, ms, times, type Result } from './results';
import { openTestDb } from '../support/testKey';

interface JobAnswer {
  ms: number;
  maxRssKb: number;
  rows?: number;
  cells?: number;
  message?: string;
  latencies?: number[];
}

export function job(...args: string[]): JobAnswer {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join('test', 'bench', 'fileJobs.ts'), ...args], {
    encoding: 'utf8',
    maxBuffer: 10_000_000,
  });
  if (run.status !== 0) throw new Error(`bench job ${args[0]} failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as JobAnswer;
}

/** The quarter with the most cases opened in it, of the last twelve. */
function busiestQuarter(file: string): { key: string; cases: number } {
  const db = openTestDb(file, { readonly: true });
  const newest = (db.prepare('SELECT max(opened_on) AS newest FROM escalation').get() as { newest: string }).newest;
  let best = { key: '', cases: -1 };
  for (let i = 0; i < 12; i += 1) {
    const q = shiftQuarter(quarterOf(newest, 4).key, -i, 4);
    const cases = (db.prepare('SELECT count(*) AS n FROM escalation WHERE opened_on BETWEEN ? AND ?').get(q.from, q.to) as { n: number }).n;
    if (cases > best.cases) best = { key: q.key, cases };
  }
  db.close();
  return best;
}

export function measureExport(board: Board): Result {
  const quarter = busiestQuarter(board.file);
  const appFile = join(board.folder, 'return-app.xlsx');
  const app = job('export', board.file, quarter.key, appFile);
  const raw = job('raw-export', appFile, join(board.folder, 'return-raw.xlsx'));
  const ratio = app.ms / raw.ms;
  const underMemory = app.maxRssKb < 300 * 1024;
  return {
    measure: `quarterly return export (${quarter.key}, 15 sheets)`,
    size: app.rows ?? 0,
    sizeUnit: 'rows',
    app: `${ms(app.ms)}, peak ${mb(app.maxRssKb)}`,
    raw: `${ms(raw.ms)} (${count(raw.cells ?? 0)} cells)`,
    ratio: times(app.ms, raw.ms),
    goal: '≤ 1.25x raw, < 300 MB',
    met: ratio <= 1.25 && underMemory,
    notes: [
      `the busiest quarter on a ${count(board.escalations)}-case board; raw: exceljs's streaming writer writing the cells read back from the app's workbook`,
    ],
  };
}

/** A completed 10,000-row return from the board's own template for one agency, then imported. */
export async function measureImport(board: Board): Promise<Result> {
  const desk = openBenchDesk(board.folder);
  const test = { ...desk, dataFolder: board.folder, cleanup: () => undefined } as TestDesk;
  const settings = desk.call('settings:get', {});
  if (!settings.ok) throw new Error(settings.error.message);
  const agencies = desk.store.reader.prepare('SELECT id, name FROM agency WHERE retired_on IS NULL ORDER BY id LIMIT 2').all() as {
    id: number;
    name: string;
  }[];
  const quarter = quarterFromKey('2026-Q2', 4);
  const template = await makeTemplate(test, agencies[0]!.id, 'template.xlsx', quarter.key);
  desk.close();
  const category = settings.value.categories[0]!.name;
  const bytes = await fillReturn(template, {
    nil: 'No',
    edit: (sheet) => {
      for (let i = 0; i < 10_000; i += 1) {
        sheet.getRow(6 + i).values = [
          `BENCH-${String(i).padStart(5, '0')}`,
          'AB',
          agencies[1]!.name,
          category,
          day(2026, 7, 1 + (i % 60)),
          '1',
          'No',
          'No',
          'No',
          'No',
          'Still open',
        ];
      }
    },
  });
  const file = join(board.folder, 'completed-return.xlsx');
  writeFileSync(file, bytes);
  const run = job('import', board.folder, file);
  return {
    measure: 'import a completed agency return',
    size: run.rows ?? 0,
    sizeUnit: 'rows',
    app: `${ms(run.ms)}, peak ${mb(run.maxRssKb)}`,
    raw: '—',
    ratio: '—',
    goal: '< 3 s',
    met: run.ms < 3000,
    notes: ['time from the file’s bytes to the rows committed, through the dispatcher (parse, checks, one transaction)'],
  };
}
