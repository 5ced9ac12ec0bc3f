// Two people, one case (issue 15): two coordinators in two browsers open the same case. Jo saves a
// stage record; Sam, who had already started typing one, saves after her and is told who changed
// the case, what they did and when, with his text still in the form. Saving again, having seen
// Jo's change, goes through.
import { E2E_PASSWORD, expect, expectAccessible, test, type DeskFixture } from './fixtures';
import { logEscalation, seedBoard } from '../support/boardFixture';
import { ok, type TestDesk } from '../support/tempStore';
import { onLatest } from '../support/latest';

function seedCase(app: DeskFixture): number {
  const desk = { ...app.seeder(), dataFolder: app.dataFolder, cleanup: () => undefined } as TestDesk;
  const board = seedBoard(desk, 'bromley');
  return logEscalation(desk, board, { reference: 'CS-2001' }).id;
}

test('the second coordinator to save is told who changed the case first, keeps what he typed, and saves again after looking', async ({
  page,
  app,
  browser,
}) => {
  const escalationId = seedCase(app);
  // Sam is the board's second coordinator (made while Jo's page is the only one signed in).
  ok(app.desk.call('users:create', { userName: 'spatel', displayName: 'Sam Patel', role: 'coordinator', password: E2E_PASSWORD }));

  // Both open the same action on the case: recording the stage's discussion.
  const caseAddress = `${app.server.url}#/escalations/${escalationId}/record-stage`;
  await page.goto(caseAddress);
  const samContext = await browser.newContext();
  const sam = await samContext.newPage();
  try {
    await sam.goto(app.server.url);
    await sam.getByLabel('User name').fill('spatel');
    await sam.getByLabel('Password').fill(E2E_PASSWORD);
    await sam.getByRole('button', { name: 'Sign in' }).click();
    await expect(sam.getByText('Sam Patel · Business coordinator')).toBeVisible();
    await sam.goto(caseAddress);

    // Both have the case open; Sam starts typing his record of the stage.
    const samForm = sam.getByRole('form', { name: 'Record this stage’s discussion' });
    const samText = 'Sam spoke to the school’s safeguarding lead on the phone.';
    await samForm.getByLabel('Discussion').fill(samText);

    // Jo saves hers first.
    const joForm = page.getByRole('form', { name: 'Record this stage’s discussion' });
    await joForm.getByLabel('Discussion').fill('Jo met both workers; the school still disagrees.');
    await joForm.getByRole('button', { name: 'Save stage record' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved the record of stage 1.' })).toBeVisible();

    // Sam saves: refused, in words, naming Jo, what she did and when; nothing of his is lost.
    await samForm.getByRole('button', { name: 'Save stage record' }).click();
    const alert = samForm.getByRole('alert');
    await expect(alert).toContainText(
      /E2E Coordinator \(coordinator\) changed this case at \d\d:\d\d on \d{1,2} [A-Z][a-z]+ \(recorded a stage discussion\) after you opened it\./,
    );
    await expect(alert).toContainText('Nothing of yours was saved; your text is still in the form.');
    await expect(samForm.getByLabel('Discussion')).toHaveValue(samText);
    await expectAccessible(sam);

    // Jo is back on the case page, her record saved.
    await expect(page.getByRole('region', { name: 'Stages' })).toContainText('Jo met both workers');

    // Having looked at Jo's change, Sam saves again: it goes through, on top of hers.
    await samForm.getByRole('button', { name: 'Save stage record' }).click();
    await expect(sam.getByRole('status').filter({ hasText: 'Saved the record of stage 1.' })).toBeVisible();
    await expect(sam.getByRole('region', { name: 'Stages' })).toContainText(samText);
    await expectAccessible(sam);
  } finally {
    await samContext.close();
  }
});

test('another coordinator’s change to the policy does not wipe a half-made edit: the save is refused in words and the draft stays', async ({
  page,
  app,
  browser,
}) => {
  seedCase(app);
  ok(app.desk.call('users:create', { userName: 'spatel', displayName: 'Sam Patel', role: 'coordinator', password: E2E_PASSWORD }));
  const settingsAddress = `${app.server.url}#/settings`;
  await page.goto(settingsAddress);
  const samContext = await browser.newContext();
  const sam = await samContext.newPage();
  try {
    await sam.goto(app.server.url);
    await sam.getByLabel('User name').fill('spatel');
    await sam.getByLabel('Password').fill(E2E_PASSWORD);
    await sam.getByRole('button', { name: 'Sign in' }).click();
    await expect(sam.getByText('Sam Patel · Business coordinator')).toBeVisible();
    await sam.goto(settingsAddress);

    // Sam begins an edited copy of the policy.
    const samEdit = sam.getByRole('form', { name: 'Edit a copy of the policy' });
    await samEdit.getByLabel('Name of the edited policy').fill('Bromley (Sam’s draft)');
    await samEdit.getByLabel('Stage 1 timescale').fill('9');

    // Jo corrects a timescale meanwhile; Sam's screen refreshes (the stages table shows it) but his draft stays.
    const correct = page.getByRole('form', { name: 'Correct a timescale' });
    await correct.getByLabel('Stage').selectOption({ label: 'Stage 2: Escalate to line manager' });
    await correct.getByLabel('Working days').fill('6');
    await correct.getByLabel('Why it is being corrected').fill('The policy was misread when it was set up');
    await correct.getByRole('button', { name: 'Correct timescale' }).click();
    await expect(page.getByRole('status').filter({ hasText: /Corrected stage 2\./ })).toBeVisible();
    await expect(sam.getByRole('row', { name: /6 working days/ }).first()).toBeVisible();
    await expect(samEdit.getByLabel('Name of the edited policy')).toHaveValue('Bromley (Sam’s draft)');
    await expect(samEdit.getByLabel('Stage 1 timescale')).toHaveValue('9');

    // His save is refused in words, naming the change, and the draft is still there to look at and save again.
    await samEdit.getByRole('button', { name: 'Save edited copy' }).click();
    await expect(samEdit.getByRole('alert')).toContainText('Nothing of yours was saved');
    await expect(samEdit.getByLabel('Name of the edited policy')).toHaveValue('Bromley (Sam’s draft)');
    await expectAccessible(sam);
  } finally {
    await samContext.close();
  }
});

test('a half-typed stage record stays on screen when someone else withdraws the case, and its save is refused in words', async ({
  page,
  app,
}) => {
  const escalationId = seedCase(app);
  await page.goto(`${app.server.url}#/escalations/${escalationId}/record-stage`);
  const form = page.getByRole('form', { name: 'Record this stage’s discussion' });
  const draft = 'Met the school; the health visitor is to call the family this week.';
  await form.getByLabel('Discussion').fill(draft);

  // Another coordinator withdraws the case meanwhile (through the same desk, as their browser would).
  ok(onLatest(app.desk, 'escalations:withdraw', { escalationId, on: '2026-11-20', reason: 'Raised in error' }));

  await expect(page.getByRole('alert').filter({ hasText: 'The case changed while this page was open.' })).toContainText(
    'This case is withdrawn: only an open case',
  );
  await expect(form.getByLabel('Discussion')).toHaveValue(draft);
  await form.getByRole('button', { name: 'Save stage record' }).click();
  await expect(form.getByRole('alert')).toContainText('Nothing of yours was saved; your text is still in the form.');
  await expect(form.getByLabel('Discussion')).toHaveValue(draft);
  await expectAccessible(page);
});
