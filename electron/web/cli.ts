// Starts the local web mode: `npm run start:web -- [--data DIR] [--port N]`.
import { join } from 'node:path';
import { z } from 'zod';
import { openFrontDesk } from '../desk/frontDesk';
import { processClock } from '../desk/clock';
import { defaultDataFolder } from '../desk/dataFolder';
import { packageVersion, PROJECT_ROOT } from '../desk/packageVersion';
import { scheduleBackups } from '../desk/backupSchedule';
import { startWebServer } from './server';
import { NewerDatabaseError } from '../db/migrate';
import { checked, parseFlags } from '../desk/args';

const argsSchema = z.object({
  data: z.string().min(1, '--data needs a folder path').optional(),
  port: z.coerce.number({ error: '--port must be a number' }).int('--port must be a whole number').min(0).max(65535, '--port must be 0 to 65535').optional(),
});

async function main(): Promise<void> {
  const args = checked(argsSchema, parseFlags(process.argv.slice(2), ['data', 'port']));
  const version = packageVersion();
  const dataFolder = args.data ?? defaultDataFolder();
  // A damaged records file does not stop the web mode: the page says so and offers the latest good backup.
  const desk = openFrontDesk({ dataFolder, mode: 'web', version, now: processClock() });
  const server = await startWebServer({
    dispatch: desk.dispatchAsync,
    sessions: () => desk.sessions,
    downloads: desk.exports,
    rendererDir: join(PROJECT_ROOT, 'out', 'renderer'),
    binding: { host: '127.0.0.1', ...(args.port !== undefined ? { port: args.port } : {}) },
  });
  console.log(`Escalation Desk (web mode) is running.\n  Open: ${server.url}\n  Data: ${dataFolder}\nThe address carries a key for this launch only: it opens the sign-in screen, and each person signs in with their own account. Press Ctrl+C to stop.`);
  if (!desk.desk) console.log('The records file failed its integrity check and was not opened: open the address above to restore a backup.');
  const backups = scheduleBackups(desk);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    backups.stop();
    void server
      .close()
      .then(() => backups.take('on-quit'))
      .then(() => {
        desk.close();
        process.exit(0);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof NewerDatabaseError) console.error(error.message);
  else console.error(`Could not start the web mode: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
