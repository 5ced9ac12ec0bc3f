import { useCallback, useEffect, useState } from 'react';
import { formatUkDate } from '../../../../shared/domain/dates';
import { href } from '../../app/route';
import { useChannel } from '../../lib/useChannel';
import { CancelPanelForm } from './CancelPanelForm';
import { clearFlash, readFlash } from './flash';
import { PanelDecisionForm } from './PanelDecisionForm';
import { PanelRecord } from './PanelRecord';
import { PanelPlanner } from './PanelPlanner';
import { PANEL_STATUS } from './panelDraft';
import { RepresentationsSection } from './RepresentationsSection';

/** #/panels/<id>: a planned panel is edited, heard and decided here; a held or cancelled one is shown as it stands. */
export function PanelPage({ panelId }: { panelId: number }) {
  const panel = useChannel('panels:get', { panelId });
  const [notice, setNotice] = useState(readFlash);
  useEffect(() => clearFlash(), []);
  const reload = panel.reload;
  const onSaved = useCallback(
    (message: string) => {
      setNotice(message);
      reload();
    },
    [reload],
  );

  if (panel.error && !panel.data) {
    return (
      <>
        <h1>Panel not found</h1>
        <p role="alert">{panel.error.message}</p>
        <a href={href('panels')}>Back to panels</a>
      </>
    );
  }
  const p = panel.data;
  if (!p || p.id !== panelId) return <p role="status">Loading the panel…</p>;
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
        <span className={`status panel-status--${p.status}`}>{PANEL_STATUS[p.status]}</span> Chair: {p.chairName}
      </p>
      <div role="status" className={notice ? 'toast' : 'visually-hidden'}>
        {notice && (
          <>
            <p>{notice}</p>
            <button type="button" className="button--small button--secondary" onClick={() => setNotice('')}>
              Dismiss
            </button>
          </>
        )}
      </div>
      {p.status === 'planned' ? (
        <>
          <PanelPlanner key={p.id} escalationId={p.escalationId} panel={p} initialSitsOn={p.sitsOn} onSaved={(_saved, message) => onSaved(message)} />
          <RepresentationsSection panel={p} onSaved={onSaved} />
          <PanelDecisionForm panel={p} onSaved={onSaved} />
          <CancelPanelForm panel={p} onSaved={onSaved} />
        </>
      ) : (
        <PanelRecord panel={p} />
      )}
    </>
  );
}
