// The agency return template's layout, shared by the writer and the reader so the two cannot
// drift apart. A change to where anything sits is a new TEMPLATE_VERSION: the reader refuses
// versions it does not know rather than reading cells from the wrong place.
import { RETURN_OUTCOMES } from '../../../shared/domain/agencyReturn';
import { quarterFromKey, type Quarter } from '../../../shared/domain/quarter';
import type { ReadableDb, WritableDb } from '../../db/types';
import { activeProfileId, loadProfile } from '../policyVersions';
import { quarterStartMonth } from '../settings';

export type AnyDb = ReadableDb | WritableDb;

export const TEMPLATE_FORMAT = 'escalation-desk/agency-return';
/** 2: the About sheet carries the board's identity (boardId), which the importer requires. */
export const TEMPLATE_VERSION = 2;

export const SHEETS = { instructions: 'Instructions', returnSheet: 'Return', lists: 'Lists', about: 'About' } as const;

/** The "Your agency" and "Nil return" answers sit above the table, where they stay in view. */
export const AGENCY_CELL = { label: 'A2', value: 'C2', row: 2, col: 3 } as const;
export const NIL_CELL = { label: 'A3', value: 'C3', row: 3, col: 3, hint: 'D3' } as const;
export const NIL_LABEL = 'Tick Yes if your agency made no escalations this quarter';
export const HEADER_ROW = 5;
export const FIRST_DATA_ROW = HEADER_ROW + 1;
/** Rows given dropdowns and date checks: far more than any agency escalates in a quarter. */
export const VALIDATED_ROWS = 1000;
export const MAX_DATA_ROWS = 10_000;

export type ColumnKind = 'reference' | 'initials' | 'agency' | 'category' | 'date' | 'stage' | 'yesNo' | 'outcome' | 'theme';

export interface ReturnColumn {
  key:
    | 'reference'
    | 'childInitials'
    | 'challengedAgency'
    | 'category'
    | 'openedOn'
    | 'highestStage'
    | 'immediateRisk'
    | 'chairInvolved'
    | 'meetingHeld'
    | 'panelConvened'
    | 'outcome'
    | 'resolvedOn'
    | 'theme';
  header: string;
  kind: ColumnKind;
  width: number;
  prompt: string;
}

export const COLUMNS: readonly ReturnColumn[] = [
  {
    key: 'reference',
    header: 'Case reference',
    kind: 'reference',
    width: 18,
    prompt: 'Your agency’s case reference: letters, digits, - / _ and no spaces. Never the child’s name.',
  },
  {
    key: 'childInitials',
    header: 'Child’s initials',
    kind: 'initials',
    width: 12,
    prompt: 'Up to 4 letters, or leave blank. Never the child’s name.',
  },
  {
    key: 'challengedAgency',
    header: 'Agency challenged',
    kind: 'agency',
    width: 42,
    prompt: 'The agency your worker challenged: choose from the list.',
  },
  { key: 'category', header: 'Category', kind: 'category', width: 40, prompt: 'What the disagreement was about: choose from the list.' },
  {
    key: 'openedOn',
    header: 'Date raised',
    kind: 'date',
    width: 14,
    prompt: 'The date the concern was raised, within the quarter (dd/mm/yyyy).',
  },
  {
    key: 'highestStage',
    header: 'Highest stage reached',
    kind: 'stage',
    width: 34,
    prompt: 'The highest stage of the board’s policy the case reached.',
  },
  {
    key: 'immediateRisk',
    header: 'Immediate risk (Yes/No)',
    kind: 'yesNo',
    width: 13,
    prompt: 'Was the child at immediate risk of significant harm?',
  },
  {
    key: 'chairInvolved',
    header: 'Chair involved (Yes/No)',
    kind: 'yesNo',
    width: 13,
    prompt: 'Was the board’s independent chair involved?',
  },
  { key: 'meetingHeld', header: 'Meeting held (Yes/No)', kind: 'yesNo', width: 13, prompt: 'Was a multi-agency meeting held?' },
  { key: 'panelConvened', header: 'Panel convened (Yes/No)', kind: 'yesNo', width: 13, prompt: 'Was a resolution panel convened?' },
  { key: 'outcome', header: 'Outcome', kind: 'outcome', width: 32, prompt: 'How it ended, or “Still open”.' },
  {
    key: 'resolvedOn',
    header: 'Date resolved',
    kind: 'date',
    width: 14,
    prompt: 'The date it was resolved or withdrawn (dd/mm/yyyy); blank while still open.',
  },
  { key: 'theme', header: 'Learning theme', kind: 'theme', width: 36, prompt: 'Optional: the practice lesson it shows, from the list.' },
];

export const YES_NO = ['Yes', 'No'] as const;

/** Column letter for a 1-based column number (1 -> A, 27 -> AA). */
export function columnLetter(col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export interface ListItem {
  id: number;
  label: string;
}

/** Everything a template offers in its dropdowns, read from the directory and the board's policy. */
export interface TemplateLists {
  agencies: ListItem[];
  categories: ListItem[];
  stages: ListItem[];
  themes: ListItem[];
  outcomes: { key: keyof typeof RETURN_OUTCOMES; label: string }[];
}

export const stageLabel = (n: number, name: string) => `${n} - ${name}`;

/** Null when the board has not chosen its policy yet: without it there are no stages to offer. */
export function templateLists(db: AnyDb, quarter: Quarter): TemplateLists | null {
  const profileId = activeProfileId(db);
  if (profileId === null) return null;
  const { profile } = loadProfile(db, profileId);
  return {
    // Agencies retired during or after the quarter still answer for it.
    agencies: db
      .prepare('SELECT id, name AS label FROM agency WHERE retired_on IS NULL OR retired_on >= ? ORDER BY name COLLATE NOCASE')
      .all(quarter.from) as ListItem[],
    categories: db.prepare('SELECT id, name AS label FROM category ORDER BY built_in DESC, name COLLATE NOCASE').all() as ListItem[],
    themes: db.prepare('SELECT id, name AS label FROM learning_theme ORDER BY name COLLATE NOCASE').all() as ListItem[],
    stages: profile.stages.map((s) => ({ id: s.number, label: stageLabel(s.number, s.name) })),
    outcomes: (Object.entries(RETURN_OUTCOMES) as [keyof typeof RETURN_OUTCOMES, string][]).map(([key, label]) => ({ key, label })),
  };
}

export function boardQuarter(db: AnyDb, key: string): Quarter {
  return quarterFromKey(key, quarterStartMonth(db));
}
