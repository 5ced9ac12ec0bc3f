import { todayIso } from '../../../../shared/domain/dates';
import type { ChildStatus, EscalationCreateInput, Matter, ReferralRoute } from '../../../../shared/domain/escalation';

export interface NewEscalationDraft {
  matter: Matter;
  reference: string;
  childInitials: string;
  raisingAgencyId: number | null;
  raisingWorkerRole: string;
  raisingWorkerEmail: string;
  challengedAgencyIds: number[];
  categoryId: number | null;
  childStatus: ChildStatus | null;
  summary: string;
  openedOn: string;
  immediateRisk: boolean;
  referralTo: ReferralRoute | '';
  /** No default: the coordinator enters the date, or says it is not known (DOMAIN rule 1). */
  referralOn: string;
  referralDateUnknown: boolean;
  startStage: number | null;
  confirmedNoChildName: boolean;
}

export const emptyDraft = (): NewEscalationDraft => ({
  matter: 'multi_agency_disagreement',
  reference: '',
  childInitials: '',
  raisingAgencyId: null,
  raisingWorkerRole: '',
  raisingWorkerEmail: '',
  challengedAgencyIds: [],
  categoryId: null,
  childStatus: null,
  summary: '',
  openedOn: todayIso(),
  immediateRisk: false,
  referralTo: '',
  referralOn: '',
  referralDateUnknown: false,
  startStage: null,
  confirmedNoChildName: false,
});

/**
 * What the server is sent. Choices not yet made are left out, so the server's refusal names them
 * ("Choose the agency that raised the concern") rather than the screen guessing.
 */
export function toCreateInput(d: NewEscalationDraft): EscalationCreateInput {
  const input: Record<string, unknown> = {
    matter: d.matter,
    reference: d.reference,
    childInitials: d.childInitials,
    raisingWorkerRole: d.raisingWorkerRole,
    raisingWorkerEmail: d.raisingWorkerEmail,
    challengedAgencyIds: d.challengedAgencyIds,
    summary: d.summary,
    openedOn: d.openedOn,
    immediateRisk: d.immediateRisk,
    startStage: d.immediateRisk ? d.startStage : null,
    // A date left empty is left out, so the server's refusal asks for it (or for "not known").
    referral:
      d.immediateRisk && d.referralTo !== ''
        ? { to: d.referralTo, ...(d.referralDateUnknown ? { madeOn: null } : d.referralOn === '' ? {} : { madeOn: d.referralOn }) }
        : null,
    confirmedNoChildName: d.confirmedNoChildName,
  };
  if (d.raisingAgencyId !== null) input.raisingAgencyId = d.raisingAgencyId;
  if (d.categoryId !== null) input.categoryId = d.categoryId;
  if (d.childStatus !== null) input.childStatus = d.childStatus;
  return input as unknown as EscalationCreateInput;
}
