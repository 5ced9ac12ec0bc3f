// The board's settings screen: name, reporting year, policy, calendar, categories and themes.
import type { BoardSettings } from '../../shared/domain/settings';
import { agencyNameKey } from '../../shared/domain/agency';
import { formatUkDate } from '../../shared/domain/dates';
import type { ReadableDb, WritableDb } from '../db/types';
import { appendAudit } from './audit';
import { reworkOpenDueDates } from './escalations/dueDates';
import type { WriteContext } from './context';
import { DomainError } from './errors';
import { currentVersion } from './recordVersions';
import { activeProfileId, listProfiles } from './policyVersions';

type AnyDb = ReadableDb | WritableDb;

function setting(db: AnyDb, key: string): string | null {
  const row = db.prepare('SELECT value FROM board_setting WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function quarterStartMonth(db: AnyDb): number {
  return Number(setting(db, 'quarter_start_month') ?? 4);
}

export function boardName(db: AnyDb): string {
  return setting(db, 'board_name') ?? 'Safeguarding Children Board';
}

/** The independent chair's e-mail address, which the referral e-mail is addressed to; '' when not recorded. */
export function chairEmail(db: AnyDb): string {
  return setting(db, 'chair_email') ?? '';
}

const LAST_EXPORT_FOLDER = 'last_export_folder';

/** The folder the desktop app's save dialog last saved an export to, or null before the first. */
export function lastExportFolder(db: AnyDb): string | null {
  return setting(db, LAST_EXPORT_FOLDER);
}

/** Remembers the folder an export was saved to, so the next save dialog opens there. */
export function rememberExportFolder(db: WritableDb, folder: string): void {
  db.prepare('INSERT INTO board_setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    LAST_EXPORT_FOLDER,
    folder,
  );
}

export function getSettings(db: AnyDb): BoardSettings {
  return {
    version: currentVersion(db, 'settings', 1),
    boardName: boardName(db),
    chairEmail: chairEmail(db),
    quarterStartMonth: quarterStartMonth(db),
    activeProfileId: activeProfileId(db),
    profiles: listProfiles(db),
    closureDays: db.prepare('SELECT date, reason FROM closure_day ORDER BY date').all() as { date: string; reason: string }[],
    categories: db.prepare('SELECT id, name FROM category ORDER BY built_in DESC, name').all() as { id: number; name: string }[],
    themes: db.prepare('SELECT id, name FROM learning_theme ORDER BY name').all() as { id: number; name: string }[],
  };
}

export function updateSettings(
  ctx: WriteContext,
  input: { boardName: string; quarterStartMonth: number; chairEmail?: string | undefined },
): BoardSettings {
  const before = { boardName: boardName(ctx.db), quarterStartMonth: quarterStartMonth(ctx.db), chairEmail: chairEmail(ctx.db) };
  const upsert = ctx.db.prepare(
    'INSERT INTO board_setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  upsert.run('board_name', input.boardName);
  upsert.run('quarter_start_month', String(input.quarterStartMonth));
  if (input.chairEmail !== undefined) upsert.run('chair_email', input.chairEmail);
  appendAudit(ctx, { action: 'board.settings', entity: 'board', entityId: null, before, after: input });
  return getSettings(ctx.db);
}

export function addClosureDay(ctx: WriteContext, input: { date: string; reason: string }): number {
  const existing = ctx.db.prepare('SELECT reason FROM closure_day WHERE date = ?').get(input.date) as { reason: string } | undefined;
  if (existing)
    throw new DomainError(`${formatUkDate(input.date)} is already a closure day (${existing.reason}).`, [
      { where: 'Date', message: 'Already a closure day' },
    ]);
  ctx.db.prepare('INSERT INTO closure_day (date, reason) VALUES (?, ?)').run(input.date, input.reason);
  appendAudit(ctx, { action: 'calendar.addClosureDay', entity: 'board', entityId: null, after: input });
  return reworkOpenDueDates(ctx, `Closure day added on ${formatUkDate(input.date)}: ${input.reason}`);
}

export function removeClosureDay(ctx: WriteContext, input: { date: string; reason: string }): number {
  const existing = ctx.db.prepare('SELECT reason FROM closure_day WHERE date = ?').get(input.date) as { reason: string } | undefined;
  if (!existing)
    throw new DomainError(`${formatUkDate(input.date)} is not a closure day.`, [{ where: 'Date', message: 'Not a closure day' }]);
  ctx.db.prepare('DELETE FROM closure_day WHERE date = ?').run(input.date);
  appendAudit(ctx, {
    action: 'calendar.removeClosureDay',
    entity: 'board',
    entityId: null,
    before: { date: input.date, reason: existing.reason },
    after: { reason: input.reason },
  });
  return reworkOpenDueDates(ctx, `Closure day on ${formatUkDate(input.date)} removed: ${input.reason}`);
}

function addNamed(ctx: WriteContext, table: 'category' | 'learning_theme', what: string, name: string): void {
  const key = agencyNameKey(name);
  const clash = ctx.db.prepare(`SELECT name FROM ${table} WHERE name_key = ?`).get(key) as { name: string } | undefined;
  if (clash)
    throw new DomainError(`There is already a ${what} called “${clash.name}”.`, [
      { where: 'Name', message: `Clashes with “${clash.name}”` },
    ]);
  const info = ctx.db.prepare(`INSERT INTO ${table} (name, name_key) VALUES (?, ?)`).run(name, key);
  appendAudit(ctx, { action: `board.add.${table}`, entity: 'board', entityId: null, after: { id: Number(info.lastInsertRowid), name } });
}

export function addCategory(ctx: WriteContext, name: string): BoardSettings {
  addNamed(ctx, 'category', 'category', name);
  return getSettings(ctx.db);
}

export function addTheme(ctx: WriteContext, name: string): BoardSettings {
  addNamed(ctx, 'learning_theme', 'learning theme', name);
  return getSettings(ctx.db);
}
