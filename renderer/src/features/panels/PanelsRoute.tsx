import { ChairDecisionPage } from './ChairDecisionPage';
import { NewPanelPage } from './NewPanelPage';
import { PanelPackPage } from './PanelPackPage';
import { PanelPage } from './PanelPage';
import { PanelsListPage } from './PanelsListPage';

const isId = (s: string | undefined): s is string => !!s && /^\d+$/.test(s);

/** Everything under #/panels: the list, the chair's decision, the planner and the pack. */
export function PanelsRoute({ parts }: { parts: string[] }) {
  const [first, second] = parts;
  if (first === 'decide' && isId(second)) return <ChairDecisionPage key={second} escalationId={Number(second)} />;
  if (first === 'new' && isId(second)) return <NewPanelPage key={second} escalationId={Number(second)} />;
  if (isId(first) && second === 'pack') return <PanelPackPage key={first} panelId={Number(first)} />;
  if (isId(first)) return <PanelPage key={first} panelId={Number(first)} />;
  return <PanelsListPage />;
}
