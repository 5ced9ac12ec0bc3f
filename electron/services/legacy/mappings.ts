// What the coordinator said a legacy register's headings and values mean, kept for the next file
// (legacy_mapping, migration 0190). A later answer for the same wording replaces the earlier one.
import {
  VALUE_KIND_KEYS,
  sourceKey,
  type LegacyColumns,
  type LegacyField,
  type LegacyValues,
  type ValueKind,
} from '../../../shared/domain/legacyRegister';
import { statement } from '../../db/statements';
import type { ReadableDb, WritableDb } from '../../db/types';
import type { WriteContext } from '../context';

export interface Remembered {
  /** Heading (as sourceKey) to field. */
  columns: Record<string, LegacyField>;
  values: LegacyValues;
}

export function rememberedMappings(db: ReadableDb | WritableDb): Remembered {
  const rows = db.prepare('SELECT kind, source_key, target FROM legacy_mapping').all() as {
    kind: string;
    source_key: string;
    target: string;
  }[];
  const out: Remembered = { columns: {}, values: { agency: {}, category: {}, stage: {}, outcome: {}, child_status: {} } };
  for (const r of rows) {
    if (r.kind === 'column') out.columns[r.source_key] = r.target as LegacyField;
    else if ((VALUE_KIND_KEYS as string[]).includes(r.kind)) out.values[r.kind as ValueKind][r.source_key] = r.target;
  }
  return out;
}

/** Keeps the columns' headings and the values' meanings used for this file. Returns how many were kept. */
export function rememberMappings(ctx: WriteContext, headings: readonly string[], columns: LegacyColumns, values: LegacyValues): number {
  const save = statement(
    ctx.db,
    `INSERT INTO legacy_mapping (kind, source_key, target, saved_at, saved_by) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (kind, source_key) DO UPDATE SET target = excluded.target, saved_at = excluded.saved_at, saved_by = excluded.saved_by`,
  );
  const at = ctx.now.toISOString();
  let kept = 0;
  for (const [field, column] of Object.entries(columns)) {
    const heading = column === null ? '' : sourceKey(headings[column] ?? '');
    if (heading !== '') kept += save.run('column', heading, field, at, ctx.actor).changes;
  }
  for (const kind of VALUE_KIND_KEYS)
    for (const [key, target] of Object.entries(values[kind])) if (key !== '') kept += save.run(kind, key, target, at, ctx.actor).changes;
  return kept;
}
