// A board's old spreadsheet register (issue 18): one row a case, columns named as the board chose,
// dates typed as text, agencies abbreviated. What each column can mean, how a heading is guessed,
// how a cell's date is read, and the shapes the import's channels take. The reading and checking
// itself is electron/services/legacy/; the screen is renderer/src/features/legacy/.
import { z } from 'zod';
import { CHILD_STATUSES, OUTCOME_EFFECTS, type ChildStatus } from './escalation';
import { isRealIsoDate } from './dates';

export const LEGACY_FIELDS = {
  reference: {
    label: 'Case reference',
    required: true,
    headings: ['case reference', 'case ref', 'reference', 'ref', 'ref no', 'case number', 'case no', 'case id'],
  },
  childInitials: {
    label: 'Child’s initials',
    required: false,
    headings: ['initials', 'child initials', 'childs initials', 'child s initials'],
  },
  openedOn: {
    label: 'Date raised',
    required: true,
    headings: [
      'date raised',
      'raised on',
      'date opened',
      'opened on',
      'date logged',
      'escalation date',
      'date of escalation',
      'start date',
      'date',
    ],
  },
  raisingAgency: {
    label: 'Agency raising the concern',
    required: true,
    headings: [
      'agency raising concern',
      'agency raising the concern',
      'raising agency',
      'agency raising',
      'raised by',
      'referring agency',
      'escalating agency',
      'from agency',
      'from',
    ],
  },
  challengedAgency: {
    label: 'Agency challenged',
    required: true,
    headings: [
      'agency challenged',
      'challenged agency',
      'disagreement with',
      'escalated to',
      'agency escalated to',
      'other agency',
      'against',
      'to agency',
      'to',
    ],
  },
  category: {
    label: 'Category',
    required: true,
    headings: ['category', 'type of concern', 'concern type', 'nature of disagreement', 'type of disagreement', 'type', 'reason', 'issue'],
  },
  stage: {
    label: 'Stage reached',
    required: true,
    headings: ['stage reached', 'highest stage', 'final stage', 'stage', 'level reached', 'level'],
  },
  outcome: { label: 'Outcome', required: false, headings: ['outcome', 'result', 'resolution', 'status'] },
  endedOn: {
    label: 'Date resolved or withdrawn',
    required: false,
    headings: [
      'date resolved',
      'resolved on',
      'date closed',
      'closed on',
      'date ended',
      'end date',
      'resolution date',
      'closed',
      'resolved',
    ],
  },
  childStatus: {
    label: 'Child’s status',
    required: false,
    headings: ['child status', 'childs status', 'child s status', 'status of child', 'plan'],
  },
  immediateRisk: {
    label: 'Immediate risk',
    required: false,
    headings: ['immediate risk', 'at immediate risk', 'risk of significant harm', 'urgent'],
  },
  summary: { label: 'Summary', required: false, headings: ['summary', 'notes', 'description', 'details', 'comments'] },
} as const;

export type LegacyField = keyof typeof LEGACY_FIELDS;
export const LEGACY_FIELD_KEYS = Object.keys(LEGACY_FIELDS) as [LegacyField, ...LegacyField[]];

/** The kinds of value the coordinator may be asked to map, and what each is mapped to. */
export const VALUE_KINDS = {
  agency: 'Agency',
  category: 'Category',
  stage: 'Stage',
  outcome: 'Outcome',
  child_status: 'Child’s status',
} as const;
export type ValueKind = keyof typeof VALUE_KINDS;
export const VALUE_KIND_KEYS = Object.keys(VALUE_KINDS) as [ValueKind, ...ValueKind[]];

export const LEGACY_OUTCOMES = { open: 'Still open', ...OUTCOME_EFFECTS, withdrawn: 'Withdrawn' } as const;
export type LegacyOutcome = keyof typeof LEGACY_OUTCOMES;

