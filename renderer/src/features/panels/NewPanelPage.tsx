import { href } from '../../lib/route';
import { NotLoaded } from '../../components/NotLoaded';
import { useChannel } from '../../lib/useChannel';
import { chairDecisions, isPanelRoute } from './chairRoute';
import { setFlash } from './flash';
import { PanelPlanner } from './PanelPlanner';
import { usePageTitle } from '../../lib/pageTitle';

/** #/panels/new/<escalationId>: the planner for a panel not yet saved. */
export function NewPanelPage({ escalationId }: { escalationId: number }) {
  const escalation = useChannel('escalations:get', { escalationId });
  const d = escalation.data;
  usePageTitle(
    d
      ? `Plan a ${d.profile.panelRuleKind === 'uninvolved_chair_meeting' ? 'meeting' : 'resolution panel'}: ${d.reference}`
      : escalation.error
        ? 'Escalation not found'
        : 'Plan a panel',
  );
  if (!d) return <NotLoaded noun="escalation" error={escalation.error} backHref={href('panels')} backLabel="Back to panels" />;
  const noun = d.profile.panelRuleKind === 'uninvolved_chair_meeting' ? 'meeting' : 'resolution panel';
  const decided = isPanelRoute(chairDecisions(d).at(-1)?.route);
  return (
    <>
      <p>
        <a href={href('panels')}>← All panels</a> · <a href={href('escalations', d.id)}>Case {d.reference}</a>
      </p>
      <h1>
        Plan a {noun}: {d.reference}
      </h1>
      {d.status !== 'open' && <p className="warning">This case is no longer open, so a panel cannot be saved for it.</p>}
      {d.status === 'open' && !decided && (
        <p className="warning">
          The chair has not yet decided to convene a {noun} for this case. You can try compositions here, but{' '}
          <a href={href('escalations', d.id, 'decide')}>record the chair’s decision</a> before saving.
        </p>
      )}
      <PanelPlanner
        escalationId={d.id}
        panel={null}
        initialSitsOn=""
        caseVersion={d.version}
        onSaved={(p, message) => {
          setFlash(message);
          window.location.hash = href('panels', p.id);
        }}
      />
    </>
  );
}
