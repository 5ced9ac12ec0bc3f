// Nothing needing attention is invisible (issue 16, item 5), as the coordinator and the learning hub
// see it: Deadlines lists what is due today and this week and what sits at a stage with no
// timescale; the learning hub's cases in and out balance on screen. Today is Monday 23 November 2026.
import type { Sector } from '../../shared/domain/agency';
import { ok } from '../support/tempStore';
import { onLatest } from '../support/latest';
import { expect, expectAccessible, screenshotPath, test, type DeskFixture } from './fixtures';

test.use({ clock: '2026-11-23T10:00:00Z' });

function seed(app: DeskFixture) {
  const add = (name: string, sector: Sector, statutoryPartner: boolean) =>
    ok(app.desk.call('agencies:create', { name, sector, statutoryPartner })).id;
  const council = add('Torbay Children’s Services', 'childrens_social_care', true);
  const school = add('St Marychurch Pre-school', 'early_years', false);
  const choose = (key: string) => {
    const settings = ok(app.desk.call('settings:get', {}));
    ok(onLatest(app.desk, 'profiles:choose', { profileId: settings.profiles.find((p) => p.key === key && p.basedOn === null)!.id }));
  };
  const categoryId = ok(app.desk.call('settings:get', {})).categories[0]!.id;
  const log = (reference: string, openedOn: string) =>
    ok(
      app.desk.call('escalations:create', {
        reference,
        raisingAgencyId: school,
        raisingWorkerRole: 'Pre-school manager',
        challengedAgencyIds: [council],
        categoryId,
        childStatus: 'child_in_need',
        summary: 'The pre-school believes the threshold for a strategy discussion is met.',
        openedOn,
        immediateRisk: false,
      }),
    );
  choose('bromley');
  log('DUE-TODAY', '2026-11-16');
  log('DUE-WED', '2026-11-18');
  const done = log('DONE-1', '2026-10-05');
  ok(
    onLatest(app.desk, 'escalations:resolve', {
      escalationId: done.id,
      resolvedOn: '2026-10-07',
      statement: 'Agreed.',
      effect: 'upheld',
      agreedBy: 'Both',
    }),
  );
  const gone = log('GONE-1', '2026-10-12');
  ok(onLatest(app.desk, 'escalations:withdraw', { escalationId: gone.id, on: '2026-10-13', reason: 'Raised in error' }));
  choose('torbay');
  log('PRE-1', '2026-11-09');
}

test('Deadlines lists what is due today and this week, and what sits at a stage with no timescale', async ({ page, app }) => {
  seed(app);
  await page.goto(`${app.server.url}#/deadlines`);
  await expect(page.getByRole('heading', { name: 'Deadlines', level: 1 })).toBeVisible();
  const today = page.getByRole('region', { name: /Due today/ });
  await expect(today.getByRole('heading')).toHaveText('Due today (1)');
  await expect(today.getByRole('row', { name: /DUE-TODAY/ })).toContainText('Today, 23 Nov 2026');
  const week = page.getByRole('region', { name: /Due later this week/ });
  await expect(week.getByRole('row', { name: /DUE-WED/ })).toContainText('25 Nov 2026');
  await expect(week.getByRole('row', { name: /DUE-WED/ })).toContainText('2 working days');
  const waiting = page.getByRole('region', { name: /At a stage with no timescale/ });
  await expect(waiting.getByRole('row', { name: /PRE-1/ })).toContainText('0: Pre-escalation');
  await expect(waiting.getByRole('row', { name: /PRE-1/ })).toContainText('9 Nov 2026');
  await expect(waiting.getByRole('row', { name: /PRE-1/ })).toContainText('10 working days');
  await expectAccessible(page);
  await page.screenshot({ path: screenshotPath('deadlines-attention.png'), fullPage: true });

  await waiting.getByRole('link', { name: 'PRE-1' }).click();
  await expect(page.getByRole('heading', { name: 'PRE-1', level: 1 })).toBeVisible();
});

test('the learning hub shows withdrawn cases and the quarter’s cases in and out balancing', async ({ page, app }) => {
  seed(app);
  await page.goto(`${app.server.url}#/dashboard/2026-Q3`);
  const flow = page.getByRole('region', { name: 'Cases in and out this quarter' });
  // Carried in: none. New in Q3: all five. Resolved DONE-1, withdrawn GONE-1: three still open.
  await expect(flow).toContainText('0 carried over + 5 new − 1 resolved − 1 withdrawn = 3 still open.');
  await expect(flow.getByRole('row', { name: /Withdrawn/ })).toContainText('1');
  await expect(page.locator('.dash-card--withdrawn')).toContainText('Withdrawn');
  await expectAccessible(page);
  await page.screenshot({ path: screenshotPath('dashboard-flow.png'), fullPage: true });
  // The withdrawn count opens the register on exactly that case.
  await flow.getByRole('link', { name: /1 escalation withdrawn/ }).click();
  await expect(page).toHaveURL(/#\/escalations\?drill=/);
  await expect(page.getByRole('row', { name: /GONE-1/ })).toBeVisible();
});