/** Lower case, "&" as "and", punctuation as spaces, spaces collapsed: "Agency raising concern:" and "agency raising  concern" agree. */
export function sourceKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Which column holds each field: the coordinator's remembered answer for a heading first, then a
 * heading that is one of the field's usual wordings, then one that contains it. Each column is
 * given to one field at most; a field with no column is null.
 */
export function guessColumns(
  headings: readonly string[],
  remembered: Readonly<Record<string, LegacyField>> = {},
): Record<LegacyField, number | null> {
  const keys = headings.map(sourceKey);
  const columns = Object.fromEntries(LEGACY_FIELD_KEYS.map((f) => [f, null])) as Record<LegacyField, number | null>;
  const taken = new Set<number>();
  const give = (field: LegacyField, column: number) => {
    if (columns[field] !== null || taken.has(column)) return;
    columns[field] = column;
    taken.add(column);
  };
  keys.forEach((k, i) => {
    const field = remembered[k];
    if (field && field in LEGACY_FIELDS) give(field, i);
  });
  for (const field of LEGACY_FIELD_KEYS)
    for (const wording of LEGACY_FIELDS[field].headings) {
      const i = keys.indexOf(wording);
      if (i >= 0) give(field, i);
    }
  for (const field of LEGACY_FIELD_KEYS)
    for (const wording of LEGACY_FIELDS[field].headings.filter((w) => w.length > 4)) {
      const i = keys.findIndex((k, at) => !taken.has(at) && ` ${k} `.includes(` ${wording} `));
      if (i >= 0) give(field, i);
    }
  return columns;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A date as a register holds it: an Excel date cell, an Excel serial number, or text as
 * dd/mm/yyyy (also with - or . and a two-digit year, read as 20yy) or yyyy-mm-dd. Null when it is
 * none of these or not a real day. Never month-first: the board is in England.
 */
export function legacyDate(cell: unknown): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 1 || cell > 2_958_465) return null;
    return new Date(EXCEL_EPOCH + cell * 86_400_000).toISOString().slice(0, 10);
  }
  if (typeof cell !== 'string') return null;
  const text = cell.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return isRealIsoDate(text) ? text : null;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text);
  if (!m) return /^\d{5}$/.test(text) ? legacyDate(Number(text)) : null;
  const year = m[3]!.length === 2 ? `20${m[3]}` : m[3]!;
  const iso = `${year}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isRealIsoDate(iso) ? iso : null;
}

const YES = new Set(['yes', 'y', 'true', '1', 'x']);
const NO = new Set(['', 'no', 'n', 'false', '0']);
/** Yes, no, or null when the cell says neither. */
export function legacyYesNo(cell: string): boolean | null {
  const k = sourceKey(cell);
  return YES.has(k) ? true : NO.has(k) ? false : null;
}

/** Outcome wordings every register uses; anything else is asked about. */
export const KNOWN_OUTCOMES: Record<string, LegacyOutcome> = {
  open: 'open',
  ongoing: 'open',
  'in progress': 'open',
  upheld: 'upheld',
  'decision upheld': 'upheld',
  'original decision upheld': 'upheld',
  changed: 'changed',
  'decision changed': 'changed',
  'original decision changed': 'changed',
  overturned: 'changed',
  'partly changed': 'partly_changed',
  'partially changed': 'partly_changed',
  'original decision partly changed': 'partly_changed',
  withdrawn: 'withdrawn',
};

/** Child's status wordings, the app's own and the usual abbreviations. */
export const KNOWN_CHILD_STATUSES: Record<string, ChildStatus> = {
  ...Object.fromEntries(Object.entries(CHILD_STATUSES).map(([k, label]) => [sourceKey(label), k as ChildStatus])),
  eh: 'early_help',
  cin: 'child_in_need',
  cp: 'child_protection_plan',
  cpp: 'child_protection_plan',
  lac: 'looked_after',
  cla: 'looked_after',
  none: 'none',
  '': 'none',
};

// ---- The channels ----

const mappingTarget = z.string().min(1).max(80);
export const legacyValuesInput = z
  .object(
    Object.fromEntries(VALUE_KIND_KEYS.map((k) => [k, z.record(z.string().max(200), mappingTarget).default({})])) as Record<
      ValueKind,
      z.ZodDefault<z.ZodRecord<z.ZodString, typeof mappingTarget>>
    >,
  )
  .strict();
export type LegacyValues = z.infer<typeof legacyValuesInput>;

export const legacyColumnsInput = z
  .object(
    Object.fromEntries(LEGACY_FIELD_KEYS.map((k) => [k, z.number().int().min(0).max(500).nullable()])) as Record<
      LegacyField,
      z.ZodNullable<z.ZodNumber>
    >,
  )
  .strict();
export type LegacyColumns = z.infer<typeof legacyColumnsInput>;

export const legacyFileInput = z.object({
  fileName: z.string().min(1).max(255),
  contentBase64: z.string().min(1, 'Choose the register file first.').max(40_000_000, 'The file is larger than 30 MB.'),
  /** The coordinator's corrections; absent, the app's guesses and remembered answers. */
  columns: legacyColumnsInput.optional(),
  values: legacyValuesInput.optional(),
});

export const legacyImportInput = legacyFileInput.extend({
  /** Remember the columns' and values' meanings for the next file. */
  remember: z.boolean(),
});

/** The file's own spelling of each word in `values`, by kind and key ("csc" → "CSC"), to show it as the file has it. */
export const legacySpellingsSchema = z.object(
  Object.fromEntries(VALUE_KIND_KEYS.map((k) => [k, z.record(z.string(), z.string())])) as Record<
    ValueKind,
    z.ZodRecord<z.ZodString, z.ZodString>
  >,
);
export type LegacySpellings = z.infer<typeof legacySpellingsSchema>;

export const legacyProblemSchema = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export type LegacyProblem = z.infer<typeof legacyProblemSchema>;

export const unknownValueSchema = z.object({
  kind: z.enum(VALUE_KIND_KEYS),
  /** As the file has it (the first spelling seen). */
  text: z.string(),
  rows: z.number().int(),
  /** The app's guess, for the coordinator to confirm: an agency or category id, a stage number, an outcome or status key. */
  suggestion: z.string().nullable(),
});
export type UnknownValue = z.infer<typeof unknownValueSchema>;

export const legacyPreviewSchema = z.object({
  fileName: z.string(),
  headings: z.array(z.string()),
  columns: legacyColumnsInput,
  values: legacyValuesInput,
  spellings: legacySpellingsSchema,
  rows: z.number().int(),
  ready: z.number().int(),
  skipped: z.array(z.object({ row: z.number().int(), reference: z.string(), why: z.string() })),
  skippedCount: z.number().int(),
  problems: z.array(legacyProblemSchema),
  problemCount: z.number().int(),
  unknown: z.array(unknownValueSchema),
  /** What a value can be mapped to: the directory, the board's categories, the policy's stages. */
  choices: z.object({
    agency: z.array(z.object({ value: z.string(), label: z.string() })),
    category: z.array(z.object({ value: z.string(), label: z.string() })),
    stage: z.array(z.object({ value: z.string(), label: z.string() })),
    outcome: z.array(z.object({ value: z.string(), label: z.string() })),
    child_status: z.array(z.object({ value: z.string(), label: z.string() })),
  }),
});
export type LegacyPreview = z.infer<typeof legacyPreviewSchema>;

export const legacyJobSchema = z.object({
  jobId: z.string(),
  fileName: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  progress: z.number().min(0).max(1),
  message: z.string(),
  imported: z.number().int(),
  skipped: z.number().int(),
});
export type LegacyJob = z.infer<typeof legacyJobSchema>;
export const legacyJobInput = z.object({ jobId: z.string().uuid('That is not an import job id') });

/** Problems listed in full up to this many; the count says how many more. */
export const PROBLEMS_SHOWN = 500;
