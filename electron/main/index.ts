// App lifecycle only: open the desk, register the channels, harden, show the window, close cleanly.
import { app, dialog } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDesk, type Desk } from '../app/desk';
import { registerChannels } from '../ipc/register';
import { APP_ORIGIN, registerAppSchemePrivileges, serveRenderer } from './protocol';
import { hardenContents, hardenSessions } from './security';
import { createMainWindow, preloadPath } from './window';
import { saveWithDialog } from './saveExport';
import { BACKUP_EVERY_MS, backupNow, type BackupReason } from '../db/backup';

const mainDir = dirname(fileURLToPath(import.meta.url));
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const trustedOrigins = devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN];
const isAppUrl = (url: string) => {
  try {
    const parsed = new URL(url);
    return trustedOrigins.includes(parsed.origin === 'null' ? `${parsed.protocol}//${parsed.host}` : parsed.origin);
  } catch {
    return false;
  }
};

app.enableSandbox();
registerAppSchemePrivileges();
let desk: Desk | null = null;
let backupSchedule: NodeJS.Timeout | null = null;
let quitBackupTaken = false;

// Logs the reason and the error's own message only: never anything from the records.
const takeBackup = async (reason: BackupReason): Promise<void> => {
  if (!desk) return;
  try {
    await backupNow(desk.store.writer, app.getPath('userData'), reason);
  } catch (error) {
    console.error(`[escalation-desk] ${reason} backup failed: ${error instanceof Error ? error.message : String(error)}`);
  }
};

if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(() => {
  try {
    desk = openDesk({ dataFolder: app.getPath('userData'), mode: 'desktop', version: app.getVersion(), deliverExport: saveWithDialog });
  } catch (error) {
    dialog.showErrorBox('Escalation Desk cannot open its records', error instanceof Error ? error.message : String(error));
    app.exit(1);
    return;
  }
  backupSchedule = setInterval(() => void takeBackup('scheduled'), BACKUP_EVERY_MS);
  backupSchedule.unref();
  hardenSessions();
  hardenContents(isAppUrl);
  serveRenderer(join(mainDir, '..', 'renderer'));
  registerChannels(desk.dispatchAsync, trustedOrigins);
  createMainWindow(preloadPath(mainDir), devServerUrl ?? `${APP_ORIGIN}/index.html`);
}).catch((error: unknown) => {
  dialog.showErrorBox('Escalation Desk could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});

app.on('window-all-closed', () => app.quit());
// Once per quit: hold it, take the on-quit backup, then quit for real.
app.on('before-quit', (event) => {
  if (quitBackupTaken || !desk) return;
  quitBackupTaken = true;
  event.preventDefault();
  void takeBackup('on-quit').finally(() => app.quit());
});
app.on('will-quit', () => {
  if (backupSchedule) clearInterval(backupSchedule);
  backupSchedule = null;
  desk?.close();
  desk = null;
});
