import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { RetentionCase } from '../../../../shared/domain/retention';
import { formatUkDate } from '../../../../shared/domain/dates';
import { ChildNameCheck } from '../../components/ChildNameCheck';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Feedback } from '../../components/Feedback';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import { useKnownNames } from '../../lib/useKnownNames';

/** The deliberate act: says what goes and what stays, asks why, and asks for the reference to be typed. */
export function DeleteCaseForm({
  item,
  onDeleted,
  onCancel,
}: {
  item: RetentionCase;
  onDeleted: (message: string) => void;
  onCancel: () => void;
}) {
  const action = useVersionedAction(item.version);
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const knownNames = useKnownNames();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [item.escalationId]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      (basedOnVersion) =>
        call('retention:deleteCase', {
          basedOnVersion,
          escalationId: item.escalationId,
          confirmReference: typed,
          reason,
          confirmedNoChildName: confirmed,
        }),
      (d) => {
        onDeleted(`Deleted ${d.reference}. The deletion is recorded in the audit trail and in the list of deletions below.`);
        return '';
      },
    );
  };
  return (
    <section aria-labelledby="delete-case" className="confirm">
      <h2 id="delete-case" tabIndex={-1} ref={heading}>
        Delete case {item.reference}?
      </h2>
      <ul>
        <li>
          This deletes the case (closed {formatUkDate(item.closedOn)}) and everything recorded about it: stages, deadlines, notifications,
          the outcome and its actions, the chair’s decisions and any panels. It cannot be undone from this screen.
        </li>
        <li>
          What stays: the case reference {item.reference} and initials {item.childInitials || '(none)'}, with when, by whom and why it was
          deleted, in the audit trail and the list of deletions.
        </li>
        <li>
          Copies remain in the backups until they are rotated out (the newest 20 are kept), and in any earlier records file a restore kept
          aside.
        </li>
      </ul>
      <form noValidate className="stack" onSubmit={submit} onChange={action.start} aria-label={`Delete case ${item.reference}`}>
        <ErrorSummary state={action} />
        <div className="field field--wide">
          <label htmlFor="delete-reason">Why is it being deleted?</label>
          <span id="delete-reason-hint" className="hint">
            For example: reviewed under the board’s retention schedule; nothing outstanding. Recorded under your name.
          </span>
          <textarea
            id="delete-reason"
            rows={3}
            aria-describedby="delete-reason-hint"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <ChildNameCheck text={reason} knownNames={knownNames} confirmed={confirmed} onConfirmedChange={setConfirmed} />
        <div className="field">
          <label htmlFor="delete-confirm">Type the case reference to confirm</label>
          <input id="delete-confirm" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </div>
        <Feedback state={action} summarised />
        <div className="actions">
          <button type="submit" className="button--warning" disabled={action.busy}>
            Delete this case
          </button>
          <button type="button" className="button--secondary" disabled={action.busy} onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
