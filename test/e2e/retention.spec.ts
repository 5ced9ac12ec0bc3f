// Retention review as the coordinator uses it: the cases past the board's review period, why some
// cannot go yet, a deliberate deletion with a reason and the reference typed, and its record.
import { todayIso } from '../../shared/domain/dates';
import type { Channel } from '../../shared/contract';
import { inputOnLatest, type InputOnLatest } from '../support/latest';
import { ok } from '../support/tempStore';
import { expect, expectAccessible, test, type DeskFixture, screenshotPath } from './fixtures';

const today = todayIso();
const yearsAgo = (years: number, monthDay: string) => `${Number(today.slice(0, 4)) - years}-${monthDay}`;

function seed(app: DeskFixture) {
  const d = <C extends Channel>(channel: C, input: InputOnLatest<C>) => ok(app.desk.call(channel, inputOnLatest(app.desk, channel, input)));
  const school = d('agencies:create', { name: 'Hollyfield Primary School', sector: 'education', statutoryPartner: false }).id;
  const council = d('agencies:create', { name: 'Bristol City Council', sector: 'childrens_social_care', statutoryPartner: true }).id;
  const settings = d('settings:get', {});
  d('profiles:choose', { profileId: settings.profiles.find((p) => p.key === 'bromley')!.id });
  const log = (reference: string, openedOn: string) =>
    d('escalations:create', {
      reference,
      childInitials: 'JB',
      raisingAgencyId: school,
      raisingWorkerRole: 'Designated safeguarding lead',
      challengedAgencyIds: [council],
      categoryId: settings.categories[0]!.id,
      childStatus: 'child_in_need',
      summary: 'The school believes the threshold decision leaves the child without a plan.',
      openedOn,
      immediateRisk: false,
    }).id;
  const resolve = (id: number, on: string) =>
    d('escalations:resolve', {
      escalationId: id,
      resolvedOn: on,
      statement: 'A plan was agreed.',
      effect: 'changed',
      agreedBy: 'School and council',
    });
  const old = log('BRS-2018-0042', yearsAgo(8, '03-05'));
  resolve(old, yearsAgo(8, '04-02'));
  d('escalations:close', { escalationId: old, on: yearsAgo(8, '05-01'), chairName: 'Independent chair', how: 'meeting' });
  const unsigned = log('BRS-2018-0077', yearsAgo(8, '06-04'));
  resolve(unsigned, yearsAgo(8, '07-02'));
  const recent = log('BRS-RECENT-9', yearsAgo(2, '03-04'));
  d('escalations:withdraw', { escalationId: recent, on: yearsAgo(2, '03-18'), reason: 'The worker no longer pursues it.' });
  log('BRS-OPEN-1', yearsAgo(9, '01-08'));
}

test('a coordinator reviews cases past the review period and deletes one deliberately, with a reason that is recorded', async ({
  page,
  app,
}) => {
  seed(app);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Retention' }).click();
  await expect(page.getByRole('heading', { name: 'Retention review', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Years after a case is closed')).toHaveValue('6');
  await expect(page.getByRole('heading', { name: 'Due for review (2)' })).toBeVisible();
  const due = page.getByRole('table', { name: 'Cases due for review, oldest first' });
  await expect(due.getByRole('row', { name: /BRS-2018-0077/ })).toContainText('Not yet: BRS-2018-0077 was resolved on');
  await expect(due.getByRole('row', { name: /BRS-2018-0077/ })).toContainText('the chair closes a case before it can be deleted');
  await expect(due.getByRole('row', { name: /BRS-RECENT-9|BRS-OPEN-1/ })).toHaveCount(0);
  await expect(page.getByText('No case has been deleted.')).toBeVisible();
  await expectAccessible(page);

  await due.getByRole('button', { name: 'Review and delete BRS-2018-0042' }).click();
  const confirm = page.getByRole('region', { name: 'Delete case BRS-2018-0042?' });
  await expect(confirm.getByRole('heading')).toBeFocused();
  await expect(confirm).toContainText('What stays: the case reference BRS-2018-0042 and initials JB');
  await expectAccessible(page);

  // Without the reference typed, or without a reason, nothing is deleted.
  await confirm.getByLabel('Why is it being deleted?').fill('Reviewed under the board’s six-year retention schedule; nothing outstanding.');
  await confirm.getByLabel('Type the case reference to confirm').fill('BRS-2018-0077');
  await confirm.getByRole('button', { name: 'Delete this case' }).click();
  await expect(confirm.getByRole('alert')).toContainText(
    'To delete it, type the case reference BRS-2018-0042 exactly. Nothing was deleted.',
  );
  await confirm.getByLabel('Why is it being deleted?').fill('old');
  await confirm.getByLabel('Type the case reference to confirm').fill('BRS-2018-0042');
  await confirm.getByRole('button', { name: 'Delete this case' }).click();
  await expect(confirm.getByRole('alert')).toContainText('Say why the case is being deleted (at least 10 characters)');
  expect(app.desk.store.reader.prepare("SELECT count(*) AS n FROM escalation WHERE reference = 'BRS-2018-0042'").get()).toEqual({ n: 1 });
  await page.screenshot({ path: screenshotPath('retention-review.png'), fullPage: true });

  await confirm.getByLabel('Why is it being deleted?').fill('Reviewed under the board’s six-year retention schedule; nothing outstanding.');
  await confirm.getByRole('button', { name: 'Delete this case' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Deleted BRS-2018-0042. The deletion is recorded in the audit trail' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Due for review (1)' })).toBeVisible();
  const deleted = page.getByRole('table', { name: /Cases deleted after review/ });
  await expect(deleted.getByRole('row', { name: /BRS-2018-0042/ })).toContainText('E2E Coordinator (coordinator)');
  await expect(deleted.getByRole('row', { name: /BRS-2018-0042/ })).toContainText('six-year retention schedule');
  await expectAccessible(page);

  // The record the app keeps: the case is gone, its deletion is in the audit trail.
  expect(app.desk.store.reader.prepare("SELECT count(*) AS n FROM escalation WHERE reference = 'BRS-2018-0042'").get()).toEqual({ n: 0 });
  const entry = app.desk.store.reader
    .prepare("SELECT actor, before_json FROM audit_entry WHERE action = 'escalation.deleteAfterReview'")
    .get() as { actor: string; before_json: string };
  expect(entry.actor).toBe('E2E Coordinator (coordinator)');
  expect(JSON.parse(entry.before_json)).toMatchObject({ reference: 'BRS-2018-0042', childInitials: 'JB' });

  // A shorter review period brings the recent withdrawal into review.
  await page.getByLabel('Years after a case is closed').fill('1');
  await page.getByRole('button', { name: 'Save review period' }).click();
  await expect(page.getByRole('heading', { name: 'Due for review (2)' })).toBeVisible();
  await expect(page.getByRole('row', { name: /BRS-RECENT-9/ })).toBeVisible();
});
