// Working days for England and Wales: Monday to Friday, less bank holidays and any closure days
// the board adds. Pure: no I/O, no clock (callers pass "today"), no local-time Date.
//
// Dates are ISO calendar strings (YYYY-MM-DD). Arithmetic is done on UTC day numbers so that a
// computer set to another time zone, or a clock change in March and October, never shifts a date.
import Holidays from 'date-holidays';

export interface BankHoliday {
  readonly date: string;
  readonly name: string;
}

/** A board's calendar: the national bank holidays plus the board's own closure days. */
export interface WorkingCalendar {
  readonly closureDays: ReadonlySet<string>;
}

export type DeadlineState = 'on_track' | 'due_soon' | 'overdue';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// ---------------------------------------------------------------------------------------------
// ISO date <-> UTC day number (days since 1970-01-01)

function dayNumber(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = Date.UTC(y, mo - 1, d);
    const back = new Date(ms);
    // Date.UTC rolls 2023-02-30 over to 2 March; a rolled date is a typing error, not a date.
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) return ms / DAY_MS;
  }
  throw new RangeError(`"${iso}" is not a real date in the form YYYY-MM-DD`);
}

function isoFromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday. 1970-01-01 was a Thursday. */
function weekday(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

function isWeekend(n: number): boolean {
  const w = weekday(n);
  return w === 0 || w === 6;
}

// ---------------------------------------------------------------------------------------------
// Bank holidays, from the maintained date-holidays data (region GB-ENG, `public` entries only):
// one-off holidays such as the 2020 VE-day move or the 2023 Coronation arrive with package
// updates, where a hand-kept list would silently go stale.

let holidaySource: Holidays | null = null;
const holidaysByYear = new Map<number, readonly BankHoliday[]>();
// The same holidays as day numbers, which every working-day sum asks about: a bulk load asks millions of times.
const holidayNumbersByYear = new Map<number, ReadonlySet<number>>();

const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

/**
 * date-holidays gives `date` as local London time, "YYYY-MM-DD hh:mm:ss" (sometimes with an
 * offset suffix), so its first ten characters are the calendar day whatever zone this computer is
 * in. `start` is an instant; it is only a fallback, read on the London calendar for the same reason.
 */
function holidayIsoDate(h: { date?: unknown; start?: unknown }): string | null {
  if (typeof h.date === 'string') {
    const first10 = h.date.slice(0, 10);
    if (ISO_DATE.test(first10)) return first10;
  }
  if (h.start instanceof Date && !Number.isNaN(h.start.getTime())) return londonDate.format(h.start);
  return null;
}

export function bankHolidaysIn(year: number): readonly BankHoliday[] {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`${year} is not a four-digit year`);
  const cached = holidaysByYear.get(year);
  if (cached) return cached;

  holidaySource ??= new Holidays('GB', 'ENG', { languages: ['en'] });
  const byDate = new Map<string, string>();
  for (const h of holidaySource.getHolidays(year, 'en')) {
    if (h.type !== 'public') continue; // observances (Mother's Day, Easter Sunday) are working days or weekends
    const date = holidayIsoDate(h);
    if (date === null || !date.startsWith(`${year}-`)) continue;
    // Two holidays on one day (it has happened elsewhere in the data) still close the office once.
    const existing = byDate.get(date);
    byDate.set(date, existing ? `${existing} / ${h.name}` : h.name);
  }
  const list = Object.freeze(
    [...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, name]) => Object.freeze({ date, name })),
  );
  holidaysByYear.set(year, list);
  holidayNumbersByYear.set(year, new Set(list.map((h) => dayNumber(h.date))));
  return list;
}

function holidayNumbersIn(year: number): ReadonlySet<number> {
  if (!holidayNumbersByYear.has(year)) bankHolidaysIn(year);
  return holidayNumbersByYear.get(year)!;
}

const yearOfDayNumber = (n: number) => new Date(n * DAY_MS).getUTCFullYear();

function isBankHolidayDay(n: number): boolean {
  return holidayNumbersIn(yearOfDayNumber(n)).has(n);
}

export function isBankHoliday(date: string): boolean {
  return isBankHolidayDay(dayNumber(date));
}

// ---------------------------------------------------------------------------------------------
// Calendars

/** Builds a board's calendar; throws a RangeError naming any closure day that is not a real date. */
export function createWorkingCalendar(settings: { closureDays: readonly string[] }): WorkingCalendar {
  for (const d of settings.closureDays) dayNumber(d);
  return Object.freeze({ closureDays: new Set(settings.closureDays) });
}

