// The ordered list of schema steps. Append only: a shipped step is never edited, a change is a new step.
import type { Migration } from './migration';
import { initial } from './0010-initial';
import { escalations } from './0020-escalations';
import { panels } from './0030-panels';
import { agencyReturns } from './0040-agency-returns';
import { registerSort } from './0050-register-sort';
import { dashboardAtScale } from './0060-dashboard-at-scale';
import { accounts } from './0070-accounts';
import { retention } from './0080-retention';
import { registerAndDashboardAtScale } from './0090-register-and-dashboard-at-scale';
import { stageParticipants } from './0100-stage-participants';
import { boardIdentity } from './0110-board-identity';
import { auditContentDigest } from './0120-audit-content-digest';
import { recordVersions } from './0130-record-versions';
import { accessRecord } from './0140-access-record';
import { chairSignOff } from './0150-chair-sign-off';
import { referralDates } from './0160-referral-dates';
import { auditChainKeyed } from './0170-audit-chain-keyed';
import { deadlinesFromIndexes } from './0180-deadlines-from-indexes';
import { legacyRegister } from './0190-legacy-register';
import { stageCountedFrom } from './0200-stage-counted-from';

export type { Migration } from './migration';

export const migrations: readonly Migration[] = [
  initial,
  escalations,
  panels,
  agencyReturns,
  registerSort,
  dashboardAtScale,
  accounts,
  retention,
  registerAndDashboardAtScale,
  stageParticipants,
  boardIdentity,
  auditContentDigest,
  recordVersions,
  accessRecord,
  chairSignOff,
  referralDates,
  auditChainKeyed,
  deadlinesFromIndexes,
  legacyRegister,
  stageCountedFrom,
];

export const LATEST_VERSION = migrations.reduce((max, m) => Math.max(max, m.version), 0);
