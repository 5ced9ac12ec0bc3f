import { useState, type FormEvent } from 'react';
import { formatUkDate, todayIso } from '../../../../shared/domain/dates';
import type { EscalationDetail } from '../../../../shared/domain/escalation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { LabelOptions } from '../../components/Options';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import type { CaseFormProps } from './caseTypes';
import { useCan } from '../accounts/sessionContext';
import { DateInput } from '../../components/DateInput';

type Notification = EscalationDetail['notifications'][number];
type Method = 'email' | 'phone' | 'letter' | 'meeting';
const METHODS: Record<Method, string> = { email: 'E-mail', phone: 'Phone', letter: 'Letter', meeting: 'Meeting' };

function RecordNotificationForm({
  notification: n,
  version,
  onSaved,
}: {
  notification: Notification;
  version: number;
  onSaved: (message: string) => void;
}) {
  const action = useVersionedAction(version);
  const [madeOn, setMadeOn] = useState(todayIso());
  const [madeBy, setMadeBy] = useState('');
  const [method, setMethod] = useState<Method | ''>('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      (basedOnVersion) =>
        call('escalations:recordNotification', { basedOnVersion, notificationId: n.id, madeOn, madeBy, method: method as Method }),
      () => {
        onSaved(`Recorded that the ${n.label.toLowerCase()} was told on ${formatUkDate(madeOn)}.`);
        return '';
      },
    );
  };
  const id = `notification-${n.id}`;
  return (
    <form
      noValidate
      className="form-row"
      onSubmit={submit}
      onChange={action.start}
      aria-label={`Record the ${n.label.toLowerCase()} notification as made`}
    >
      <ErrorSummary state={action} />
      <DateInput id={`${id}-on`} legend="Told on" value={madeOn} onChange={setMadeOn} />
      <div className="field">
        <label htmlFor={`${id}-by`}>Told by</label>
        <input id={`${id}-by`} value={madeBy} onChange={(e) => setMadeBy(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-how`}>How</label>
        <select id={`${id}-how`} value={method} onChange={(e) => setMethod(e.target.value as Method | '')}>
          <option value="">Choose how</option>
          <LabelOptions labels={METHODS} />
        </select>
      </div>
      <button type="submit" disabled={action.busy} aria-label={`Record as made: ${n.label}`}>
        Record as made
      </button>
    </form>
  );
}

/** Who must be told (child protection chair, IRO, board manager) and whether they were. */
export function NotificationsSection({ detail, onSaved }: CaseFormProps) {
  const records = useCan('escalations:recordNotification');
  return (
    <section aria-labelledby="notifications">
      <h2 id="notifications">Required notifications</h2>
      {detail.notifications.length === 0 ? (
        <p>No notification is required for this case so far.</p>
      ) : (
        <ul className="cards">
          {detail.notifications.map((n) => (
            <li key={n.id} className={`card ${n.madeOn ? '' : 'card--outstanding'}`}>
              <h3>{n.label}</h3>
              <p>
                Required since {formatUkDate(n.requiredSince)}.{' '}
                {n.madeOn ? (
                  <strong className="ok">
                    Told on {formatUkDate(n.madeOn)}
                    {n.madeBy && ` by ${n.madeBy}`}
                    {n.method && ` (${METHODS[n.method as Method]?.toLowerCase() ?? n.method})`}.
                  </strong>
                ) : (
                  <strong className="warn-text">Not yet made.</strong>
                )}
              </p>
              {!n.madeOn && records && <RecordNotificationForm notification={n} version={detail.version} onSaved={onSaved} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
