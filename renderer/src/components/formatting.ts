import { formatUkDate } from '../../../shared/domain/dates';

/** A date ("2026-11-23") or a moment ("2026-11-23T10:04:00Z") in British words, London time. */
export function formatUkDateTime(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatUkDate(value);
  const moment = new Date(value.includes('T') || value.includes('Z') ? value : value.replace(' ', 'T') + 'Z');
  if (Number.isNaN(moment.getTime())) return value;
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/London',
  }).format(moment);
}

export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}
