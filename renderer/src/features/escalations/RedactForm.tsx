import { useState, type FormEvent } from 'react';
import { REDACTION_MARKER } from '../../../../shared/domain/redaction';
import { ChildNameCheck } from '../../components/ChildNameCheck';
import { ErrorSummary } from '../../components/ErrorSummary';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import type { CaseFormProps } from './caseTypes';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The coordinator removes a child's identifier that slipped into this case's text: from the case and
 * from the audit trail's stored values. The removal is recorded, with the reason, never the text.
 */
export function RedactForm({ detail, onSaved, knownNames }: CaseFormProps & { knownNames: readonly string[] }) {
  const action = useVersionedAction(detail.version);
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      (basedOnVersion) =>
        call('escalations:redact', { basedOnVersion, escalationId: detail.id, text, reason, confirmedNoChildName: confirmed }),
      (result) => {
        const where =
          result.fields.length > 0
            ? `from ${plural(result.fields.length, 'field', 'fields')} of the case (${result.fields.join(', ')})`
            : 'from the case';
        onSaved(
          `Removed the text ${where} and from ${plural(result.auditEntriesChanged, 'audit entry', 'audit entries')}. The removal is recorded without the text.`,
        );
        setText('');
        setReason('');
        return '';
      },
    );
  };
  return (
    <>
      <p className="hint">
        If a child’s name or another identifier was typed into this case by mistake, give the exact text. Wherever it appears in this case’s
        records and in the audit trail’s stored values it is replaced by {REDACTION_MARKER}, and later backups will not hold it. Backups
        taken before now keep it until they are rotated out, and exports already sent are not recalled.
      </p>
      <form noValidate className="stack" onSubmit={submit} onChange={action.start} aria-label="Remove a child’s identifier">
        <ErrorSummary state={action} />
        <div className="field field--wide">
          <label htmlFor="redact-text">Exact text to remove</label>
          <span id="redact-text-hint" className="hint">
            One name or identifier at a time; capitals do not matter, whole words only
          </span>
          <input
            id="redact-text"
            aria-describedby="redact-text-hint"
            autoComplete="off"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="field field--wide">
          <label htmlFor="redact-reason">Why it is being removed</label>
          <input id="redact-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <ChildNameCheck text={reason} knownNames={knownNames} confirmed={confirmed} onConfirmedChange={setConfirmed} />
        <div>
          <button type="submit" disabled={action.busy}>
            Remove it
          </button>
        </div>
      </form>
    </>
  );
}
