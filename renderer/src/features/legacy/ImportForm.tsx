import { useState, type FormEvent } from 'react';
import type { LegacyPreview } from '../../../../shared/domain/legacyRegister';
import { ErrorSummary } from '../../components/ErrorSummary';
import { plural } from '../../components/formatting';
import type { ActionState } from '../../lib/useAction';

interface Props {
  preview: LegacyPreview;
  /** The choices on the screen are not those the summary was made with. */
  changed: boolean;
  busy: boolean;
  error: ActionState['error'];
  onImport: (remember: boolean) => void;
}

/** Why the import cannot start yet, in words; null when it can. */
function holdBack(preview: LegacyPreview, changed: boolean): string | null {
  if (preview.problemCount > 0)
    return `Nothing can be imported while ${plural(preview.problemCount, 'problem remains', 'problems remain')}: put ${preview.problemCount === 1 ? 'it' : 'them'} right, then check again.`;
  if (changed) return 'You changed a choice since the file was checked: check again with these choices to see what they do first.';
  return null;
}

/** The import itself: all the ready cases at once, once no row has a problem. */
export function ImportForm({ preview, changed, busy, error, onImport }: Props) {
  const [remember, setRemember] = useState(true);
  const reason = holdBack(preview, changed);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason === null) onImport(remember);
  };
  return (
    <form noValidate onSubmit={submit} aria-label="Import the register">
      <ErrorSummary state={{ error }} />
      <div className="field field--check">
        <input id="legacy-remember" type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
        <label htmlFor="legacy-remember">Remember these choices for the next file</label>
      </div>
      {reason === null && preview.ready === 0 && (
        <p className="hint" id="legacy-import-note">
          Every row is already on the register or repeats another: the import adds no case, and records that this file was brought in.
        </p>
      )}
      {reason !== null && (
        <p className="hint" id="legacy-import-note">
          {reason}
        </p>
      )}
      <p>
        <button
          type="submit"
          disabled={busy || reason !== null}
          aria-describedby={reason !== null || preview.ready === 0 ? 'legacy-import-note' : undefined}
        >
          {`Import ${plural(preview.ready, 'case', 'cases')}`}
        </button>
      </p>
    </form>
  );
}
