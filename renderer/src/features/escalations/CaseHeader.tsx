import { formatUkDate } from '../../../../shared/domain/dates';
import { CHILD_STATUSES, ESCALATION_STATUSES, REFERRAL_ROUTES, type EscalationDetail } from '../../../../shared/domain/escalation';
import { DeadlineBadge } from '../../components/DeadlineBadge';

const routeName = (to: string) => (REFERRAL_ROUTES as Record<string, string>)[to] ?? to;

export function CaseHeader({ detail: d }: { detail: EscalationDetail }) {
  const stage = d.currentStage;
  return (
    <header className="case-header">
      <h1 id="case-heading">
        {d.reference}
        {d.childInitials && <span className="muted"> · {d.childInitials}</span>}
      </h1>
      <div className="case-header__status">
        <span className={`status status--${d.status}`}>{ESCALATION_STATUSES[d.status]}</span>
        {stage ? (
          <p className="case-header__stage">
            <span>
              Stage {stage.number}: <strong>{stage.name}</strong>
            </span>{' '}
            {d.status === 'open' && <DeadlineBadge state={stage.state} dueOn={stage.dueOn} workingDaysLeft={stage.workingDaysLeft} />}
          </p>
        ) : (
          <p className="case-header__stage muted">Highest stage reached: {d.highestStage}</p>
        )}
      </div>
      <dl className="facts">
        <div>
          <dt>Raised by</dt>
          <dd>{d.raisingAgency.name}</dd>
        </div>
        <div className="facts__wide">
          <dt>Raising worker</dt>
          <dd>
            {d.raisingWorkerRole}
            {d.raisingWorkerEmail && `, ${d.raisingWorkerEmail}`}
          </dd>
        </div>
        <div>
          <dt>Challenged</dt>
          <dd>{d.challengedAgencies.map((a) => a.name).join(', ')}</dd>
        </div>
        <div>
          <dt>Opened</dt>
          <dd>{formatUkDate(d.openedOn)}</dd>
        </div>
        <div>
          <dt>Category</dt>
          <dd>{d.category.name}</dd>
        </div>
        <div>
          <dt>Child’s status</dt>
          <dd>{CHILD_STATUSES[d.childStatus]}</dd>
        </div>
        <div>
          <dt>Immediate risk</dt>
          <dd>
            {d.immediateRisk ? 'Yes' : 'No'}
            {d.referral &&
              ` · referred to ${routeName(d.referral.to)} ${d.referral.madeOn ? `on ${formatUkDate(d.referral.madeOn)}` : '(date not known)'}`}
          </dd>
        </div>
        <div>
          <dt>Policy</dt>
          <dd>
            {d.profile.name} (version {d.profile.version}){d.origin === 'agency_return' && ' · from an agency’s quarterly return'}
          </dd>
        </div>
      </dl>
      <h2 className="h3">What the disagreement is about</h2>
      <p className="summary">{d.summary}</p>
    </header>
  );
}
