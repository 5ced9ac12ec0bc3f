// Child process for the key-change crash test: changes a test board's data key (keyChange.ts) and
// kills itself with SIGKILL at the chosen step (the nth time it is reached).
//   crashKeyChange <data folder> <step> [nth]
import { changeDataKey, keyChangeHooks, type KeyChangeStep } from '../../electron/db/keyChange';
import { TEST_KEY, TEST_PASSPHRASE } from './testKey';

const [folder, stepName, nth] = process.argv.slice(2);
if (!folder || !stepName) throw new Error('usage: crashKeyChange <data folder> <step> [nth]');
let seen = 0;
keyChangeHooks.onStep = (step: KeyChangeStep) => {
  if (step === stepName && (seen += 1) >= Number(nth ?? 1)) process.kill(process.pid, 'SIGKILL');
};
changeDataKey(folder, TEST_KEY, TEST_PASSPHRASE, () => undefined);
process.stdout.write('finished without reaching the step\n');
