// The board server as a colleague reaches it (issue 15): `serve.ts` in its own process on
// 127.0.0.2, over HTTPS with the self-signed certificate it made on first start, opened in
// Chromium at https://127.0.0.2:PORT/ with no launch key. The coordinator makes the board's first
// account on the page, works (adds an agency and sees it), signs out and back in.
import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectAccessible } from './fixtures';
import { startServe, type RunningServe } from '../db/boardServerProcess';
import { tempFolder } from '../support/tempStore';

// The certificate is self-signed: the browser is told to accept it, as a member of staff would after checking its fingerprint.
test.use({ ignoreHTTPSErrors: true });

let server: RunningServe | undefined;
let dataFolder: string | undefined;
test.afterEach(async () => {
  if (server) expect(await server.stop()).toEqual({ code: 0, signal: null });
  if (dataFolder) rmSync(dataFolder, { recursive: true, force: true });
  server = undefined;
  dataFolder = undefined;
});

test('a coordinator sets up the board on the server from another address, signs in over HTTPS and works', async ({ page }) => {
  dataFolder = tempFolder('desk-serve-e2e-');
  server = await startServe(['--data', dataFolder, '--listen', '127.0.0.2:0', '--name', 'desk.board.local']);
  const address = `https://127.0.0.2:${server.port}/`;

  const response = await page.goto(address);
  expect(response!.status()).toBe(200);
  expect(response!.headers()['strict-transport-security']).toMatch(/max-age=/);
  expect(page.url()).toBe(address);
  await expect(page.getByRole('heading', { name: 'Set up Escalation Desk', level: 1 })).toBeVisible();
  await expectAccessible(page);

  const form = page.getByRole('form', { name: 'First account' });
  await form.getByLabel('Your name').fill('Jo Coordinator');
  await form.getByLabel('User name').fill('jo.coord');
  await form.getByLabel('Password', { exact: true }).fill('three random words');
  await form.getByLabel('Password again').fill('three random words');
  await form.getByRole('button', { name: 'Create the coordinator account' }).click();

  await expect(page.getByRole('heading', { name: 'Agency directory', level: 1 })).toBeVisible();
  const addForm = page.getByRole('region', { name: 'Add an agency' });
  await addForm.getByLabel('Agency name').fill('Avon and Somerset Police');
  await addForm.getByLabel('Sector').selectOption({ label: 'Police' });
  await addForm.getByRole('button', { name: 'Add agency' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added Avon and Somerset Police.' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Avon and Somerset Police' })).toBeVisible();
  await expectAccessible(page);

  // The session lives in a Secure, HttpOnly, SameSite=Strict cookie for this host alone.
  const cookies = await page.context().cookies(address);
  expect(cookies.find((c) => c.name === '__Host-desk_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' });

  // Signed out, the agency is behind the sign-in screen; signed in again, it is there.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('User name').fill('jo.coord');
  await page.getByLabel('Password').fill('three random words');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('link', { name: 'Avon and Somerset Police' })).toBeVisible();
});
