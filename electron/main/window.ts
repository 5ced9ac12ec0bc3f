import { BrowserWindow } from 'electron';
import { join } from 'node:path';

export function createMainWindow(preloadFile: string, startUrl: string): BrowserWindow {
  // Reviewed Electronegativity findings (docs/SECURITY.md says why): middle-click cannot open a
  // window (setWindowOpenHandler denies them all), and the preload exposes only the contract.
  // Electronegativity reads its note on the flagged line: prettier-ignore keeps it there.
  // prettier-ignore
  const window = new BrowserWindow({ // eng-disable AUXCLICK_JS_CHECK
    width: 1280,
    height: 860,
    title: 'Escalation Desk',
    show: false,
    webPreferences: {
      preload: preloadFile, // eng-disable PRELOAD_JS_CHECK
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(startUrl);
  return window;
}

export function preloadPath(mainDir: string): string {
  return join(mainDir, '..', 'preload', 'index.cjs');
}
