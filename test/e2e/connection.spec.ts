// The desktop app's first start, connected to the board's server (issue 15, item 5). Electron
// cannot run here, so its main process is played by what it runs: the connection host (the seam
// the IPC channels are registered over) behind the local web mode's page, on 127.0.0.1; the board
// server is the real one, `serve.ts` in its own process on 127.0.0.2 over TLS. The person chooses
// the server on the first-start screen, is refused a wrong fingerprint, connects, sets up the
// board and works; then the server stops and the window says so plainly.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { expectAccessible } from './fixtures';
import { openConnectionHost } from '../../electron/client/connectionHost';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { startServe, type RunningServe } from '../db/boardServerProcess';
import { tempFolder } from '../support/tempStore';

let board: RunningServe | undefined;
let window: WebServer | undefined;
const folders: string[] = [];
test.afterEach(async () => {
  await window?.close();
  if (board) await board.stop();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

test('at first start the person connects to the board server by its address and fingerprint, and is told plainly when it is down', async ({
  page,
}) => {
  const data = tempFolder('desk-connect-server-');
  const appData = tempFolder('desk-connect-appdata-');
  folders.push(data, appData);
  board = await startServe(['--data', data, '--listen', '127.0.0.2:0']);
  const host = openConnectionHost({
    appDataFolder: appData,
    fromFlags: null,
    openLocal: () => {
      throw new Error('The records on this computer are not chosen in this test.');
    },
  });
  window = await startWebServer({
    dispatch: host.dispatchAsync,
    sessions: () => null,
    rendererDir: join(process.cwd(), 'out', 'renderer'),
  });
  await page.goto(window.url);

  await expect(page.getByRole('heading', { name: 'Where are the board’s records?', level: 1 })).toBeVisible();
  await expectAccessible(page);
  const form = page.getByRole('form', { name: 'Where the records are' });
  await form.getByRole('radio', { name: 'On the board’s server' }).check();
  await form.getByLabel('Server address').fill(board.origin);
  // A fingerprint that is not the server's: refused, naming both, and nothing kept.
  const wrong = board.fingerprint!.replace(/^../, board.fingerprint!.startsWith('00') ? '01' : '00');
  await form.getByLabel('Certificate fingerprint (SHA-256)').fill(wrong);
  await form.getByRole('button', { name: 'Connect to the server' }).click();
  const refusal = page.getByRole('alert');
  await expect(refusal).toContainText(`presented a certificate with SHA-256 fingerprint ${board.fingerprint}`);
  await expect(refusal).toContainText(`trusts only ${wrong}`);
  expect(host.current()).toBeNull();

  await form.getByLabel('Certificate fingerprint (SHA-256)').fill(board.fingerprint!.replace(/:/g, ' ').toLowerCase());
  await form.getByRole('button', { name: 'Connect to the server' }).click();
  await expect(page.getByText(`Connected to the board server at ${board.origin} (certificate SHA-256 ${board.fingerprint})`)).toBeVisible();

  // The board's first account, made on the server through this window.
  const first = page.getByRole('form', { name: 'First account' });
  await first.getByLabel('Your name').fill('Jo Coordinator');
  await first.getByLabel('User name').fill('jo.coord');
  await first.getByLabel('Password', { exact: true }).fill('three random words');
  await first.getByLabel('Password again').fill('three random words');
  await first.getByRole('button', { name: 'Create the coordinator account' }).click();
  await expect(page.getByRole('heading', { name: 'Agency directory', level: 1 })).toBeVisible();
  const addForm = page.getByRole('region', { name: 'Add an agency' });
  await addForm.getByLabel('Agency name').fill('Avon and Somerset Police');
  await addForm.getByLabel('Sector').selectOption({ label: 'Police' });
  await addForm.getByRole('button', { name: 'Add agency' }).click();
  await expect(page.getByRole('link', { name: 'Avon and Somerset Police' })).toBeVisible();
  await expectAccessible(page);

  // The server stops: the next change is refused, and the window says so above every screen.
  expect(await board.stop()).toEqual({ code: 0, signal: null });
  board = undefined;
  await addForm.getByLabel('Agency name').fill('Sirona Care and Health');
  await addForm.getByLabel('Sector').selectOption({ label: 'Health' });
  await addForm.getByRole('button', { name: 'Add agency' }).click();
  const banner = page.locator('.connection__down');
  await expect(banner).toContainText(/The board server at https:\/\/127\.0\.0\.2:\d+ cannot be reached \(connection refused/);
  await expect(banner).toContainText('Nothing was saved on this computer');
  await expect(banner.getByRole('button', { name: 'Try again' })).toBeVisible();
  await expectAccessible(page);

  // The board moves its server (a new address and certificate): changed from the window, with no file to delete.
  const moved = tempFolder('desk-connect-moved-');
  folders.push(moved);
  board = await startServe(['--data', moved, '--listen', '127.0.0.2:0']);
  await page.getByRole('button', { name: 'Change the server' }).click();
  await expect(page.getByRole('heading', { name: 'Change where the board’s records are', level: 1 })).toBeVisible();
  const change = page.getByRole('form', { name: 'Where the records are' });
  await expect(change.getByLabel('Server address')).toHaveValue(/^https:\/\/127\.0\.0\.2:\d+$/);
  await expectAccessible(page);
  await change.getByLabel('Server address').fill(board.origin);
  await change.getByLabel('Certificate fingerprint (SHA-256)').fill(board.fingerprint!);
  await change.getByRole('button', { name: 'Connect to the server' }).click();
  await expect(page.getByText(`Connected to the board server at ${board.origin} (certificate SHA-256 ${board.fingerprint})`)).toBeVisible();
  // A new board with no accounts: its first-account screen, nothing carried over from the old server.
  await expect(page.getByRole('form', { name: 'First account' })).toBeVisible();
  expect(host.current()).toEqual({ mode: 'server', url: board.origin, fingerprint: board.fingerprint });
});
