import { useState, type FormEvent } from 'react';
import { formatUkDate, todayIso } from '../../../../shared/domain/dates';
import { REFERRAL_ROUTES, type ReferralRoute } from '../../../../shared/domain/escalation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { LabelOptions } from '../../components/Options';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import type { CaseFormProps } from './caseTypes';
import { DateInput } from '../../components/DateInput';

/** Immediate-risk breaches (no referral, not escalated the same working day), with a form to record a missing referral. */
export function BreachesBox({ detail, onSaved }: CaseFormProps) {
  const action = useVersionedAction(detail.version);
  const [to, setTo] = useState<ReferralRoute | ''>('');
  const [madeOn, setMadeOn] = useState(todayIso());
  const referralMissing = detail.breaches.some((b) => b.kind === 'referral_missing') || (detail.immediateRisk && !detail.referral);
  if (detail.breaches.length === 0 && !referralMissing) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      (basedOnVersion) => call('escalations:recordReferral', { basedOnVersion, escalationId: detail.id, to: to as ReferralRoute, madeOn }),
      () => {
        onSaved(`Recorded the referral to ${to ? REFERRAL_ROUTES[to] : ''} made on ${formatUkDate(madeOn)}.`);
        return '';
      },
    );
  };

  return (
    <section aria-labelledby="breaches" className="breaches">
      <h2 id="breaches">Breaches</h2>
      {detail.breaches.length > 0 && (
        <div role="alert" className="breach-box">
          <ul>
            {detail.breaches.map((b) => (
              <li key={b.kind}>{b.message}</li>
            ))}
          </ul>
        </div>
      )}
      {referralMissing && (
        <form noValidate className="form-row" onSubmit={submit} onChange={action.start} aria-label="Record the referral">
          <ErrorSummary state={action} />
          <div className="field">
            <label htmlFor="breach-referral-to">Referral made to</label>
            <select id="breach-referral-to" value={to} onChange={(e) => setTo(e.target.value as ReferralRoute | '')}>
              <option value="">Choose where</option>
              <LabelOptions labels={REFERRAL_ROUTES} />
            </select>
          </div>
          <DateInput id="breach-referral-on" legend="Referral made on" value={madeOn} onChange={setMadeOn} />
          <button type="submit" disabled={action.busy}>
            Record referral
          </button>
        </form>
      )}
    </section>
  );
}