// A calendar's closure days as day numbers, worked out once per calendar (calendars are frozen).
const closureNumbersOf = new WeakMap<WorkingCalendar, ReadonlySet<number>>();
function closureNumbers(cal: WorkingCalendar): ReadonlySet<number> {
  let numbers = closureNumbersOf.get(cal);
  if (!numbers) closureNumbersOf.set(cal, (numbers = new Set([...cal.closureDays].map(dayNumber))));
  return numbers;
}

/** England and Wales bank holidays only, for a board that has added no closure days. */
export const ENGLAND_AND_WALES: WorkingCalendar = createWorkingCalendar({ closureDays: [] });

function isWorkingDayNumber(cal: WorkingCalendar, n: number): boolean {
  if (isWeekend(n) || isBankHolidayDay(n)) return false;
  return cal.closureDays.size === 0 || !closureNumbers(cal).has(n);
}

export function isWorkingDay(cal: WorkingCalendar, date: string): boolean {
  return isWorkingDayNumber(cal, dayNumber(date));
}

/** "The same working day": D itself when D is a working day, else the next working day. */
export function sameWorkingDay(cal: WorkingCalendar, date: string): string {
  let n = dayNumber(date);
  while (!isWorkingDayNumber(cal, n)) n += 1;
  return isoFromDayNumber(n);
}

/**
 * "Within N working days of D": the Nth working day after D. D itself is never counted, whether
 * or not it is a working day, so a concern raised on a Saturday with 5 days is due the next
 * Friday, the same as one raised on the Friday before.
 *
 * N = 0 is how a policy says "the same working day" (Birmingham stage 1), so it returns
 * sameWorkingDay(D). N must be a whole number, 0 or more.
 */
export function addWorkingDays(cal: WorkingCalendar, date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`A number of working days must be a whole number, 0 or more (got ${n})`);
  if (n === 0) return sameWorkingDay(cal, date);
  let day = dayNumber(date);
  let left = n;
  while (left > 0) {
    day += 1;
    if (isWorkingDayNumber(cal, day)) left -= 1;
  }
  return isoFromDayNumber(day);
}

/** Weekdays (Mon-Fri) with day number in the half-open range [0, k), counted from a Monday. */
function weekdaysBefore(k: number): number {
  const weeks = Math.floor(k / 7);
  return weeks * 5 + Math.min(k - weeks * 7, 5);
}

/** Working days with day number in (a, b], a <= b. Counts weekdays by formula, then takes off
 *  the holidays and closures that fall on weekdays in range, so a long case costs no more than a
 *  short one. */
function countWorkingDays(cal: WorkingCalendar, a: number, b: number): number {
  const MONDAY = 4; // 1970-01-05 was a Monday
  let count = weekdaysBefore(b + 1 - MONDAY) - weekdaysBefore(a + 1 - MONDAY);
  const closures = closureNumbers(cal);
  const counts = (n: number) => n > a && n <= b && !isWeekend(n);
  for (let y = yearOfDayNumber(a); y <= yearOfDayNumber(b); y += 1) for (const n of holidayNumbersIn(y)) if (counts(n)) count -= 1;
  // A closure day on a bank holiday closes the office once.
  for (const n of closures) if (counts(n) && !isBankHolidayDay(n)) count -= 1;
  return count;
}

/**
 * Working days after `from` up to and including `to`: "days late" (from = due date, to = today)
 * and time to resolution. Signed: when `to` is before `from` the answer is minus the count the
 * other way round, so workingDaysBetween(a, b) === -workingDaysBetween(b, a), and 0 when equal.
 */
export function workingDaysBetween(cal: WorkingCalendar, from: string, to: string): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a <= b) return countWorkingDays(cal, a, b);
  const back = countWorkingDays(cal, b, a);
  return back === 0 ? 0 : -back; // never -0, which toBe(0) and Object.is treat as different
}

/**
 * The state a person takes in at a glance:
 * - overdue: today is after the due date. Due today is NOT overdue (the stage has until the end of
 *   the day).
 * - due soon: under a quarter of the stage's time is left. The stage's time is the working days
 *   from start to due; the time left is the working days after today up to the due date. Due
 *   today (nothing left after today) is always due soon, including a same-working-day stage whose
 *   whole time is 0.
 * - on track: otherwise, including before the stage has started.
 */
export function deadlineState(cal: WorkingCalendar, args: { startedOn: string; dueOn: string; today: string }): DeadlineState {
  const { startedOn, dueOn, today } = args;
  if (dayNumber(today) > dayNumber(dueOn)) return 'overdue';
  const total = Math.max(0, workingDaysBetween(cal, startedOn, dueOn));
  const left = workingDaysBetween(cal, today, dueOn);
  // left * 4 < total is "under a quarter" without fractions; left === 0 covers total === 0.
  return left === 0 || left * 4 < total ? 'due_soon' : 'on_track';
}
