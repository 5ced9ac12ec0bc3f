import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ENGLAND_AND_WALES as EW,
  addWorkingDays,
  bankHolidaysIn,
  createWorkingCalendar,
  deadlineState,
  isBankHoliday,
  isWorkingDay,
  sameWorkingDay,
  workingDaysBetween,
} from '../../shared/domain/workingDays';

const dates = (year: number) => bankHolidaysIn(year).map((h) => h.date);

describe('bank holidays (date-holidays, GB-ENG, public only)', () => {
  it('lists the eight England and Wales bank holidays of an ordinary year, with names', () => {
    expect(bankHolidaysIn(2024)).toEqual([
      { date: '2024-01-01', name: "New Year's Day" },
      { date: '2024-03-29', name: 'Good Friday' },
      { date: '2024-04-01', name: 'Easter Monday' },
      { date: '2024-05-06', name: 'Early May bank holiday' },
      { date: '2024-05-27', name: 'Spring bank holiday' },
      { date: '2024-08-26', name: 'Summer bank holiday' },
      { date: '2024-12-25', name: 'Christmas Day' },
      { date: '2024-12-26', name: 'Boxing Day' },
    ]);
  });

  it('leaves out observances (Easter Sunday, Mother’s Day) and Scotland-only days', () => {
    const names = bankHolidaysIn(2024)
      .map((h) => h.name)
      .join('|');
    expect(names).not.toMatch(/Mother|Father|Easter Sunday|St Andrew|2 January/);
    expect(isBankHoliday('2024-11-30')).toBe(false); // St Andrew's Day is Scotland's
    expect(isBankHoliday('2024-03-17')).toBe(false); // St Patrick's Day is Northern Ireland's
  });

  it('caches per year and returns the same frozen list', () => {
    expect(bankHolidaysIn(2025)).toBe(bankHolidaysIn(2025));
    expect(Object.isFrozen(bankHolidaysIn(2025))).toBe(true);
  });

  it('rejects a year that is not a whole four-digit number', () => {
    expect(() => bankHolidaysIn(2024.5)).toThrow(RangeError);
    expect(() => bankHolidaysIn(99)).toThrow(RangeError);
  });

  it.each([
    ['2020-05-08', 'VE day: the early May bank holiday moved to a Friday'],
    ['2022-06-02', 'spring bank holiday moved for the Platinum Jubilee'],
    ['2022-06-03', 'Platinum Jubilee'],
    ['2022-09-19', 'state funeral of Queen Elizabeth II'],
    ['2023-05-08', 'Coronation of King Charles III'],
  ])('one-off holiday %s (%s) is not a working day', (date) => {
    expect(isBankHoliday(date)).toBe(true);
    expect(isWorkingDay(EW, date)).toBe(false);
  });

  it('the usual first-Monday May holiday of 2020 (4 May) was a working day, because it moved to 8 May', () => {
    expect(isWorkingDay(EW, '2020-05-04')).toBe(true);
    // and the usual last-Monday spring holiday of 2022 (30 May) was a working day too
    expect(isWorkingDay(EW, '2022-05-30')).toBe(true);
  });

  it('gives Christmas and Boxing Day substitutes when they fall at a weekend', () => {
    // 2021: Sat 25, Sun 26 -> Mon 27 and Tue 28 off
    expect(dates(2021).filter((d) => d >= '2021-12-01')).toEqual(['2021-12-25', '2021-12-26', '2021-12-27', '2021-12-28']);
    expect(isWorkingDay(EW, '2021-12-27')).toBe(false);
    expect(isWorkingDay(EW, '2021-12-28')).toBe(false);
    expect(isWorkingDay(EW, '2021-12-29')).toBe(true);
    // 2022: Sun 25, Mon 26 -> Tue 27 off; New Year 2022 (Sat) -> Mon 3 January off
    expect(isWorkingDay(EW, '2022-12-26')).toBe(false);
    expect(isWorkingDay(EW, '2022-12-27')).toBe(false);
    expect(isWorkingDay(EW, '2022-12-28')).toBe(true);
    expect(isWorkingDay(EW, '2022-01-03')).toBe(false);
    // 2020: Sat 26 Boxing Day -> Mon 28 off
    expect(isWorkingDay(EW, '2020-12-28')).toBe(false);
  });

  it('follows Easter: Good Friday and Easter Monday are off, the days around them are not', () => {
    expect(isWorkingDay(EW, '2025-04-17')).toBe(true); // Maundy Thursday
    expect(isWorkingDay(EW, '2025-04-18')).toBe(false); // Good Friday
    expect(isWorkingDay(EW, '2025-04-21')).toBe(false); // Easter Monday
    expect(isWorkingDay(EW, '2025-04-22')).toBe(true);
    expect(dates(2026)).toContain('2026-04-03');
    expect(dates(2026)).toContain('2026-04-06');
  });
});

