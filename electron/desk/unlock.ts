// Unlocking the records for the programs started from a command line: the board's command line,
// the local web mode and the board server. The key comes from --key-file (the board's key in a file
// only the service account can read), or from the passphrase, set in ESCALATION_DESK_PASSPHRASE for
// unattended use or typed at the prompt. A board without keys yet (a new one, or one from before
// encryption) is given them here: a passphrase chosen, and the recovery key shown once.
import { resolve } from 'node:path';
import type { RecordsKey } from '../db/cipher';
import { changePassphrase, keysMissingMessage, keysState, readUnattendedKey, setUpKeys } from '../db/boardKeys';
import { KeyFileError } from '../db/keyFile';
import { changeDataKey, nextKeysFile, unlockCurrentKey } from '../db/keyChange';
import { existsSync } from 'node:fs';
import { UsageError } from './args';
import { readSecret, SecretMissing } from './secrets';

export const PASSPHRASE_VARIABLE = 'ESCALATION_DESK_PASSPHRASE';
/** For a scripted change of passphrase: the new one, and the recovery key when unlocking with it. */
export const NEW_PASSPHRASE_VARIABLE = 'ESCALATION_DESK_NEW_PASSPHRASE';
export const RECOVERY_KEY_VARIABLE = 'ESCALATION_DESK_RECOVERY_KEY';

/** The records could not be unlocked; the message says why and what to do. Nothing was opened or changed. */
export class UnlockRefused extends Error {}

/** Takes `--key-file FILE` (or `--key-file=FILE`) out of a command's arguments: every command and program accepts it. */
export function takeKeyFileFlag(argv: readonly string[]): { keyFile: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let keyFile: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg !== '--key-file' && !arg.startsWith('--key-file=')) {
      rest.push(arg);
      continue;
    }
    if (keyFile !== undefined) throw new UsageError('--key-file is given twice.');
    const value = arg === '--key-file' ? argv[++i] : arg.slice('--key-file='.length);
    if (!value || value.startsWith('--')) throw new UsageError('--key-file needs the path of the board’s key file.');
    keyFile = resolve(value);
  }
  return { keyFile, rest };
}

const refused = (error: unknown): never => {
  if (error instanceof KeyFileError || error instanceof SecretMissing) throw new UnlockRefused(error.message);
  throw error;
};

async function choosePassphrase(missing: string, variable = PASSPHRASE_VARIABLE): Promise<string> {
  if (process.env[variable] !== undefined) return process.env[variable];
  const first = await readSecret('Choose a passphrase for the board’s records (at least 12 characters): ', variable, missing, {
    pipedAllowed: false,
  });
  const again = await readSecret('Type it again: ', variable, missing, { pipedAllowed: false });
  if (first !== again) throw new UnlockRefused('The two passphrases are not the same, so none was set. Nothing has changed.');
  return first;
}

/**
 * The board's data key for `dataFolder`, or UnlockRefused in plain words. `say` is where the
 * set-up's words and the recovery key go (stderr by default, not the program's output).
 */
