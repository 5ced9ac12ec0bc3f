// App lifecycle only: open the desk (or connect to the board's server), register the channels,
// harden, show the window, close cleanly.
import { app, dialog } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openFrontDesk, type FrontDesk } from '../desk/frontDesk';
import { isTrustedUrl, registerChannels } from './ipc';
import { APP_ORIGIN, registerAppSchemePrivileges, serveRenderer } from './protocol';
import { hardenContents, hardenSessions } from './security';
import { createMainWindow, preloadPath } from './window';
import { askWhereToSave, saveWithDialog } from './saveExport';
import { connectionFromArgs } from '../client/connection';
import { openConnectionHost } from '../client/connectionHost';
import { BOARD_FEED_CHANNEL } from '../../shared/domain/connection';
import { scheduleBackups, type BackupSchedule } from '../desk/backupSchedule';
import { unlockDesktop } from './keyring';

const mainDir = dirname(fileURLToPath(import.meta.url));
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const trustedOrigins = devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN];
const isAppUrl = (url: string) => isTrustedUrl(url, trustedOrigins);

app.enableSandbox();
registerAppSchemePrivileges();
let desk: FrontDesk | null = null;
let backups: BackupSchedule | null = null;
let quitBackupTaken = false;

if (!app.requestSingleInstanceLock()) app.quit();

app
  .whenReady()
  .then(() => {
    let fromFlags;
    try {
      fromFlags = connectionFromArgs(process.argv);
    } catch (error) {
      dialog.showErrorBox('Escalation Desk: the board server’s flags', error instanceof Error ? error.message : String(error));
      app.exit(2);
      return;
    }
    // The records on this computer, opened only when they are the ones chosen (never as a silent copy of the server's).
    const openLocal = () => {
      // A damaged records file still opens the window, which says so and offers the latest good backup.
      const dataFolder = app.getPath('userData');
      desk = openFrontDesk({
        dataFolder,
        ...unlockDesktop(dataFolder),
        mode: 'desktop',
        version: app.getVersion(),
        deliverExport: saveWithDialog,
      });
      backups = scheduleBackups(desk);
      return desk.dispatchAsync;
    };
    let connection;
    try {
      connection = openConnectionHost({ appDataFolder: app.getPath('userData'), fromFlags, openLocal, chooseSavePath: askWhereToSave });
    } catch (error) {
      dialog.showErrorBox('Escalation Desk cannot open its records', error instanceof Error ? error.message : String(error));
      app.exit(1);
      return;
    }
    hardenSessions();
    hardenContents(isAppUrl);
    serveRenderer(join(mainDir, '..', 'renderer'));
    // One seam: the desk on this computer, or the board server's client (connection:get and :choose are answered by the host itself).
    registerChannels(connection.dispatchAsync, trustedOrigins);
    const window = createMainWindow(preloadPath(mainDir), devServerUrl ?? `${APP_ORIGIN}/index.html`);
    // Connected to a board server: other people's changes reach the window as they do a browser page.
    const stopFeed = connection.onBoardFeed((event) => {
      if (!window.isDestroyed()) window.webContents.send(BOARD_FEED_CHANNEL, event);
    });
    window.once('closed', stopFeed);
  })
  .catch((error: unknown) => {
    dialog.showErrorBox('Escalation Desk could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });

app.on('window-all-closed', () => app.quit());
// Once per quit: hold it, take the on-quit backup, then quit for real.
app.on('before-quit', (event) => {
  if (quitBackupTaken || !backups) return;
  quitBackupTaken = true;
  event.preventDefault();
  void backups.take('on-quit').finally(() => app.quit());
});
app.on('will-quit', () => {
  backups?.stop();
  backups = null;
  desk?.close();
  desk = null;
});
