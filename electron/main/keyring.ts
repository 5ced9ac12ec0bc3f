// The operating system's keyring (Electron's safeStorage) given to desktopKey.ts, and the recovery
// key of a board set up now shown once, in a dialog, before the window opens.
import { dialog, safeStorage } from 'electron';
import type { RecordsKey } from '../db/cipher';
import { desktopKey, desktopUnlocker, needsPassphrase, type Keyring } from '../desk/desktopKey';
import type { LockedRecords } from '../desk/frontDesk';

function osKeyring(): Keyring {
  const available = safeStorage.isEncryptionAvailable();
  // On Linux without a keyring, safeStorage falls back to a fixed password: that protects nothing.
  const protects = available && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text');
  return {
    protects,
    wrap: (text) => safeStorage.encryptString(text),
    unwrap: (sealed) => safeStorage.decryptString(sealed),
  };
}

/**
 * The records' key from the keyring (or ESCALATION_DESK_PASSPHRASE), or, where the keyring keeps
 * none, the records locked: the window then asks for the passphrase (or to choose one) itself.
 */
export function unlockDesktop(dataFolder: string): { key: RecordsKey } | { locked: LockedRecords } {
  const keyring = osKeyring();
  const passphrase = process.env.ESCALATION_DESK_PASSPHRASE;
  if (needsPassphrase(dataFolder, keyring, passphrase)) return { locked: desktopUnlocker(dataFolder, keyring) };
  const { key, recoveryKey } = desktopKey(dataFolder, keyring, passphrase);
  if (recoveryKey) {
    dialog.showMessageBoxSync({
      type: 'info',
      title: 'Escalation Desk: the records’ recovery key',
      message: 'The board’s records are encrypted. Print or write down this recovery key and keep it in the board’s safe.',
      detail: `${recoveryKey}\n\nIt is shown this once. It opens the records if this computer’s keyring or the passphrase is lost. If every key is lost, nobody can read the records: that is what encrypting them is for.`,
      buttons: ['I have kept the recovery key'],
      noLink: true,
    });
  }
  return { key };
}
