// The GOV.UK patterns the issue asks for (issue 16, item 6): the error summary at the top of a
// refused form, in the words on the screen; a title per screen; dates typed as day, month, year.
import { expect, expectAccessible, screenshotPath, test } from './fixtures';
import { seedEveryScreen, visit } from './everyScreen';

test.describe('a new board', () => {
  test.use({ firstAccount: false });

  test('the first-account form refuses at the top, in words, each entry taking you to its field', async ({ page, app }) => {
    void app;
    await expect(page).toHaveTitle('Set up Escalation Desk – Escalation Desk');
    const form = page.getByRole('form', { name: 'First account' });
    await form.getByLabel('User name').fill('jo coord');
    await form.getByLabel('Password', { exact: true }).fill('short');
    await form.getByLabel('Password again').fill('short');
    await form.getByRole('button', { name: 'Create the coordinator account' }).click();

    const summary = form.getByRole('alert');
    await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
    await expect(page).toHaveTitle('Error: Set up Escalation Desk – Escalation Desk');
    // Focused, and above the fields, not below the button.
    await expect(page.locator('.error-summary')).toBeFocused();
    const summaryTop = (await summary.boundingBox())!.y;
    expect(summaryTop).toBeLessThan((await form.getByLabel('Your name').boundingBox())!.y);
    // In the labels' words, never the contract's keys.
    await expect(summary).not.toContainText('userName');
    await expect(summary).not.toContainText('displayName');
    const userLink = summary.getByRole('link', { name: /^User name: / });
    await expect(userLink).toBeVisible();
    await expect(summary.getByRole('link', { name: /^Your name: / })).toBeVisible();
    await expect(summary.getByRole('link', { name: /^Password: / })).toBeVisible();
    // Beside each field, its message, and the field is marked invalid.
    await expect(form.getByLabel('User name')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByLabel('Password again')).not.toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByLabel('User name')).toHaveAccessibleDescription(/letters, digits, dots or dashes/);
    await expectAccessible(page);
    await page.screenshot({ path: screenshotPath('error-summary.png'), fullPage: true });

    await userLink.click();
    await expect(form.getByLabel('User name')).toBeFocused();

    // Put right, the summary, the marks and "Error:" go.
    await form.getByLabel('Your name').fill('Jo Coordinator');
    await form.getByLabel('User name').fill('jo.coord');
    await form.getByLabel('Password', { exact: true }).fill('three random words');
    await form.getByLabel('Password again').fill('three random words');
    await form.getByRole('button', { name: 'Create the coordinator account' }).click();
    await expect(page.getByText('Jo Coordinator · Business coordinator')).toBeVisible();
    await expect(page).not.toHaveTitle(/^Error:/);
  });
});

test('every screen has its own title, naming the screen and the record on it', async ({ page, app }) => {
  const screens = seedEveryScreen(app);
  const titles: string[] = [];
  for (const screen of screens) {
    await visit(page, screen);
    await expect(page).toHaveTitle(/ – Escalation Desk$/);
    titles.push(await page.title());
  }
  expect(titles).toContain('Case BR-2026-0042 – Escalation Desk');
  expect(titles).toContain('Escalation register – Escalation Desk');
  expect(new Set(titles).size, titles.join('\n')).toBe(screens.length);
});
