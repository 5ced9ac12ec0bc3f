// The GOV.UK patterns the issue asks for (issue 16, item 6): the error summary at the top of a
// refused form, in the words on the screen; a title per screen; dates typed as day, month, year.
import type { Page } from '@playwright/test';
import { expect, expectAccessible, screenshotPath, test } from './fixtures';
import { seedEveryScreen, visit, walkScreens } from './everyScreen';
import { dateGroup, fillDate } from './govukDate';
import { ok } from '../support/tempStore';

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

test('every screen has its own title, naming the screen and the record on it; every table on it can be scrolled from the keyboard', async ({
  page,
  app,
}) => {
  const screens = seedEveryScreen(app);
  const titles: string[] = [];
  await walkScreens(page, app, screens, async (screen) => {
    await expect(page).toHaveTitle(/ – Escalation Desk$/);
    titles.push(await page.title());
    // A table too wide for a narrow window scrolls inside itself: it must take focus to be scrolled without a mouse.
    await expect(page.locator('table:not([tabindex="0"])'), `${screen.hash}: a table that cannot take focus`).toHaveCount(0);
  });
  expect(titles).toContain('Case BR-2026-0042 – Escalation Desk');
  expect(titles).toContain('Resolve the escalation: BR-2026-0042 – Escalation Desk');
  expect(titles).toContain('Escalation register – Escalation Desk');
  expect(new Set(titles).size, titles.join('\n')).toBe(screens.length);
});

test('a date is typed as day, month and year, and one that is not real is refused in words before anything is sent', async ({
  page,
  app,
}) => {
  await page.getByRole('link', { name: 'Settings' }).click();
  const form = page.getByRole('form', { name: 'Add a closure day' });
  const date = dateGroup(form, 'Closure day');
  await expect(date).toHaveAccessibleDescription('For example, 27 3 2026');
  await expect(form.locator('input[type="date"]')).toHaveCount(0);
  await form.getByLabel('Reason').fill('Staff training day');
  const add = form.getByRole('button', { name: 'Add closure day' });

  // 31 February: told at the top and at the field, and the desk is not asked.
  await fillDate(form, 'Closure day', '');
  await date.getByLabel('Day').fill('31');
  await date.getByLabel('Month').fill('2');
  await date.getByLabel('Year').fill('2027');
  await add.click();
  const summary = form.getByRole('alert');
  await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
  await expect(page).toHaveTitle('Error: Board settings – Escalation Desk');
  const entry = summary.getByRole('link', { name: 'Closure day must be a real date' });
  await expect(entry).toBeVisible();
  await expect(date.getByText('Closure day must be a real date')).toBeVisible();
  await expect(date.getByLabel('Day')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  await entry.click();
  await expect(date.getByLabel('Day')).toBeFocused();

  // Letters, and a part left out, are told in words too.
  await date.getByLabel('Month').fill('Feb');
  await add.click();
  await expect(summary.getByRole('link', { name: 'Closure day must be a real date, in numbers' })).toBeVisible();
  await expect(date.getByLabel('Month')).toHaveAttribute('aria-invalid', 'true');
  await date.getByLabel('Month').fill('');
  await add.click();
  await expect(summary.getByRole('link', { name: 'Closure day must include a month' })).toBeVisible();
  expect(ok(app.desk.call('settings:get', {})).closureDays).toEqual([]);

  // A real date goes as the same ISO date the desk always had.
  await fillDate(form, 'Closure day', '2027-03-26');
  await add.click();
  await expect(page.getByRole('status').filter({ hasText: 'Added 26 Mar 2027 as a closure day.' })).toBeVisible();
  await expect(form.getByRole('alert')).toHaveCount(0);
  await expect(date.getByLabel('Day')).not.toHaveAttribute('aria-invalid', 'true');
  expect(ok(app.desk.call('settings:get', {})).closureDays).toEqual([{ date: '2027-03-26', reason: 'Staff training day' }]);
});

/** What sticks out past the right edge of the window (not counting what scrolls inside its own region). */
async function overflowing(page: Page, width: number): Promise<string[]> {
  return page.evaluate((edge) => {
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const x = getComputedStyle(p).overflowX;
        if (x === 'auto' || x === 'scroll' || x === 'hidden') return true;
      }
      return false;
    };
    return Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > edge + 1 && !clipped(el))
      .slice(0, 6)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${String(el.className)} (${Math.round(el.getBoundingClientRect().right)} px): ${(el.textContent ?? '').slice(0, 40)}`,
      );
  }, width);
}

test.describe('at 320 CSS pixels wide (400% zoom of a 1280 px window)', () => {
  test.use({ viewport: { width: 320, height: 700 } });

  test('no screen scrolls sideways: the page reflows, and wide tables scroll inside their own labelled region', async ({ page, app }) => {
    const screens = seedEveryScreen(app);
    // The error summary reflows too (first, while the coordinator, who logs cases, is signed in).
    await visit(page, screens[1]!);
    await page.getByRole('button', { name: 'Log escalation' }).click();
    await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectAccessible(page);
    await walkScreens(page, app, screens, async (screen) => {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect.soft(width, `${screen.hash} is ${width} px wide: ${(await overflowing(page, 320)).join('; ')}`).toBeLessThanOrEqual(320);
      await expectAccessible(page);
    });
  });
});

test('register columns wrap long names and badges instead of cutting them short', async ({ page, app }) => {
  seedEveryScreen(app);
  const desk = app.seeder();
  const long = ok(
    desk.call('agencies:create', {
      name: 'Royal Borough of Greenwich Children’s Services and Early Help',
      sector: 'childrens_social_care',
      statutoryPartner: true,
    }),
  );
  const settings = ok(desk.call('settings:get', {}));
  ok(
    desk.call('escalations:create', {
      reference: 'BR-2026-0043',
      childInitials: 'LM',
      raisingAgencyId: long.id,
      raisingWorkerRole: 'Social worker',
      raisingWorkerEmail: 'sw@greenwich.example.gov.uk',
      // The three agencies seedEveryScreen put on the directory.
      challengedAgencyIds: [1, 2, 3],
      categoryId: settings.categories[0]!.id,
      childStatus: 'child_in_need',
      summary: 'The social worker believes the health assessment was not shared in time.',
      openedOn: '2026-11-02',
      immediateRisk: false,
    }),
  );
  await visit(page, { hash: '#/escalations', heading: 'Escalation register' });
  const row = page.getByRole('row', { name: /BR-2026-0043/ });
  await expect(row).toContainText('Royal Borough of Greenwich Children’s Services and Early Help');
  // Nothing in any cell is cut off: each cell is as wide as what it holds, rows growing to fit.
  const cut = await page
    .getByRole('table', { name: 'Escalations' })
    .getByRole('cell')
    .evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent));
  expect(cut).toEqual([]);
  expect((await row.boundingBox())!.height).toBeGreaterThan(32);
  await expectAccessible(page);
});
