// Checks every row of a legacy register against the board before anything is written: which column
// holds what, what each abbreviation or wording means, whether each row is a case the register can
// take (dates real and not in the future, agencies in the directory, a stage of the policy, no
// child's name anywhere in it), and which rows are already on the register. The result is both the
// preview the coordinator sees and the plan the import writes, so the two cannot disagree.
import { CHILD_STATUSES, type ChildStatus, type OutcomeEffect } from '../../../shared/domain/escalation';
import {
  CASE_REFERENCE,
  INITIALS,
  describeFinding,
  knownWords,
  possibleChildIdentifiers,
  type IdentifierFinding,
} from '../../../shared/domain/childIdentifiers';
import { formatUkDate, todayIso } from '../../../shared/domain/dates';
import { referenceKey } from '../../../shared/domain/caseReference';
import {
  KNOWN_CHILD_STATUSES,
  KNOWN_OUTCOMES,
  LEGACY_FIELDS,
  LEGACY_FIELD_KEYS,
  LEGACY_OUTCOMES,
  PROBLEMS_SHOWN,
  VALUE_KIND_KEYS,
  guessColumns,
  legacyDate,
  legacyYesNo,
  sourceKey,
  type LegacyColumns,
  type LegacyField,
  type LegacyOutcome,
  type LegacyPreview,
  type LegacyProblem,
  type LegacySpellings,
  type LegacyValues,
  type UnknownValue,
  type ValueKind,
} from '../../../shared/domain/legacyRegister';
import type { PolicyProfile } from '../../../shared/domain/policyProfiles';
import { statement } from '../../db/statements';
import type { ReadableDb, WritableDb } from '../../db/types';
import { knownProfessionalNames } from '../caseTextGuard';
import { DomainError } from '../errors';
import { activeProfileId, loadProfile } from '../policyVersions';
import { rememberedMappings } from './mappings';
import type { RegisterCell, RegisterTable } from './readRegister';

type AnyDb = ReadableDb | WritableDb;

/** A row the import will write: the case and where in the file it came from. */
export interface PlannedCase {
  sheetRow: number;
  reference: string;
  childInitials: string;
  raisingAgencyId: number;
  challengedAgencyId: number;
  categoryId: number;
  childStatus: ChildStatus;
  summary: string;
  openedOn: string;
  immediateRisk: boolean;
  stage: number;
  /** How it ended, and when; the words the case's history gives it are the import's (importRegister.ts). */
  ending: { kind: 'withdrawn'; on: string } | { kind: 'resolved'; on: string; effect: OutcomeEffect } | null;
}

export interface CheckedRegister {
  preview: LegacyPreview;
  plan: PlannedCase[];
  profileId: number;
  sha256: string;
}

interface Directory {
  profileId: number;
  profile: PolicyProfile;
  agencies: { id: number; name: string; key: string; initials: string }[];
  categories: { id: number; name: string; key: string }[];
  known: Set<string>;
}

const STOP_WORDS = new Set(['and', 'of', 'the', 'for', 'nhs']);
const initialsOf = (name: string) =>
  sourceKey(name)
    .split(' ')
    // "Children’s" splits into "children s": a lone letter is not a word of the name.
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w))
    .map((w) => w[0])
    .join('');

function directory(db: AnyDb): Directory {
  const profileId = activeProfileId(db);
  if (profileId === null) throw new DomainError('Choose the board’s escalation policy in Settings before importing a register.');
  const { profile } = loadProfile(db, profileId);
  const agencies = (db.prepare('SELECT id, name FROM agency ORDER BY name').all() as { id: number; name: string }[]).map((a) => ({
    ...a,
    key: sourceKey(a.name),
    initials: initialsOf(a.name),
  }));
  const categories = (db.prepare('SELECT id, name FROM category ORDER BY name').all() as { id: number; name: string }[]).map((c) => ({
    ...c,
    key: sourceKey(c.name),
  }));
  const known = knownWords([
    ...knownProfessionalNames(db),
    ...categories.map((c) => c.name),
    ...profile.stages.map((s) => s.name),
    ...Object.values(LEGACY_OUTCOMES),
    ...Object.values(CHILD_STATUSES),
    ...LEGACY_FIELD_KEYS.flatMap((f) => [LEGACY_FIELDS[f].label, ...LEGACY_FIELDS[f].headings]),
  ]);
  return { profileId, profile, agencies, categories, known };
}

