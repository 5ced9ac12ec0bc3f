import { useEffect } from 'react';
import { formatUkDate } from '../../../../shared/domain/dates';
import { href } from '../../lib/route';
import { NotLoaded } from '../../components/NotLoaded';
import { Toast } from '../../components/Toast';
import { useChannel } from '../../lib/useChannel';
import { useNotice } from '../../lib/useNotice';
import { CancelPanelForm } from './CancelPanelForm';
import { clearFlash, readFlash } from './flash';
import { PanelDecisionForm } from './PanelDecisionForm';
import { PanelRecord } from './PanelRecord';
import { PanelPlanner } from './PanelPlanner';
import { PANEL_STATUSES } from '../../../../shared/domain/panel';
import { RepresentationsSection } from './RepresentationsSection';
import { useCan } from '../accounts/sessionContext';
import { usePageTitle } from '../../lib/pageTitle';

/** #/panels/<id>: a planned panel is edited, heard and decided here; a held or cancelled one is shown as it stands. */
export function PanelPage({ panelId }: { panelId: number }) {
  const panel = useChannel('panels:get', { panelId });
  usePageTitle(
    panel.data ? `Panel for ${panel.data.reference}, ${formatUkDate(panel.data.sitsOn)}` : panel.error ? 'Panel not found' : 'Panel',
  );
  const { notice, onSaved, dismiss } = useNotice(panel.reload, readFlash);
  useEffect(() => clearFlash(), []);
  // Planning, hearing and deciding a panel are the chair's (each its own channel, one role today).
  const plans = useCan('panels:save');
  const hears = useCan('panels:addRepresentation');
  const decides = useCan('panels:recordDecision');
  const cancels = useCan('panels:cancel');

  const p = panel.data;
  if (!p || p.id !== panelId) return <NotLoaded noun="panel" error={panel.error} backHref={href('panels')} backLabel="Back to panels" />;
  return (
    <>
      <p>
        <a href={href('panels')}>← All panels</a> · <a href={href('escalations', p.escalationId)}>Case {p.reference}</a>
      </p>
      <div className="title-row">
        <h1>
          Panel for {p.reference}, {formatUkDate(p.sitsOn)}
        </h1>
        <a className="button-link button-link--secondary" href={href('panels', p.id, 'pack')}>
          Panel pack
        </a>
      </div>
      <p className="lede">
        <span className={`status panel-status--${p.status}`}>{PANEL_STATUSES[p.status]}</span> Chair: {p.chairName}
      </p>
      <Toast message={notice} onDismiss={dismiss} />
      {p.status === 'planned' && (plans || hears || decides || cancels) ? (
        <>
          {plans && (
            <PanelPlanner
              key={p.id}
              escalationId={p.escalationId}
              panel={p}
              initialSitsOn={p.sitsOn}
              caseVersion={p.caseVersion}
              onSaved={(_saved, message) => onSaved(message)}
            />
          )}
          {hears && <RepresentationsSection panel={p} onSaved={onSaved} />}
          {decides && <PanelDecisionForm panel={p} onSaved={onSaved} />}
          {cancels && <CancelPanelForm panel={p} onSaved={onSaved} />}
        </>
      ) : (
        <PanelRecord panel={p} />
      )}
    </>
  );
}
