// The board's working-day calendar: England and Wales bank holidays plus its own closure days.
import { createWorkingCalendar, type WorkingCalendar } from '../../shared/domain/workingDays';
import type { ReadableDb, WritableDb } from '../db/types';
import { bulkCaches } from './bulkWrite';

export function loadCalendar(db: ReadableDb | WritableDb): WorkingCalendar {
  const bulk = bulkCaches(db);
  if (bulk) return (bulk.calendar ??= readCalendar(db));
  return readCalendar(db);
}

function readCalendar(db: ReadableDb | WritableDb): WorkingCalendar {
  const days = (db.prepare('SELECT date FROM closure_day ORDER BY date').all() as { date: string }[]).map((d) => d.date);
  return createWorkingCalendar({ closureDays: days });
}
