// Hostile workbooks (issue 13): the row bomb, a few MB of millions of empty rows, read while
// another person's calls go to the dispatcher. Reported: how long the refusal took, the import
// process's peak memory, and the p99 and worst lateness of the other calls made meanwhile. Each
// bomb is written here and read in a child process of its own (fileJobs.ts), so the peak is the
// reading's alone.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestDesk } from '../support/tempStore';
import { makeTemplate, rowBomb } from '../support/workbooks';
import { openBenchDesk, type Board } from './boards';
import { job } from './files';
import { count, mb, ms, percentile, type Result } from './results';

/** The bomb the outside attack used (2.3 million rows), and one small enough to reach the row limit. */
const BOMBS = [2_300_000, 1_000_000];

export async function measureRowBombs(board: Board): Promise<Result[]> {
  const desk = openBenchDesk(board.folder);
  const test = { ...desk, dataFolder: board.folder, cleanup: () => undefined } as TestDesk;
  const agency = desk.store.reader.prepare('SELECT id FROM agency WHERE retired_on IS NULL ORDER BY id LIMIT 1').get() as { id: number };
  const template = readFileSync(await makeTemplate(test, agency.id, 'bomb-template.xlsx', '2026-Q2'));
  desk.close();
  const results: Result[] = [];
  for (const rows of BOMBS) {
    const file = join(board.folder, `row-bomb-${rows}.xlsx`);
    const bytes = rowBomb(template, rows);
    writeFileSync(file, bytes);
    const run = job('row-bomb', board.folder, file);
    const latencies = run.latencies ?? [];
    const p99 = percentile(latencies, 99);
    const worst = Math.max(0, ...latencies);
    results.push({
      measure: `refuse a row bomb (${(bytes.length / 1024 / 1024).toFixed(1)} MB file)`,
      size: rows,
      sizeUnit: 'empty rows',
      app: `${ms(run.ms)}, peak ${mb(run.maxRssKb)}; other calls p99 ${ms(p99)}, worst ${ms(worst)} (${count(latencies.length)} calls)`,
      raw: '—',
      ratio: '—',
      goal: '< 300 MB, other calls < 200 ms',
      met: run.maxRssKb < 300 * 1024 && p99 < 200,
      notes: [`refused with: “${run.message ?? ''}”`],
    });
  }
  return results;
}