describe('isWorkingDay', () => {
  it('is Monday to Friday', () => {
    expect(isWorkingDay(EW, '2024-06-07')).toBe(true); // Friday
    expect(isWorkingDay(EW, '2024-06-08')).toBe(false); // Saturday
    expect(isWorkingDay(EW, '2024-06-09')).toBe(false); // Sunday
    expect(isWorkingDay(EW, '2024-06-10')).toBe(true); // Monday
  });

  it('rejects dates that are not real ISO dates, rather than guessing', () => {
    expect(() => isWorkingDay(EW, '2023-02-30')).toThrow(/not a real date/);
    expect(() => isWorkingDay(EW, '7/6/2024')).toThrow(RangeError);
    expect(() => isWorkingDay(EW, '2024-06-07T10:00')).toThrow(RangeError);
  });

  it('takes off a board’s own closure days, and only that board’s', () => {
    const board = createWorkingCalendar({ closureDays: ['2024-12-24', '2024-12-27'] });
    expect(isWorkingDay(board, '2024-12-24')).toBe(false);
    expect(isWorkingDay(board, '2024-12-27')).toBe(false);
    expect(isWorkingDay(EW, '2024-12-24')).toBe(true);
    expect(() => createWorkingCalendar({ closureDays: ['2024-12-32'] })).toThrow(/2024-12-32/);
  });
});

describe('addWorkingDays: "within N working days of D" is the end of the Nth working day after D', () => {
  it('does not count D and skips the weekend', () => {
    expect(addWorkingDays(EW, '2024-06-03', 5)).toBe('2024-06-10'); // Mon -> next Mon
    expect(addWorkingDays(EW, '2024-06-07', 1)).toBe('2024-06-10'); // Fri -> Mon
    expect(addWorkingDays(EW, '2024-06-08', 1)).toBe('2024-06-10'); // Sat -> Mon
    expect(addWorkingDays(EW, '2024-06-08', 5)).toBe('2024-06-14'); // Sat -> Fri
    expect(addWorkingDays(EW, '2024-06-07', 5)).toBe('2024-06-14'); // Fri -> Fri, same as Sat
    expect(addWorkingDays(EW, '2024-06-03', 10)).toBe('2024-06-17');
  });

  it.each([
    // [start, n, due, the one-off holiday skipped]
    ['2020-05-07', 1, '2020-05-11', 'VE day Fri 8 May 2020'],
    ['2020-05-01', 5, '2020-05-11', 'VE day: Mon 4 May counts, Fri 8 May does not'],
    ['2022-06-01', 1, '2022-06-06', 'Jubilee Thu 2 and Fri 3 June 2022'],
    ['2022-05-27', 5, '2022-06-07', 'Jubilee: Mon 30 May counts, 2-3 June do not'],
    ['2022-09-16', 1, '2022-09-20', 'state funeral Mon 19 Sep 2022'],
    ['2023-05-05', 1, '2023-05-09', 'Coronation Mon 8 May 2023'],
    ['2023-04-28', 5, '2023-05-09', 'early May Mon 1 May and Coronation Mon 8 May 2023'],
  ])('from %s plus %i is %s (%s)', (start, n, due) => {
    expect(addWorkingDays(EW, start, n)).toBe(due);
  });

  it('crosses Christmas with substitute days', () => {
    expect(addWorkingDays(EW, '2021-12-24', 1)).toBe('2021-12-29');
    expect(addWorkingDays(EW, '2022-12-23', 5)).toBe('2023-01-04'); // 26, 27 Dec and 2 Jan 2023 off
  });

  it('skips a board’s closure days', () => {
    const board = createWorkingCalendar({ closureDays: ['2024-06-10', '2024-06-11'] });
    expect(addWorkingDays(board, '2024-06-07', 1)).toBe('2024-06-12');
    expect(addWorkingDays(EW, '2024-06-07', 1)).toBe('2024-06-10');
  });

  it('treats 0 working days as "the same working day"', () => {
    expect(addWorkingDays(EW, '2024-06-05', 0)).toBe('2024-06-05');
    expect(addWorkingDays(EW, '2024-06-08', 0)).toBe('2024-06-10');
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => addWorkingDays(EW, '2024-06-05', -1)).toThrow(RangeError);
    expect(() => addWorkingDays(EW, '2024-06-05', 1.5)).toThrow(RangeError);
  });
});

