import { OnlyFor } from '../accounts/ReadOnlyNote';
import { ChairDecisionPage } from './ChairDecisionPage';
import { NewPanelPage } from './NewPanelPage';
import { PanelPackPage } from './PanelPackPage';
import { PanelPage } from './PanelPage';
import { PanelsListPage } from './PanelsListPage';

const isId = (s: string | undefined): s is string => !!s && /^\d+$/.test(s);

/** Everything under #/panels: the list, the chair's decision, the planner and the pack. */
export function PanelsRoute({ parts }: { parts: string[] }) {
  const [first, second] = parts;
  if (first === 'decide' && isId(second))
    return (
      <OnlyFor channel="chair:decide" title="Chair’s decision" what="Recording the chair’s decision">
        <ChairDecisionPage key={second} escalationId={Number(second)} />
      </OnlyFor>
    );
  if (first === 'new' && isId(second))
    return (
      <OnlyFor channel="panels:save" title="Plan a panel" what="Planning a panel">
        <NewPanelPage key={second} escalationId={Number(second)} />
      </OnlyFor>
    );
  if (isId(first) && second === 'pack') return <PanelPackPage key={first} panelId={Number(first)} />;
  if (isId(first)) return <PanelPage key={first} panelId={Number(first)} />;
  return <PanelsListPage />;
}
