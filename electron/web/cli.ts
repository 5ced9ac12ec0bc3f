// Starts the local web mode: `npm run start:web -- [--data DIR] [--port N] [--key-file FILE]`. The same server as the
// board server (serve.ts), bound to 127.0.0.1 over plain HTTP and opened with this launch's key.
import { z } from 'zod';
import { defaultDataFolder } from '../desk/dataFolder';
import { NewerDatabaseError } from '../db/migrate';
import { ClockSettingError } from '../desk/clock';
import { checked, parseFlags, UsageError } from '../desk/args';
import { openFrontDoor, stopOnSignals } from './frontDoor';
import { takeKeyFileFlag, unlockRecords, UnlockRefused } from '../desk/unlock';

const argsSchema = z.object({
  data: z.string().min(1, '--data needs a folder path').optional(),
  port: z.coerce
    .number({ error: '--port must be a number' })
    .int('--port must be a whole number')
    .min(0)
    .max(65535, '--port must be 0 to 65535')
    .optional(),
});

async function main(): Promise<void> {
  const { keyFile, rest } = takeKeyFileFlag(process.argv.slice(2));
  const args = checked(argsSchema, parseFlags(rest, ['data', 'port']));
  const dataFolder = args.data ?? defaultDataFolder();
  const key = await unlockRecords(dataFolder, keyFile);
  const door = await openFrontDoor({
    dataFolder,
    key,
    binding: { host: '127.0.0.1', ...(args.port !== undefined ? { port: args.port } : {}) },
  });
  console.log(
    `Escalation Desk (web mode) is running.\n  Open: ${door.server.url}\n  Data: ${dataFolder}\nThe address carries a key for this launch only: it opens the sign-in screen, and each person signs in with their own account. Press Ctrl+C to stop (a backup is taken first).`,
  );
  if (!door.desk.desk)
    console.log('The records file failed its integrity check and was not opened: open the address above to restore a backup.');
  stopOnSignals(door);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof ClockSettingError) {
    console.error(error.message);
    process.exit(2);
  }
  if (error instanceof UnlockRefused) {
    console.error(`The records were not opened: ${error.message}`);
    process.exit(3);
  }
  if (error instanceof NewerDatabaseError) console.error(error.message);
  else console.error(`Could not start the web mode: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