describe('sameWorkingDay', () => {
  it('is D on a working day, else the next working day', () => {
    expect(sameWorkingDay(EW, '2024-06-05')).toBe('2024-06-05');
    expect(sameWorkingDay(EW, '2024-06-08')).toBe('2024-06-10'); // Saturday -> Monday
    expect(sameWorkingDay(EW, '2024-06-09')).toBe('2024-06-10'); // Sunday -> Monday
    expect(sameWorkingDay(EW, '2023-05-08')).toBe('2023-05-09'); // Coronation -> Tuesday
    expect(sameWorkingDay(EW, '2022-06-02')).toBe('2022-06-06'); // Jubilee Thursday -> Monday
    expect(sameWorkingDay(EW, '2021-12-25')).toBe('2021-12-29');
  });

  it('uses the board’s closure days', () => {
    const board = createWorkingCalendar({ closureDays: ['2024-06-10'] });
    expect(sameWorkingDay(board, '2024-06-08')).toBe('2024-06-11');
  });
});

describe('workingDaysBetween (signed)', () => {
  it('counts working days after `from` up to and including `to`', () => {
    expect(workingDaysBetween(EW, '2024-06-03', '2024-06-03')).toBe(0);
    expect(workingDaysBetween(EW, '2024-06-03', '2024-06-04')).toBe(1);
    expect(workingDaysBetween(EW, '2024-06-07', '2024-06-10')).toBe(1); // Fri -> Mon
    expect(workingDaysBetween(EW, '2024-06-07', '2024-06-09')).toBe(0); // Fri -> Sun
    expect(workingDaysBetween(EW, '2024-06-03', '2024-06-10')).toBe(5);
  });

  it('is negative when `to` is before `from`', () => {
    expect(workingDaysBetween(EW, '2024-06-10', '2024-06-03')).toBe(-5);
    expect(workingDaysBetween(EW, '2024-06-09', '2024-06-07')).toBe(0);
  });

  it('leaves out bank holidays and closure days, including the one-offs', () => {
    expect(workingDaysBetween(EW, '2022-05-27', '2022-06-07')).toBe(5);
    expect(workingDaysBetween(EW, '2023-04-28', '2023-05-09')).toBe(5);
    expect(workingDaysBetween(EW, '2022-09-16', '2022-09-20')).toBe(1);
    const board = createWorkingCalendar({ closureDays: ['2024-06-04', '2024-06-08'] }); // a Tuesday and a Saturday
    expect(workingDaysBetween(board, '2024-06-03', '2024-06-10')).toBe(4);
  });

  it('counts a whole year: 2023 had 260 weekdays and 8 weekday bank holidays', () => {
    // 2 Jan (New Year substitute), Good Friday, Easter Monday, 1 May, Coronation, 29 May, 28 Aug, 25 and 26 Dec
    expect(workingDaysBetween(EW, '2022-12-31', '2023-12-31')).toBe(260 - 9);
  });

  it('says how many working days late a stage is', () => {
    expect(workingDaysBetween(EW, '2024-06-07', '2024-06-11')).toBe(2); // due Fri, today Tue: 2 days late
  });
});