export async function unlockRecords(
  dataFolder: string,
  keyFile: string | undefined,
  say: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<RecordsKey> {
  try {
    const state = keysState(dataFolder);
    if (keyFile !== undefined) {
      if (state === 'new' || state === 'plain')
        throw new UnlockRefused(
          `The records in ${dataFolder} have no key yet, so a key file cannot open them: start once with a passphrase (${PASSPHRASE_VARIABLE}) to set the board’s key up, then write a key file with: npm run board -- key-file --to FILE.`,
        );
      if (existsSync(nextKeysFile(dataFolder)))
        throw new UnlockRefused(
          `A change of the key of the records in ${dataFolder} was cut short: start once with the passphrase to finish it, then write a new key file.`,
        );
      return readUnattendedKey(keyFile, dataFolder);
    }
    if (state === 'keys-missing') throw new UnlockRefused(keysMissingMessage(dataFolder));
    if (state === 'locked') {
      const passphrase = await readSecret(
        `Passphrase for the records in ${dataFolder}: `,
        PASSPHRASE_VARIABLE,
        `The records in ${dataFolder} are encrypted: type the board’s passphrase at the prompt, set ${PASSPHRASE_VARIABLE}, or give --key-file FILE.`,
        { pipedAllowed: false },
      );
      // A change of key cut short is finished (or undone) here, before anything opens the records.
      return unlockCurrentKey(dataFolder, { passphrase });
    }
    const passphrase = await choosePassphrase(
      `The records in ${dataFolder} have no key yet. Choose the board’s passphrase: type it at the prompt, or set ${PASSPHRASE_VARIABLE}.`,
    );
    const { key, recoveryKey } = setUpKeys(dataFolder, passphrase);
    say(
      [
        state === 'plain'
          ? `The records in ${dataFolder} are not encrypted yet: they are being encrypted now, after a backup of them, under a new key sealed with your passphrase.`
          : `The records in ${dataFolder} are encrypted from their first entry, under a new key sealed with your passphrase.`,
        '',
        'RECOVERY KEY (shown this once: print it or write it down, and keep it in the board’s safe):',
        '',
        `    ${recoveryKey}`,
        '',
        'It opens the records if the passphrase is forgotten (npm run board -- passphrase --recovery).',
        'If the passphrase and the recovery key are both lost, nobody can read the records, not even the IT team: that is what encrypting them is for.',
      ].join('\n'),
    );
    return key;
  } catch (error) {
    return refused(error);
  }
}

/**
 * Seals the board's key under a new passphrase, after unlocking with the current one (or the key
 * file), or with the recovery key when the passphrase is forgotten.
 */
export async function changePassphraseFromCommandLine(
  dataFolder: string,
  withRecovery: boolean,
  keyFile: string | undefined,
): Promise<void> {
  try {
    if (keysState(dataFolder) !== 'locked')
      throw new UnlockRefused(`The records in ${dataFolder} have no key file, so there is no passphrase to change.`);
    let key: RecordsKey;
    if (withRecovery) {
      const typed = await readSecret(
        'Recovery key (the 8 groups of 4 printed when the board was set up): ',
        RECOVERY_KEY_VARIABLE,
        `Type the recovery key at the prompt (or set ${RECOVERY_KEY_VARIABLE}).`,
        { pipedAllowed: false },
      );
      key = unlockCurrentKey(dataFolder, { recoveryKey: typed });
    } else key = await unlockRecords(dataFolder, keyFile);
    const passphrase = await choosePassphrase(
      `Type the new passphrase at the prompt (or set ${NEW_PASSPHRASE_VARIABLE}).`,
      NEW_PASSPHRASE_VARIABLE,
    );
    changePassphrase(dataFolder, key, passphrase);
  } catch (error) {
    refused(error);
  }
}

/**
 * Writes the records again under a new data key (close the app first). Unlocks with the
 * passphrase (it seals the new key too) and shows the new recovery key before anything is swapped.
 */
export async function changeKeyFromCommandLine(
  dataFolder: string,
  say: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<void> {
  try {
    if (keysState(dataFolder) !== 'locked')
      throw new UnlockRefused(`The records in ${dataFolder} have no keys file, so there is no key to change.`);
    const passphrase = await readSecret(
      `Passphrase for the records in ${dataFolder}: `,
      PASSPHRASE_VARIABLE,
      `Changing the key needs the board’s passphrase: type it at the prompt or set ${PASSPHRASE_VARIABLE}.`,
      { pipedAllowed: false },
    );
    const key = unlockCurrentKey(dataFolder, { passphrase });
    changeDataKey(dataFolder, key, passphrase, (recoveryKey) =>
      say(
        [
          'NEW RECOVERY KEY (shown this once; the old recovery key no longer opens the records once the change is done):',
          '',
          `    ${recoveryKey}`,
          '',
        ].join('\n'),
      ),
    );
  } catch (error) {
    refused(error);
  }
}
