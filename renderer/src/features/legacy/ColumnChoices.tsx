import { LEGACY_FIELDS, LEGACY_FIELD_KEYS, type LegacyColumns, type LegacyField } from '../../../../shared/domain/legacyRegister';
import { Field } from '../../components/Field';

interface Props {
  headings: readonly string[];
  columns: LegacyColumns;
  onChange: (field: LegacyField, column: number | null) => void;
}

/** Which of the file's columns holds each of the register's fields, as the app guessed it; the coordinator may change any. */
export function ColumnChoices({ headings, columns, onChange }: Props) {
  return (
    <fieldset>
      <legend>Which column holds what</legend>
      <p className="hint">
        Set from the file’s headings (and from your answers for earlier files). Every case needs the fields marked required.
      </p>
      <div className="choices--columns">
        {LEGACY_FIELD_KEYS.map((field) => (
          <ColumnSelect key={field} field={field} headings={headings} column={columns[field]} onChange={onChange} />
        ))}
      </div>
    </fieldset>
  );
}

function ColumnSelect({
  field,
  headings,
  column,
  onChange,
}: { field: LegacyField; column: number | null } & Pick<Props, 'headings' | 'onChange'>) {
  const { label, required } = LEGACY_FIELDS[field];
  return (
    <Field label={`Column for ${label}`} hint={required ? 'Required' : undefined}>
      {(id, describedBy) => (
        <select
          id={id}
          aria-describedby={describedBy}
          aria-required={required || undefined}
          value={column ?? ''}
          onChange={(e) => onChange(field, e.target.value === '' ? null : Number(e.target.value))}
        >
          <option value="">Not in the file</option>
          {headings.map((heading, i) => (
            <option key={i} value={i}>
              {heading || `Column ${i + 1} (no heading)`}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