/** What the app can tell a value means by itself; null when it must ask. */
function recognise(dir: Directory, kind: ValueKind, key: string): string | null {
  switch (kind) {
    case 'agency':
      return String(dir.agencies.find((a) => a.key === key)?.id ?? '') || null;
    case 'category':
      return String(dir.categories.find((c) => c.key === key)?.id ?? '') || null;
    case 'stage': {
      const byName = dir.profile.stages.find((s) => sourceKey(s.name) === key);
      if (byName) return String(byName.number);
      // "Stage 2", "Stg 2", "Level 2", "2": the number is the stage, when the policy has it.
      const m = /^(?:stage|stg|level|lvl|s)?\s*(\d{1,2})$/.exec(key);
      return m && dir.profile.stages.some((s) => s.number === Number(m[1])) ? String(Number(m[1])) : null;
    }
    case 'outcome':
      return KNOWN_OUTCOMES[key] ?? null;
    case 'child_status':
      return KNOWN_CHILD_STATUSES[key] ?? null;
  }
}

/** A guess to offer (never used unasked): an abbreviation that matches an agency's initials. */
function suggest(dir: Directory, kind: ValueKind, key: string): string | null {
  if (kind !== 'agency' || key.length < 2 || key.includes(' ')) return null;
  const matches = dir.agencies.filter((a) => a.initials === key || (a.initials.endsWith(key) && key.length >= 3));
  return matches.length === 1 ? String(matches[0]!.id) : null;
}

/** Whether a mapping's target is a real choice (a stale remembered agency, say, is not). */
function validTarget(dir: Directory, kind: ValueKind, target: string): boolean {
  switch (kind) {
    case 'agency':
      return dir.agencies.some((a) => String(a.id) === target);
    case 'category':
      return dir.categories.some((c) => String(c.id) === target);
    case 'stage':
      return dir.profile.stages.some((s) => String(s.number) === target);
    case 'outcome':
      return target in LEGACY_OUTCOMES;
    case 'child_status':
      return target in CHILD_STATUSES;
  }
}

function choices(dir: Directory): LegacyPreview['choices'] {
  return {
    agency: dir.agencies.map((a) => ({ value: String(a.id), label: a.name })),
    category: dir.categories.map((c) => ({ value: String(c.id), label: c.name })),
    stage: dir.profile.stages.map((s) => ({ value: String(s.number), label: `Stage ${s.number}: ${s.name}` })),
    outcome: Object.entries(LEGACY_OUTCOMES).map(([value, label]) => ({ value, label })),
    child_status: Object.entries(CHILD_STATUSES).map(([value, label]) => ({ value, label })),
  };
}

const cellText = (cell: RegisterCell): string =>
  cell === null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : typeof cell === 'string' ? cell.trim() : String(cell);

export interface CheckInput {
  fileName: string;
  columns?: LegacyColumns;
  values?: LegacyValues;
  now: Date;
}

