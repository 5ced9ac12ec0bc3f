// npm run bench [-- --sizes 10000,100000,1000000] [-- --server-only]: the app beside the raw libraries it stands on,
// on boards of each size, with the goals of issue 8. Prints the table (and a Markdown copy for
// docs/BENCHMARKS.md) and exits 1 if any goal is missed. Not part of npm test: a full run takes
// several minutes and a few GB of temporary disk, and timings belong in benchmarks, not tests.
import { cpus, freemem, totalmem } from 'node:os';
import { rmSync } from 'node:fs';
import { z } from 'zod';
import { checked, parseFlags } from '../../electron/desk/args';
import { buildBoard, openBenchDesk } from './boards';
import { measureExport, measureImport } from './files';
import { measureQueries } from './queries';
import { measureEncryption } from './encryption';
import { measureLegacyImport } from './legacyImport';
import { measureRenderer } from './renderer';
import { measureRowBombs } from './rowBomb';
import { measureBoardServer, serverLoadOptions } from './boardServer';
import { markdownTable, notesOf, textTable, type Result } from './results';

const args = checked(
  z.object({
    sizes: z
      .string()
      .regex(/^\d+(,\d+)*$/, '--sizes is a comma-separated list such as 10000,100000')
      .default('10000,100000,1000000'),
    keep: z.literal('true').optional(),
    // The board-server section alone (BENCH_SERVER_SECONDS, _CASES and _STAFF shorten it).
    'server-only': z.literal('true').optional(),
  }),
  parseFlags(process.argv.slice(2), ['sizes', 'keep', 'server-only'], ['keep', 'server-only']),
);
const sizes = args.sizes
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);

async function main(): Promise<void> {
  const results: Result[] = [];
  const started = Date.now();
  const largest = sizes[sizes.length - 1]!;
  for (const size of args['server-only'] ? [] : sizes) {
    process.stderr.write(`\n== ${size.toLocaleString('en-GB')} escalations\n`);
    const { board, result } = buildBoard(size);
    results.push(result);
    const desk = openBenchDesk(board.folder);
    results.push(...measureQueries(desk, board.file, board.escalations));
    desk.close();
    if (size === sizes[0])
      results.push(
        await measureImport(board),
        ...(await measureRowBombs(board)),
        ...(await measureEncryption(board)),
        // Last: it adds 100,000 cases to this board.
        await measureLegacyImport(board),
      );
    if (size === largest) {
      results.push(measureExport(board));
      results.push(...(await measureRenderer(board.folder, board.escalations)));
    }
    if (!args.keep) rmSync(board.folder, { recursive: true, force: true });
    else process.stderr.write(`  kept ${board.folder}\n`);
  }
  process.stderr.write('\n== the board server under load\n');
  results.push(...(await measureBoardServer(serverLoadOptions(process.env))));

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB RAM (${Math.round(freemem() / 2 ** 30)} GB free), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
  console.log(`\nEscalation Desk benchmark: ${machine}; ${Math.round((Date.now() - started) / 1000)} s\n`);
  console.log(textTable(results));
  const notes = notesOf(results);
  if (notes.length) console.log(`\n${notes.map((n) => `- ${n}`).join('\n')}`);
  console.log(`\nMarkdown:\n\n${markdownTable(results)}`);
  const missed = results.filter((r) => r.met === false);
  if (missed.length) {
    console.log(
      `\n${missed.length} goal${missed.length === 1 ? '' : 's'} missed: ${missed.map((r) => `${r.measure} (${r.size.toLocaleString('en-GB')})`).join('; ')}`,
    );
    process.exit(1);
  }
  console.log('\nEvery goal met.');
}

main().catch((error: unknown) => {
  console.error(`The benchmark could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(2);
});
