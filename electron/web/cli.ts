// Starts the local web mode: `npm run start:web -- [--data DIR] [--port N]`.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { openDesk } from '../app/desk';
import { defaultDataFolder } from '../app/dataFolder';
import { startWebServer } from './server';
import { NewerDatabaseError } from '../db/migrate';
import { DamagedDatabaseError } from '../db/damaged';
import { BACKUP_EVERY_MS, backupNow, type BackupReason } from '../db/backup';

const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = join(here, '..', '..');

const argsSchema = z.object({
  data: z.string().min(1, '--data needs a folder path').optional(),
  port: z.coerce.number({ error: '--port must be a number' }).int('--port must be a whole number').min(0).max(65535, '--port must be 0 to 65535').optional(),
});

function parseArgs(argv: string[]): z.infer<typeof argsSchema> {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const match = /^--(data|port)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`Unknown argument “${arg}”. Use --data DIR and --port N.`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new Error(`${arg} needs a value.`);
    raw[match[1]!] = value;
  }
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const version = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const dataFolder = args.data ?? defaultDataFolder();
  const desk = openDesk({ dataFolder, mode: 'web', version });
  const server = await startWebServer({ dispatch: desk.dispatchAsync, downloads: desk.exports, rendererDir: join(projectRoot, 'out', 'renderer'), ...(args.port !== undefined ? { port: args.port } : {}) });
  console.log(`Escalation Desk (web mode) is running.\n  Open: ${server.url}\n  Data: ${dataFolder}\nThe address carries a key for this launch only. Press Ctrl+C to stop.`);
  // Logs the file name or the error's own message only: never anything from the records.
  const backup = (reason: BackupReason) =>
    backupNow(desk.store.writer, dataFolder, reason).catch((error: unknown) => {
      console.error(`[escalation-desk] ${reason} backup failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  const schedule = setInterval(() => void backup('scheduled'), BACKUP_EVERY_MS);
  schedule.unref();
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    clearInterval(schedule);
    void server
      .close()
      .then(() => backup('on-quit'))
      .then(() => {
        desk.close();
        process.exit(0);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof NewerDatabaseError || error instanceof DamagedDatabaseError) console.error(error.message);
  else console.error(`Could not start the web mode: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