/** Reads every row against the board: the preview and, when it has no problem, the plan. */
export function checkRegister(db: AnyDb, table: RegisterTable, input: CheckInput): CheckedRegister {
  const dir = directory(db);
  const remembered = rememberedMappings(db);
  const columns = input.columns ?? guessColumns(table.headings, remembered.columns);
  const given = input.values ?? { agency: {}, category: {}, stage: {}, outcome: {}, child_status: {} };
  const today = todayIso(input.now);
  const problems: LegacyProblem[] = [];
  let problemCount = 0;
  const problem = (row: number, column: string, message: string) => {
    problemCount += 1;
    if (problems.length < PROBLEMS_SHOWN) problems.push({ row, column, message });
  };
  const chosen = new Map<number, LegacyField>();
  for (const [field, column] of Object.entries(columns) as [LegacyField, number | null][]) {
    const other = column === null ? undefined : chosen.get(column);
    if (other)
      problem(
        1,
        LEGACY_FIELDS[field].label,
        `Column ${column! + 1} is chosen for both ${LEGACY_FIELDS[other].label.toLowerCase()} and ${LEGACY_FIELDS[field].label.toLowerCase()}: choose one column for each.`,
      );
    if (column !== null) chosen.set(column, field);
    if (column !== null && column >= table.headings.length)
      problem(1, LEGACY_FIELDS[field].label, `There is no column ${column + 1} in the file.`);
    if (column === null && LEGACY_FIELDS[field].required)
      problem(1, LEGACY_FIELDS[field].label, `No column holds the ${LEGACY_FIELDS[field].label.toLowerCase()}: choose which one does.`);
  }

  // Each value's meaning: the coordinator's answer for this file, then a remembered one, then the app's own.
  const answers = new Map<string, string | null>();
  const unknown = new Map<string, UnknownValue>();
  const usedValues: LegacyValues = { agency: {}, category: {}, stage: {}, outcome: {}, child_status: {} };
  const spellings: LegacySpellings = { agency: {}, category: {}, stage: {}, outcome: {}, child_status: {} };
  const meaning = (kind: ValueKind, text: string): string | null => {
    const key = sourceKey(text);
    const id = `${kind}\u0000${key}`;
    if (!answers.has(id)) {
      const answer =
        [given[kind][key], given[kind][text], remembered.values[kind][key]].find((t) => t !== undefined && validTarget(dir, kind, t)) ??
        recognise(dir, kind, key);
      answers.set(id, answer ?? null);
      if (answer && answer !== recognise(dir, kind, key)) {
        usedValues[kind][key] = answer;
        spellings[kind][key] = text;
      }
    }
    const answer = answers.get(id)!;
    if (answer === null) {
      const seen = unknown.get(id) ?? { kind, text, rows: 0, suggestion: suggest(dir, kind, key) };
      seen.rows += 1;
      unknown.set(id, seen);
    }
    return answer;
  };

  // A register repeats its agencies, categories and wordings on every row: each text is read once.
  const findings = new Map<string, IdentifierFinding | undefined>();
  const nameIn = (text: string) => {
    if (!findings.has(text)) findings.set(text, possibleChildIdentifiers(text, dir.known)[0]);
    return findings.get(text);
  };

  const plan: PlannedCase[] = [];
  const skipped: LegacyPreview['skipped'] = [];
  let skippedCount = 0;
  const seenInFile = new Map<string, { row: number; cells: string }>();
  const onRegister = statement(
    db,
    `SELECT e.opened_on, e.created_at, e.legacy_row, l.file_name FROM escalation e LEFT JOIN legacy_import l ON l.id = e.legacy_import_id
     WHERE e.reference_key = ? LIMIT 1`,
  );
  const col = (row: RegisterCell[], field: LegacyField): RegisterCell => (columns[field] === null ? null : (row[columns[field]!] ?? null));
  const label = (field: LegacyField) => LEGACY_FIELDS[field].label;

  table.rows.forEach((row, index) => {
    const sheetRow = table.firstRow + index;
    const texts = row.map(cellText);
    if (texts.every((t) => t === '')) return;
    const before = problemCount;
    const bad = (field: LegacyField | string, message: string) =>
      problem(sheetRow, field in LEGACY_FIELDS ? label(field as LegacyField) : field, message);

    // Every text cell, whatever its column, is read for a child's name: a row holding one is refused.
    texts.forEach((text, c) => {
      if (typeof row[c] !== 'string' || !/\p{L}/u.test(text)) return;
      const finding = nameIn(text);
      if (finding)
        bad(
          table.headings[c] || `Column ${c + 1}`,
          `${describeFinding(finding)}. The register keeps a case reference and initials only: remove the name from the file.`,
        );
    });

    const reference = cellText(col(row, 'reference'));
    if (!CASE_REFERENCE.test(reference))
      bad(
        'reference',
        reference === ''
          ? 'The case reference is missing.'
          : `“${reference.slice(0, 40)}” is not a case reference (letters, digits, / _ - only, up to 30).`,
      );
    const initials = cellText(col(row, 'childInitials')).replace(/[.\s]/g, '');
    if (initials !== '' && !INITIALS.test(initials)) bad('childInitials', 'Initials are one to four letters.');
    const date = (field: 'openedOn' | 'endedOn'): string | null => {
      const cell = col(row, field);
      if (cellText(cell) === '') return null;
      const iso = legacyDate(cell);
      if (iso === null) bad(field, `“${cellText(cell).slice(0, 20)}” is not a date: write it as dd/mm/yyyy.`);
      else if (iso > today) bad(field, `${formatUkDate(iso)} is after today.`);
      return iso;
    };
    const openedOn = date('openedOn');
    if (openedOn === null && cellText(col(row, 'openedOn')) === '') bad('openedOn', 'The date raised is missing.');
    const endedOn = date('endedOn');
    const value = (field: LegacyField, kind: ValueKind, required: boolean): string | null => {
      const text = cellText(col(row, field));
      if (text === '' && required) {
        bad(field, `The ${label(field).toLowerCase()} is missing.`);
        return null;
      }
      if (text === '' && kind !== 'child_status' && kind !== 'outcome') return null;
      const answer = meaning(kind, text);
      if (answer === null)
        bad(
          field,
          `“${text.slice(0, 60)}” is not ${kind === 'agency' ? 'an agency in the directory' : `a ${kind.replace('_', ' ')} the board knows`}: say what it means below.`,
        );
      return answer;
    };
    const raising = value('raisingAgency', 'agency', true);
    const challenged = value('challengedAgency', 'agency', true);
    if (raising !== null && raising === challenged) bad('challengedAgency', 'The agency challenged is the agency raising the concern.');
    const category = value('category', 'category', true);
    const stage = value('stage', 'stage', true);
    const outcomeText = cellText(col(row, 'outcome'));
    const outcome = (outcomeText === '' ? (endedOn ? null : 'open') : value('outcome', 'outcome', false)) as LegacyOutcome | null;
    if (outcomeText === '' && endedOn) bad('outcome', 'There is a date it ended but no outcome: say whether it was resolved or withdrawn.');
    if (outcome && outcome !== 'open' && !endedOn && cellText(col(row, 'endedOn')) === '')
      bad('endedOn', `The case is ${LEGACY_OUTCOMES[outcome].toLowerCase()} but has no date it ended.`);
    if (outcome === 'open' && endedOn) bad('outcome', 'The case is open but has a date it ended.');
    if (openedOn && endedOn && endedOn < openedOn) bad('endedOn', 'The case ended before it was raised.');
    const childStatus = value('childStatus', 'child_status', false) as ChildStatus | null;
    const risk = legacyYesNo(cellText(col(row, 'immediateRisk')));
    if (risk === null) bad('immediateRisk', 'Write yes or no.');
    if (problemCount > before) return;

    // Already here: an earlier row of this file, or a case on the register (imported before, or logged).
    const key = referenceKey(reference);
    const cells = texts.join('\u0000');
    const earlier = seenInFile.get(key);
    if (earlier) {
      if (earlier.cells === cells) {
        skippedCount += 1;
        if (skipped.length < PROBLEMS_SHOWN) skipped.push({ row: sheetRow, reference, why: `The same as row ${earlier.row}.` });
      } else bad('reference', `Case reference ${reference} is also on row ${earlier.row}, with different details: keep one.`);
      return;
    }
    seenInFile.set(key, { row: sheetRow, cells });
    const there = onRegister.get(key) as
      { opened_on: string; created_at: string; legacy_row: number | null; file_name: string | null } | undefined;
    if (there) {
      skippedCount += 1;
      if (skipped.length < PROBLEMS_SHOWN)
        skipped.push({
          row: sheetRow,
          reference,
          why:
            there.file_name !== null
              ? `Already on the register: imported from “${there.file_name}”, row ${there.legacy_row}.`
              : `Already on the register: raised ${formatUkDate(there.opened_on)}.`,
        });
      return;
    }
    const ending: PlannedCase['ending'] =
      outcome === 'open'
        ? null
        : outcome === 'withdrawn'
          ? { kind: 'withdrawn', on: endedOn! }
          : { kind: 'resolved', on: endedOn!, effect: outcome! };
    plan.push({
      sheetRow,
      reference,
      childInitials: initials.toUpperCase(),
      raisingAgencyId: Number(raising),
      challengedAgencyId: Number(challenged),
      categoryId: Number(category),
      childStatus: childStatus ?? 'none',
      summary: cellText(col(row, 'summary')) || 'Imported from the board’s previous register.',
      openedOn: openedOn!,
      immediateRisk: risk === true,
      stage: Number(stage),
      ending,
    });
  });

  for (const kind of VALUE_KIND_KEYS)
    for (const [k, v] of Object.entries(given[kind]))
      if (validTarget(dir, kind, v)) {
        usedValues[kind][sourceKey(k)] ??= v;
        spellings[kind][sourceKey(k)] ??= k;
      }
  return {
    profileId: dir.profileId,
    sha256: table.sha256,
    plan,
    preview: {
      fileName: input.fileName,
      headings: table.headings,
      columns,
      values: usedValues,
      spellings,
      rows: table.rows.length,
      ready: plan.length,
      skipped,
      skippedCount,
      problems,
      problemCount,
      unknown: [...unknown.values()],
      choices: choices(dir),
    },
  };
}
