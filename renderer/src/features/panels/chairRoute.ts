import { CHAIR_ROUTES, type ChairRoute } from '../../../../shared/domain/panel';
import type { EscalationDetail } from '../../../../shared/domain/escalation';

const PREFIX = 'Chair’s decision: ';

/** The chair's decisions as the case's timeline records them, newest last. */
export function chairDecisions(detail: EscalationDetail): { route: ChairRoute | null; label: string; detail: string; at: string }[] {
  return detail.timeline
    .filter((t) => t.title.startsWith(PREFIX))
    .map((t) => {
      const label = t.title.slice(PREFIX.length);
      const route = (Object.keys(CHAIR_ROUTES) as ChairRoute[]).find((k) => CHAIR_ROUTES[k] === label) ?? null;
      return { route, label, detail: t.detail, at: t.at };
    });
}

export const isPanelRoute = (route: ChairRoute | null | undefined) => route === 'resolution_panel' || route === 'uninvolved_chair_meeting';

/** The routes this case's policy offers the chair: a panel only where the policy provides for one. */
export function routesFor(panelRuleKind: string): ChairRoute[] {
  return (Object.keys(CHAIR_ROUTES) as ChairRoute[]).filter(
    (r) =>
      (r !== 'resolution_panel' || panelRuleKind === 'three_agency_panel') &&
      (r !== 'uninvolved_chair_meeting' || panelRuleKind === 'uninvolved_chair_meeting'),
  );
}
