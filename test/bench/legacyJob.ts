// A legacy register imported in a child process of its own, so its peak memory (maxRSS) is its own:
//   legacy-import <folder> <register.xlsx|csv>
// From the file's bytes to the last case committed, through the dispatcher as the screen does it
// (legacy:import, then legacy:status until done). Prints one line of JSON: { ms, maxRssKb, rows }.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { openBenchDesk } from './boards';

async function main(): Promise<void> {
  const [folder, file] = process.argv.slice(2);
  const desk = openBenchDesk(folder!);
  const contentBase64 = readFileSync(file!).toString('base64');
  const started = performance.now();
  const begun = await desk.callAsync('legacy:import', { fileName: basename(file!), contentBase64, remember: false });
  if (!begun.ok) throw new Error(`${begun.error.message} ${JSON.stringify(begun.error.problems.slice(0, 3))}`);
  let job = begun.value;
  while (job.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const status = desk.call('legacy:status', { jobId: job.jobId });
    if (!status.ok) throw new Error(status.error.message);
    job = status.value;
  }
  const ms = performance.now() - started;
  desk.close();
  if (job.state !== 'done') throw new Error(job.message);
  console.log(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, rows: job.imported }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
