// The records unlocked in the window (issue 17): the desktop app on a computer whose keyring is
// Linux's basic_text keeps no key, so its window asks for the board's passphrase, or, on a new
// board, for one to be chosen, and shows the recovery key once. The same front desk the desktop app
// holds, locked, served to Chromium by the web mode's server; the keyring is desktopKey.ts's seam,
// here one that protects nothing (basic_text).
import { rmSync } from 'node:fs';
import { desktopUnlocker, type Keyring } from '../../electron/desk/desktopKey';
import { openFrontDesk, type FrontDesk } from '../../electron/desk/frontDesk';
import { unlockBoard } from '../../electron/db/boardKeys';
import type { WebServer } from '../../electron/web/server';
import { tempFolder } from '../support/tempStore';
import { expect, expectAccessible, serveFrontDesk, test } from './fixtures';

const basicText: Keyring = {
  protects: false,
  wrap: () => {
    throw new Error('basic_text keeps nothing');
  },
  unwrap: () => {
    throw new Error('basic_text keeps nothing');
  },
};

async function lockedDesk(dataFolder: string): Promise<{ host: FrontDesk; server: WebServer }> {
  const host = openFrontDesk({ locked: desktopUnlocker(dataFolder, basicText), dataFolder, mode: 'web', version: 'e2e' });
  return { host, server: await serveFrontDesk(host) };
}

test('a new board without a keyring chooses its passphrase in the window, sees its recovery key once, and is asked for the passphrase next time', async ({
  browser,
}) => {
  const dataFolder = tempFolder('desk-e2e-unlock-');
  const context = await browser.newContext();
  const page = await context.newPage();
  let running = await lockedDesk(dataFolder);
  try {
    await page.goto(running.server.url);
    const setUp = page.getByRole('form', { name: 'Choose the records’ passphrase' });
    await expect(page.getByRole('heading', { name: 'Protect the records with a passphrase' })).toBeVisible();
    await expectAccessible(page);
    // Too short, then two that differ: refused in words on their fields, nothing made.
    await setUp.getByLabel('Passphrase', { exact: true }).fill('short');
    await setUp.getByLabel('Passphrase again').fill('short');
    await setUp.getByRole('button', { name: 'Encrypt the records' }).click();
    await expect(page.getByRole('alert').first()).toContainText('A passphrase is at least 12 characters');
    await setUp.getByLabel('Passphrase', { exact: true }).fill('the board passphrase in the window');
    await setUp.getByLabel('Passphrase again').fill('the board passphrase in a window');
    await setUp.getByRole('button', { name: 'Encrypt the records' }).click();
    await expect(page.getByRole('alert').first()).toContainText('The two passphrases differ');
    await setUp.getByLabel('Passphrase again').fill('the board passphrase in the window');
    await setUp.getByRole('button', { name: 'Encrypt the records' }).click();

    const shown = page.getByLabel('Recovery key');
    await expect(shown).toHaveText(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    const recoveryKey = (await shown.textContent())!;
    expect(unlockBoard(dataFolder, { recoveryKey }).length).toBe(32);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'I have kept the recovery key: carry on' }).click();
    await expect(page.getByRole('heading', { name: 'Set up Escalation Desk' })).toBeVisible();
  } finally {
    await running.server.close();
    running.host.close();
  }

  // The next start: locked, and only the passphrase opens it.
  running = await lockedDesk(dataFolder);
  try {
    await page.goto(running.server.url);
    const unlock = page.getByRole('form', { name: 'Unlock the records' });
    await unlock.getByLabel('Passphrase').fill('not the board passphrase');
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('alert').first()).toContainText('That passphrase does not unlock these records.');
    await expectAccessible(page);
    await unlock.getByLabel('Passphrase').fill('the board passphrase in the window');
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('heading', { name: 'Set up Escalation Desk' })).toBeVisible();
  } finally {
    await running.server.close();
    running.host.close();
    await context.close();
    rmSync(dataFolder, { recursive: true, force: true });
  }
});
