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

// Formatters are made once: building one costs far more than using one (lists format thousands of dates).
const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });
const UK_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export function todayIso(now: Date = new Date()): string {
  // The board works in England: "today" is the London calendar day.
  return LONDON_DAY.format(now);
}

// A list of a thousand cases (the breach list) formats the same few hundred dates over and over:
// each is formatted once. Bounded, for an app left open for months.
const ukDates = new Map<string, string>();

export function formatUkDate(iso: string): string {
  let text = ukDates.get(iso);
  if (text === undefined) {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    text = UK_DATE.format(new Date(Date.UTC(y, m - 1, d)));
    if (ukDates.size >= 5_000) ukDates.clear();
    ukDates.set(iso, text);
  }
  return text;
}
