import { useState, type FormEvent } from 'react';
import { formatUkDate } from '../../../../shared/domain/dates';
import { REFERRAL_ROUTES, type EscalationDetail, type ReferralRoute } from '../../../../shared/domain/escalation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { LabelOptions } from '../../components/Options';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import type { CaseFormProps } from './caseTypes';
import { useCan } from '../accounts/sessionContext';
import { DateInput } from '../../components/DateInput';

/** Whether the case has a breach to show, or a referral (or its date) to record: the box and the page's contents agree. */
export function showsBreaches(detail: EscalationDetail): boolean {
  const referralMissing = detail.immediateRisk && !detail.referral;
  const dateMissing = detail.referral !== null && detail.referral.madeOn === null;
  return detail.breaches.length > 0 || referralMissing || dateMissing;
}

/**
 * Immediate-risk breaches (no referral, a late or undated one, not escalated the same working day),
 * with a form to record a missing referral or the date of one recorded as not known. The date has
 * no default: it is entered, or (for a referral not yet recorded) said to be not known.
 */
export function BreachesBox({ detail, onSaved }: CaseFormProps) {
  const action = useVersionedAction(detail.version);
  const [to, setTo] = useState<ReferralRoute | ''>('');
  const [madeOn, setMadeOn] = useState('');
  const [dateUnknown, setDateUnknown] = useState(false);
  const recordsReferral = useCan('escalations:recordReferral');
  const referralMissing = detail.breaches.some((b) => b.kind === 'referral_missing') || (detail.immediateRisk && !detail.referral);
  const dateMissing = detail.referral !== null && detail.referral.madeOn === null;
  if (!showsBreaches(detail)) return null;
  const recordedTo = (Object.keys(REFERRAL_ROUTES) as ReferralRoute[]).find((k) => REFERRAL_ROUTES[k] === detail.referral?.to);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const route = dateMissing ? recordedTo : to;
    const date = !dateMissing && dateUnknown ? null : madeOn === '' ? undefined : madeOn;
    void action.run(
      (basedOnVersion) =>
        call('escalations:recordReferral', {
          basedOnVersion,
          escalationId: detail.id,
          to: route as ReferralRoute,
          madeOn: date as string | null,
        }),
      () => {
        const where = route ? REFERRAL_ROUTES[route] : '';
        onSaved(
          date
            ? `Recorded the referral to ${where} made on ${formatUkDate(date)}.`
            : `Recorded the referral to ${where}; the date it was made is not known.`,
        );
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
      {(referralMissing || dateMissing) && recordsReferral && (
        <form
          noValidate
          className="form-row"
          onSubmit={submit}
          onChange={action.start}
          aria-label={dateMissing ? 'Record the referral date' : 'Record the referral'}
        >
          <ErrorSummary state={action} />
          {!dateMissing && (
            <div className="field">
              <label htmlFor="breach-referral-to">Referral made to</label>
              <select id="breach-referral-to" value={to} onChange={(e) => setTo(e.target.value as ReferralRoute | '')}>
                <option value="">Choose where</option>
                <LabelOptions labels={REFERRAL_ROUTES} />
              </select>
            </div>
          )}
          <div className="field">
            <DateInput
              id="breach-referral-on"
              legend="Referral made on"
              hint={
                detail.referral?.unconfirmedOn
                  ? `${formatUkDate(detail.referral.unconfirmedOn)} was recorded when the form filled in the day’s date by itself: enter the date only if it is known to be right. For example, 27 3 2026`
                  : undefined
              }
              value={dateUnknown ? '' : madeOn}
              disabled={dateUnknown}
              onChange={setMadeOn}
            />
            {!dateMissing && (
              <div className="field field--check">
                <input
                  id="breach-referral-on-unknown"
                  type="checkbox"
                  checked={dateUnknown}
                  onChange={(e) => setDateUnknown(e.target.checked)}
                />
                <label htmlFor="breach-referral-on-unknown">The date the referral was made is not known</label>
              </div>
            )}
          </div>
          <button type="submit" disabled={action.busy}>
            {dateMissing ? 'Record referral date' : 'Record referral'}
          </button>
        </form>
      )}
    </section>
  );
}
