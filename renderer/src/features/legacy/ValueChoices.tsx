import {
  VALUE_KINDS,
  VALUE_KIND_KEYS,
  sourceKey,
  type LegacyPreview,
  type LegacyValues,
  type ValueKind,
} from '../../../../shared/domain/legacyRegister';
import { Field } from '../../components/Field';
import { unknownLabel } from './legacyChoices';

interface Props {
  preview: LegacyPreview;
  values: LegacyValues;
  /** The file's own spelling of a word the screen has seen, by kind and sourceKey ("agency:csc" → "CSC"). */
  spelling: (kind: ValueKind, key: string) => string;
  onChange: (kind: ValueKind, key: string, target: string) => void;
}

/**
 * The file's words the app could not place (an abbreviated agency, a stage written its own way),
 * each with what it may mean; then the words already matched by the coordinator's answers, which
 * are sent back with every check and can still be changed.
 */
export function ValueChoices({ preview, values, spelling, onChange }: Props) {
  const matched = VALUE_KIND_KEYS.flatMap((kind) => Object.keys(preview.values[kind]).map((key) => ({ kind, key })));
  const select = (kind: ValueKind, key: string, label: string) => (
    <ValueSelect
      key={`${kind}:${key}`}
      label={label}
      value={values[kind][key] ?? ''}
      choices={preview.choices[kind]}
      onChange={(target) => onChange(kind, key, target)}
    />
  );
  return (
    <>
      <fieldset>
        <legend>Words the app did not recognise</legend>
        {preview.unknown.length === 0 ? (
          <p>Every agency, category, stage, outcome and child’s status in the file is recognised.</p>
        ) : (
          <>
            <p className="hint">
              Say what each means. Where the app has a guess it is chosen for you. Your answers count from the next check, of this file or a
              corrected one.
            </p>
            <div className="choices--columns">{preview.unknown.map((u) => select(u.kind, sourceKey(u.text), unknownLabel(u)))}</div>
          </>
        )}
      </fieldset>
      {matched.length > 0 && (
        <fieldset>
          <legend>Words already matched</legend>
          <p className="hint">From your answers for this file, or remembered from an earlier one. Change any that is wrong.</p>
          <div className="choices--columns">
            {matched.map(({ kind, key }) => select(kind, key, `“${spelling(kind, key)}” (${VALUE_KINDS[kind]})`))}
          </div>
        </fieldset>
      )}
    </>
  );
}

function ValueSelect({
  label,
  value,
  choices,
  onChange,
}: {
  label: string;
  value: string;
  choices: readonly { value: string; label: string }[];
  onChange: (target: string) => void;
}) {
  return (
    <Field label={label}>
      {(id) => (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">Choose…</option>
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
