import type { FormEvent } from 'react';
import type { LegacyField, LegacyPreview, ValueKind } from '../../../../shared/domain/legacyRegister';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Feedback } from '../../components/Feedback';
import { plural } from '../../components/formatting';
import { useAction } from '../../lib/useAction';
import { ColumnChoices } from './ColumnChoices';
import type { LegacyChoices } from './legacyChoices';
import { ValueChoices } from './ValueChoices';

interface Props {
  preview: LegacyPreview;
  choices: LegacyChoices;
  onChoices: (choices: LegacyChoices) => void;
  spelling: (kind: ValueKind, key: string) => string;
  busy: boolean;
  /** Reads the same file again with the choices on the screen. */
  onCheckAgain: () => Promise<LegacyPreview>;
}

/** What the app took each column and word to mean, for the coordinator to correct and check again. */
export function ChoicesForm({ preview, choices, onChoices, spelling, busy, onCheckAgain }: Props) {
  const action = useAction();
  const setColumn = (field: LegacyField, column: number | null) =>
    onChoices({ ...choices, columns: { ...choices.columns, [field]: column } });
  const setValue = (kind: ValueKind, key: string, target: string) =>
    onChoices({ ...choices, values: { ...choices.values, [kind]: { ...choices.values[kind], [key]: target } } });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await action.run(onCheckAgain, (p) =>
      p.problemCount === 0
        ? 'Checked again: no row has a problem.'
        : `Checked again: ${plural(p.problemCount, 'problem', 'problems')} left.`,
    );
  };
  return (
    <form noValidate className="stack" onSubmit={(e) => void submit(e)} aria-label="What the app understood">
      <ErrorSummary state={action} />
      <ColumnChoices headings={preview.headings} columns={choices.columns} onChange={setColumn} />
      <ValueChoices preview={preview} values={choices.values} spelling={spelling} onChange={setValue} />
      <p>
        <button type="submit" disabled={busy || action.busy}>
          {action.busy ? 'Checking the file…' : 'Check again with these choices'}
        </button>
      </p>
      <Feedback state={action} summarised />
    </form>
  );
}