describe('deadlineState', () => {
  // 5 working days from Mon 3 June 2024: due Mon 10 June
  const stage = { startedOn: '2024-06-03', dueOn: '2024-06-10' };
  it.each([
    ['2024-06-03', 'on_track'], // 5 left
    ['2024-06-06', 'on_track'], // Thu: 2 left (Fri, Mon): 8 is not under 5
    ['2024-06-07', 'due_soon'], // Fri: 1 left: 4 < 5
    ['2024-06-08', 'due_soon'], // Sat: still 1 left
    ['2024-06-10', 'due_soon'], // due today: not overdue
    ['2024-06-11', 'overdue'],
    ['2024-05-31', 'on_track'], // before the stage started
  ])('today %s is %s', (today, state) => {
    expect(deadlineState(EW, { ...stage, today })).toBe(state);
  });

  it('is due soon at exactly the boundary of a quarter only when strictly under it', () => {
    // 4 working days (Mon 3 -> Fri 7): 1 left is exactly a quarter, so still on track
    expect(deadlineState(EW, { startedOn: '2024-06-03', dueOn: '2024-06-07', today: '2024-06-06' })).toBe('on_track');
    expect(deadlineState(EW, { startedOn: '2024-06-03', dueOn: '2024-06-07', today: '2024-06-07' })).toBe('due_soon');
  });

  it('treats a same-working-day stage as due soon on the day and overdue the day after', () => {
    const s = { startedOn: '2024-06-05', dueOn: '2024-06-05' };
    expect(deadlineState(EW, { ...s, today: '2024-06-05' })).toBe('due_soon');
    expect(deadlineState(EW, { ...s, today: '2024-06-06' })).toBe('overdue');
  });

  it('counts time in working days, so a bank holiday does not use up time', () => {
    // 10 working days from Fri 16 Sep 2022 skip the state funeral on Mon 19: due Mon 3 Oct
    const due = addWorkingDays(EW, '2022-09-16', 10);
    expect(due).toBe('2022-10-03');
    expect(deadlineState(EW, { startedOn: '2022-09-16', dueOn: due, today: '2022-09-28' })).toBe('on_track'); // 3 left
    expect(deadlineState(EW, { startedOn: '2022-09-16', dueOn: due, today: '2022-09-29' })).toBe('due_soon'); // 2 left
  });
});

describe('properties', () => {
  const isoDay = fc
    .integer({ min: Date.UTC(2015, 0, 1) / 86_400_000, max: Date.UTC(2030, 11, 31) / 86_400_000 })
    .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
  // 2025-12-25 is a bank holiday too: closed once, not twice.
  const board = createWorkingCalendar({ closureDays: ['2024-12-24', '2025-12-24', '2025-12-25', '2022-06-01', '2020-05-04'] });

  it('addWorkingDays(d, n) is a working day exactly n working days after d', () => {
    fc.assert(
      fc.property(isoDay, fc.integer({ min: 1, max: 60 }), fc.boolean(), (d, n, useBoard) => {
        const cal = useBoard ? board : EW;
        const due = addWorkingDays(cal, d, n);
        expect(isWorkingDay(cal, due)).toBe(true);
        expect(due > d).toBe(true);
        expect(workingDaysBetween(cal, d, due)).toBe(n);
        expect(workingDaysBetween(cal, due, d)).toBe(-n);
      }),
      { numRuns: 400 },
    );
  });

  it('workingDaysBetween agrees with counting day by day', () => {
    fc.assert(
      fc.property(isoDay, fc.integer({ min: 0, max: 120 }), (from, span) => {
        const start = Date.parse(`${from}T00:00:00Z`);
        let count = 0;
        let to = from;
        for (let i = 1; i <= span; i += 1) {
          to = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
          if (isWorkingDay(board, to)) count += 1;
        }
        expect(workingDaysBetween(board, from, to)).toBe(count);
      }),
      { numRuns: 300 },
    );
  });

  it('sameWorkingDay is a working day, never earlier, and fixed on working days', () => {
    fc.assert(
      fc.property(isoDay, (d) => {
        const s = sameWorkingDay(board, d);
        expect(isWorkingDay(board, s)).toBe(true);
        expect(s >= d).toBe(true);
        expect(isWorkingDay(board, d) ? s === d : s > d).toBe(true);
      }),
    );
  });
});
