// Calendar dates travel as ISO strings (YYYY-MM-DD): no time zone, so a date typed in
// Bromley in British Summer Time is the same date in the database, the export and the test.
import { z } from 'zod';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isRealIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const isoDate = z.string({ error: 'Enter a date' }).refine(isRealIsoDate, { message: 'Enter a real date in the form YYYY-MM-DD' });

// The board works in England: "today" is the London calendar day. Made once (see UK_DATE below):
// a bulk load asks for today on every case.
const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

export function todayIso(now: Date = new Date()): string {
  return LONDON_DAY.format(now);
}

// Made once: building a formatter costs far more than using one (lists format thousands of dates).
const UK_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export function formatUkDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return UK_DATE.format(new Date(Date.UTC(y, m - 1, d)));
}
