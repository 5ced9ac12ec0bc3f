// Child process for the backup crash test: takes backups as the app does (backupNow, which "Back up
// now" and the schedule call; a restore's before-restore copy through the front desk; the copy
// before a migration while the records open) and kills itself with SIGKILL at a chosen step of
// writing one, or backs up in a loop until the test kills it at a moment of its choosing.
//   crashBackup <data folder> <online|before-restore|before-migration|loop> [step] [nth]
import { join } from 'node:path';
import { backupHooks, backupNow, type BackupStep } from '../../electron/db/backup';
import { DATABASE_FILE_NAME, openStore } from '../../electron/db/open';
import { TEST_KEY } from './testKey';

const [folder, kind, stepName, nth] = process.argv.slice(2);
if (!folder || !kind) throw new Error('usage: crashBackup <data folder> <kind> [step] [nth]');
const at = new Date('2026-11-23T10:00:00Z');

let seen = 0;
const armKill = () => {
  backupHooks.onStep = (step: BackupStep) => {
    if (step === stepName && (seen += 1) >= Number(nth ?? 1)) process.kill(process.pid, 'SIGKILL');
  };
};

async function main(): Promise<void> {
  if (kind === 'before-restore') {
    // Only this kind needs the whole front desk (slow to load), so it is loaded only here.
    const { openFrontDesk } = await import('../../electron/desk/frontDesk');
    const desk = openFrontDesk({
      key: TEST_KEY,
      dataFolder: folder!,
      mode: 'web',
      version: 'crash-test',
      actor: () => 'crash test',
      now: () => at,
    });
    const made = await desk.callAsync('backups:create', {});
    if (!made.ok) throw new Error(made.error.message);
    armKill();
    const restored = await desk.callAsync('backups:restore', { name: made.value.name, confirmed: true });
    if (!restored.ok) throw new Error(restored.error.message);
  } else {
    // The copy before a migration is taken while the records open.
    if (kind === 'before-migration') armKill();
    const store = openStore(join(folder!, DATABASE_FILE_NAME), TEST_KEY);
    if (kind === 'online') armKill();
    for (;;) process.stdout.write(`ack ${await backupNow(store.writer, folder!, TEST_KEY, 'manual', at)}\n`);
  }
  throw new Error(`${kind} finished without reaching the step ${stepName}`);
}

main().catch((error: unknown) => {
  process.stderr.write(String(error));
  process.exit(1);
});
