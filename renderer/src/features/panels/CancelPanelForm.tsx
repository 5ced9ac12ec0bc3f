import { useState, type FormEvent } from 'react';
import type { PanelDetail } from '../../../../shared/domain/panel';
import { ChildNameCheck } from '../../components/ChildNameCheck';
import { ErrorSummary } from '../../components/ErrorSummary';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import { useKnownNames } from '../../lib/useKnownNames';

/** Stands a planned panel down, with the reason kept on the case's record. */
export function CancelPanelForm({ panel, onSaved }: { panel: PanelDetail; onSaved: (message: string) => void }) {
  const action = useVersionedAction(panel.version);
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const knownNames = useKnownNames();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      (basedOnVersion) => call('panels:cancel', { basedOnVersion, panelId: panel.id, reason, confirmedNoChildName: confirmed }),
      () => {
        onSaved('The panel is cancelled. The case stays open for the chair to decide again.');
        return '';
      },
    );
  };
  return (
    <section aria-labelledby="panel-cancel">
      <h2 id="panel-cancel">Cancel this panel</h2>
      <form noValidate className="stack" onSubmit={submit} onChange={action.start} aria-label="Cancel the panel">
        <ErrorSummary state={action} />
        <div className="field field--wide">
          <label htmlFor="panel-cancel-reason">Why the panel is cancelled</label>
          <textarea id="panel-cancel-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <ChildNameCheck text={reason} knownNames={knownNames} confirmed={confirmed} onConfirmedChange={setConfirmed} />
        <div>
          <button type="submit" className="button--warning" disabled={action.busy}>
            Cancel panel
          </button>
        </div>
      </form>
    </section>
  );
}
