import { useRef, type FormEvent } from 'react';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Feedback } from '../../components/Feedback';
import { call } from '../../lib/api';
import { readAsBase64 } from '../../lib/readFile';
import { useAction } from '../../lib/useAction';

/** Takes in an agency's completed return: the whole file is checked, and only a clean file is recorded. */
export function ImportReturnForm({ onImported }: { onImported: () => void }) {
  const action = useAction();
  const input = useRef<HTMLInputElement>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    await action.run(
      async () => {
        if (!file) throw new Error('Choose the completed return workbook (.xlsx) first.');
        return call('returns:import', { fileName: file.name, contentBase64: await readAsBase64(file) });
      },
      (summary) => {
        onImported();
        if (input.current) input.current.value = '';
        return `Imported ${summary.agencyName}’s return for ${summary.quarter}: ${summary.nilReturn ? 'a nil return' : `${summary.rows} escalation${summary.rows === 1 ? '' : 's'}`}.`;
      },
    );
  };
  return (
    <form noValidate className="form-row" onSubmit={(e) => void submit(e)} aria-label="Import a completed return">
      <ErrorSummary state={action} />
      <div className="field">
        <label htmlFor="return-file">Completed return workbook</label>
        <span id="return-file-hint" className="hint">
          The .xlsx an agency filled in from its template. Nothing is recorded unless the whole file is accepted.
        </span>
        <input
          id="return-file"
          ref={input}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby="return-file-hint"
        />
      </div>
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Checking the file…' : 'Import return'}
      </button>
      <Feedback state={action} summarised />
    </form>
  );
}
