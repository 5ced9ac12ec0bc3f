import { OnlyFor } from '../accounts/ReadOnlyNote';
import { NewPanelPage } from './NewPanelPage';
import { PanelPackPage } from './PanelPackPage';
import { PanelPage } from './PanelPage';
import { PanelsListPage } from './PanelsListPage';

const isId = (s: string | undefined): s is string => !!s && /^\d+$/.test(s);

/** Everything under #/panels: the list, the planner and the pack (the chair's decision is an action on the case). */
export function PanelsRoute({ parts }: { parts: string[] }) {
  const [first, second] = parts;
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
