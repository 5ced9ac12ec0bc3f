// The coordinator's answers on the import screen, kept apart from the components: which column
// holds each field, and what each of the file's words means. The preview says what the app used;
// the screen starts from it and sends back what the coordinator changed.
import {
  LEGACY_FIELD_KEYS,
  VALUE_KINDS,
  VALUE_KIND_KEYS,
  sourceKey,
  type LegacyColumns,
  type LegacyPreview,
  type LegacyValues,
  type UnknownValue,
} from '../../../../shared/domain/legacyRegister';
import { plural } from '../../components/formatting';

/** The file as the screen read it, sent whole with every check and with the import. */
export interface LegacyFile {
  fileName: string;
  contentBase64: string;
}

export interface LegacyChoices {
  columns: LegacyColumns;
  /** Keyed by the word as sourceKey reads it; '' while the coordinator has not said what it means. */
  values: LegacyValues;
}

export const noValues = (): LegacyValues => ({ agency: {}, category: {}, stage: {}, outcome: {}, child_status: {} });

/** The choices the preview was made with, and each word it did not know at the app's suggestion (or unsaid). */
export function choicesFrom(preview: LegacyPreview): LegacyChoices {
  const values = noValues();
  for (const kind of VALUE_KIND_KEYS) Object.assign(values[kind], preview.values[kind]);
  for (const u of preview.unknown) values[u.kind][sourceKey(u.text)] = u.suggestion ?? '';
  return { columns: { ...preview.columns }, values };
}

/** The meanings to send: only those said, so a word still unsaid is asked about again. */
export function valuesToSend(values: LegacyValues): LegacyValues {
  const out = noValues();
  for (const kind of VALUE_KIND_KEYS) for (const [key, target] of Object.entries(values[kind])) if (target !== '') out[kind][key] = target;
  return out;
}

const sameMap = (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/** Whether the screen's choices are not the ones the preview on the screen was made with. */
export function changedSince(preview: LegacyPreview, choices: LegacyChoices): boolean {
  if (LEGACY_FIELD_KEYS.some((f) => choices.columns[f] !== preview.columns[f])) return true;
  const sent = valuesToSend(choices.values);
  return VALUE_KIND_KEYS.some((kind) => !sameMap(sent[kind], preview.values[kind]));
}

/** “CSC” (Agency, 3 rows): the word as the file has it, what kind of thing it should be, and how often it is there. */
export function unknownLabel(u: UnknownValue): string {
  return `“${u.text}” (${VALUE_KINDS[u.kind]}, ${plural(u.rows, 'row', 'rows')})`;
}
