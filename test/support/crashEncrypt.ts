// Child process for the move-over crash test: opens a plain board with the test key, which
// encrypts it (encryptBoard.ts), and kills itself with SIGKILL at the chosen step of that.
//   crashEncrypt <records file> <step>
import { encryptHooks, type EncryptStep } from '../../electron/db/encryptBoard';
import { openStore } from '../../electron/db/open';
import { TEST_KEY } from './testKey';

const [file, stepName] = process.argv.slice(2);
if (!file || !stepName) throw new Error('usage: crashEncrypt <records file> <step>');
encryptHooks.onStep = (step: EncryptStep) => {
  if (step === stepName) process.kill(process.pid, 'SIGKILL');
};
openStore(file, TEST_KEY).close();
process.stdout.write('finished without reaching the step\n');
