// A page load is quiet: no failed request and no script error in the browser's console, signed out,
// signed in, and before the board has any account. Each is a fresh load of the served renderer.
import type { Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures';

/** The channel calls in flight (the change stream, /api/events, stays open by design). */
const pending = new Set<string>();

/** Waits until every call the page has made has answered: the load is over. */
async function settled(): Promise<void> {
  await expect.poll(() => pending.size).toBe(0);
}

/** Everything the console reports as an error, and any uncaught error, from now on. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  const track = (url: string) => new URL(url).pathname.startsWith('/api/') && !url.includes('/api/events');
  page.on('request', (request) => void (track(request.url()) && pending.add(request.url() + (request.postData() ?? ''))));
  const done = (request: { url(): string; postData(): string | null }) => pending.delete(request.url() + (request.postData() ?? ''));
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} from ${response.url()} (${response.request().postData() ?? ''})`);
  });
  return errors;
}

test('loading the sign-in screen and the signed-in app logs no error', async ({ page, app }) => {
  const errors = consoleErrors(page);
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await settled();
  expect(errors).toEqual([]);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.goto(app.server.url);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await settled();
  expect(errors).toEqual([]);
  await expectAccessible(page);
});

test.describe('before the board has an account', () => {
  test.use({ firstAccount: false });
  test('loading the first-account screen logs no error', async ({ page, app }) => {
    const errors = consoleErrors(page);
    await page.goto(app.server.url);
    await expect(page.getByRole('button', { name: /account/i })).toBeVisible();
    await settled();
    expect(errors).toEqual([]);
  });
});
