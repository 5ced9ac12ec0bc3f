import { useRef, type FormEvent } from 'react';
import type { LegacyPreview } from '../../../../shared/domain/legacyRegister';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Feedback } from '../../components/Feedback';
import { plural } from '../../components/formatting';
import { readAsBase64 } from '../../lib/readFile';
import { useAction } from '../../lib/useAction';
import type { LegacyFile } from './legacyChoices';

/** Chooses the register file and has the desk read all of it: nothing is written by a check. */
export function CheckFileForm({ busy, onCheck }: { busy: boolean; onCheck: (file: LegacyFile) => Promise<LegacyPreview> }) {
  const action = useAction();
  const input = useRef<HTMLInputElement>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    await action.run(
      async () => {
        if (!file) throw new Error('Choose the register file (.xlsx or .csv) first.');
        return onCheck({ fileName: file.name, contentBase64: await readAsBase64(file) });
      },
      (preview) => `Checked “${preview.fileName}”: ${plural(preview.rows, 'row', 'rows')} read.`,
    );
  };
  return (
    <form noValidate className="form-row" onSubmit={(e) => void submit(e)} aria-label="Check the register file">
      <ErrorSummary state={action} />
      <div className="field">
        <label htmlFor="legacy-file">Register file (.xlsx or .csv)</label>
        <span id="legacy-file-hint" className="hint">
          One row a case, with headings in the first row. The app reads the whole file and shows what it understood; nothing is written yet.
        </span>
        <input
          id="legacy-file"
          ref={input}
          type="file"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          aria-describedby="legacy-file-hint"
        />
      </div>
      <button type="submit" disabled={busy || action.busy}>
        {action.busy ? 'Checking the file…' : 'Check the file'}
      </button>
      <Feedback state={action} summarised />
    </form>
  );
}
