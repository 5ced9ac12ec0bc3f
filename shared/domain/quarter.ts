// Reporting quarters. Boards report by financial-year quarter (Q1 = April-June) unless they set
// another start month. A quarter's key is "YYYY-Qn", YYYY being the year its reporting year starts.
import { z } from 'zod';

export const quarterKeySchema = z
  .string({ error: 'Give the quarter as YYYY-Qn, for example 2026-Q3' })
  .regex(/^\d{4}-Q[1-4]$/, 'Give the quarter as YYYY-Qn, for example 2026-Q3');
export const startMonthSchema = z
  .number({ error: 'Give the start month as a number 1-12' })
  .int()
  .min(1, 'The start month is 1 (January) to 12 (December)')
  .max(12, 'The start month is 1 (January) to 12 (December)');

export interface Quarter {
  key: string;
  /** "Q3 2026-27" for a financial year, "Q3 2026" for a calendar year. */
  label: string;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function quarterFromKey(key: string, startMonth: number): Quarter {
  const [yearText, qText] = key.split('-Q') as [string, string];
  const year = Number(yearText);
  const q = Number(qText);
  const firstMonthIndex = startMonth - 1 + (q - 1) * 3; // 0-based months from January of `year`
  const fromYear = year + Math.floor(firstMonthIndex / 12);
  const fromMonth = (firstMonthIndex % 12) + 1;
  const lastIndex = firstMonthIndex + 2;
  const toYear = year + Math.floor(lastIndex / 12);
  const toMonth = (lastIndex % 12) + 1;
  const yearLabel = startMonth === 1 ? String(year) : `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
  return {
    key,
    label: `Q${q} ${yearLabel} (${MONTHS[fromMonth - 1]}-${MONTHS[toMonth - 1]})`,
    from: `${fromYear}-${pad(fromMonth)}-01`,
    to: `${toYear}-${pad(toMonth)}-${pad(lastDayOfMonth(toYear, toMonth))}`,
  };
}

export function quarterOf(date: string, startMonth: number): Quarter {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const monthsIntoYear = (m - startMonth + 12) % 12;
  const year = m >= startMonth ? y : y - 1;
  return quarterFromKey(`${year}-Q${Math.floor(monthsIntoYear / 3) + 1}`, startMonth);
}

/** The quarter `steps` before (negative) or after (positive) this one. */
export function shiftQuarter(key: string, steps: number, startMonth: number): Quarter {
  const [yearText, qText] = key.split('-Q') as [string, string];
  const index = Number(yearText) * 4 + (Number(qText) - 1) + steps;
  return quarterFromKey(`${Math.floor(index / 4)}-Q${(index % 4) + 1}`, startMonth);
}
