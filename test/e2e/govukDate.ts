// Dates are typed as day, month and year (the GOV.UK date input), each box labelled within a group
// named by the question: the tests fill one as a person would, by its legend.
import type { Locator, Page } from '@playwright/test';

/** The group of day, month and year boxes for a question ("Date raised"). */
export function dateGroup(scope: Page | Locator, legend: string): Locator {
  return scope.getByRole('group', { name: legend, exact: true });
}

/** Types an ISO date (2026-03-27) as 27, 3 and 2026; '' empties the three boxes. */
export async function fillDate(scope: Page | Locator, legend: string, iso: string): Promise<void> {
  const [year = '', month = '', day = ''] = iso ? iso.split('-') : [];
  const group = dateGroup(scope, legend);
  await group.getByLabel('Day').fill(day ? String(Number(day)) : '');
  await group.getByLabel('Month').fill(month ? String(Number(month)) : '');
  await group.getByLabel('Year').fill(year);
}
