import { ESCALATION_STATUSES } from '../../../../shared/domain/escalation';
import { href } from '../../lib/route';
import { NotLoaded } from '../../components/NotLoaded';
import { useChannel } from '../../lib/useChannel';
import { useNotice } from '../../lib/useNotice';
import { ChairDecisionSection } from './ChairDecisionSection';
import { usePageTitle } from '../../lib/pageTitle';

/** The chair's decision on its own page (#/panels/decide/<id>) until the case page mounts the section. */
export function ChairDecisionPage({ escalationId }: { escalationId: number }) {
  const escalation = useChannel('escalations:get', { escalationId });
  usePageTitle(
    escalation.data ? `Chair’s decision: ${escalation.data.reference}` : escalation.error ? 'Escalation not found' : 'Chair’s decision',
  );
  const { notice, onSaved } = useNotice(escalation.reload);
  const d = escalation.data;
  if (!d) return <NotLoaded noun="escalation" error={escalation.error} backHref={href('panels')} backLabel="Back to panels" />;
  const atLastStage = d.status === 'open' && d.currentStage !== null && d.nextStages.length === 0;
  return (
    <>
      <p>
        <a href={href('escalations', d.id)}>← Case {d.reference}</a>
      </p>
      <h1>Chair’s decision: {d.reference}</h1>
      <p className="lede">
        {ESCALATION_STATUSES[d.status]}
        {d.currentStage && ` · stage ${d.currentStage.number}: ${d.currentStage.name}`} · raised by {d.raisingAgency.name}, challenging{' '}
        {d.challengedAgencies.map((a) => a.name).join(', ')} · {d.profile.name}
      </p>
      <p role="status" className="feedback feedback--done">
        {notice}
      </p>
      {!atLastStage && (
        <p className="warning">
          {d.status !== 'open'
            ? `This case is ${ESCALATION_STATUSES[d.status].toLowerCase()}: there is nothing for the chair to decide.`
            : `The chair decides once the case reaches the last stage of ${d.profile.name}. It is at stage ${d.currentStage?.number ?? '?'}.`}
        </p>
      )}
      <ChairDecisionSection detail={d} onSaved={onSaved} />
    </>
  );
}
