import type { OutcomeEffect } from '../../../../shared/domain/escalation';
import type { ActionDraft } from './ActionRows';

/**
 * The outcome as the screen holds it before saving. A case resolved on its page and a case a panel
 * decides record the same outcome, so both forms hold it in this one shape.
 */
export interface OutcomeDraft {
  statement: string;
  effect: OutcomeEffect | '';
  /** The keys of the parties ticked as agreeing. */
  agreed: string[];
  actions: ActionDraft[];
  themeIds: number[];
  policyGap: boolean;
  policyGapNote: string;
  confirmedNoChildName: boolean;
}

/** An agency that may agree the outcome: the key is what a tick holds, the name is what is shown and saved. */
export interface OutcomeParty {
  key: string;
  name: string;
}

export const emptyOutcome = (): OutcomeDraft => ({
  statement: '',
  effect: '',
  agreed: [],
  actions: [],
  themeIds: [],
  policyGap: false,
  policyGapNote: '',
  confirmedNoChildName: false,
});

/**
 * The outcome's part of what the server is sent (escalations:resolve and panels:recordDecision take
 * the same fields). No effect chosen is sent as it is, so the server's refusal names it.
 */
export function toOutcomeInput(d: OutcomeDraft, parties: readonly OutcomeParty[]) {
  return {
    statement: d.statement,
    effect: d.effect as OutcomeEffect,
    agreedBy: parties
      .filter((p) => d.agreed.includes(p.key))
      .map((p) => p.name)
      .join(', '),
    actions: d.actions.map(({ description, owner, dueOn }) => ({ description, owner, dueOn })),
    themeIds: d.themeIds,
    policyGap: d.policyGap,
    // A note typed and then un-ticked is not a policy gap.
    policyGapNote: d.policyGap ? d.policyGapNote : '',
    confirmedNoChildName: d.confirmedNoChildName,
  };
}
