import { useEffect, useRef } from 'react';
import { href } from '../../lib/route';
import { NotLoaded } from '../../components/NotLoaded';
import { Toast } from '../../components/Toast';
import { useChannel } from '../../lib/useChannel';
import { useNotice } from '../../lib/useNotice';
import { usePageTitle } from '../../lib/pageTitle';
import type { EscalationDetail } from '../../../../shared/domain/escalation';
import { ChairDecided, ChairDecisionForm } from '../panels/ChairDecision';
import { chairDecisions } from '../panels/chairRoute';
import { BreachesBox, showsBreaches } from './BreachesBox';
import { CaseActionPage } from './CaseActionPage';
import { CASE_ACTIONS, isCaseActionKey, type CaseActionKey } from './caseActions';
import { CaseContents, jumpTo } from './CaseContents';
import { CaseHeader } from './CaseHeader';
import { CorrectionForm } from './CorrectionForm';
import { DraftsSection } from './DraftsSection';
import { WithdrawForm } from './EndForms';
import { EscalateForm } from './EscalateForm';
import { NextSteps } from './NextSteps';
import { NotificationsSection } from './NotificationsSection';
import { OutcomeSection, showsOutcome } from './OutcomeSection';
import { RedactForm } from './RedactForm';
import { ResolveForm } from './ResolveForm';
import { SignOffSection, useOffersSignOff } from './SignOffSection';
import { StageRecordForm } from './StageRecordForm';
import { StagesSection } from './StagesSection';
import { TimelineSection } from './TimelineSection';
import { TrackDeadlineForm } from './TrackDeadlineForm';

/**
 * #/escalations/<id>: where the case stands and what comes next, then everything recorded on it.
 * #/escalations/<id>/<action>: one action on its own page; saving it comes back here with a confirmation.
 */
export function CasePage({ escalationId, action }: { escalationId: number; action?: string }) {
  const escalation = useChannel('escalations:get', { escalationId });
  const d = escalation.data;
  const chosen = isCaseActionKey(action) ? action : null;
  // One title per screen: the action's own while it is open (set here, where the case's would be, so the two never race).
  usePageTitle(
    d
      ? chosen
        ? `${CASE_ACTIONS[chosen].title}: ${d.reference}`
        : `Case ${d.reference}`
      : escalation.error
        ? 'Escalation not found'
        : 'Case',
  );
  // The page stays mounted between the case and its actions, so the confirmation survives the way back.
  const { notice, onSaved, dismiss } = useNotice(escalation.reload);
  const signsOff = useOffersSignOff(d);
  const cameFromAction = useRef(false);
  useEffect(() => {
    if (chosen) {
      cameFromAction.current = true;
      return;
    }
    // Back from an action: start at the top of the case, its heading focused, the confirmation announced.
    if (cameFromAction.current) {
      window.scrollTo(0, 0);
      jumpTo('case-heading');
    }
  }, [chosen]);

  if (!d || d.id !== escalationId)
    return <NotLoaded noun="escalation" error={escalation.error} backHref={href('escalations')} backLabel="Back to the register" />;
  if (chosen) {
    const done = (message: string) => {
      onSaved(message);
      window.location.hash = href('escalations', d.id);
    };
    return (
      <CaseActionPage detail={d} action={chosen}>
        <ActionForm action={chosen} detail={d} onSaved={done} />
      </CaseActionPage>
    );
  }

  const sections = [
    { id: 'breaches', label: 'Breaches', show: showsBreaches(d) },
    { id: 'notifications', label: 'Notifications', show: d.notifications.length > 0 },
    { id: 'chair-decision', label: 'Chair’s decision', show: d.status === 'open' && chairDecisions(d).length > 0 },
    { id: 'stages', label: 'Stages', show: true },
    { id: 'outcome', label: 'Outcome', show: showsOutcome(d) },
    { id: 'close', label: 'Chair’s sign-off', show: signsOff },
    { id: 'drafts', label: 'Letters and e-mails', show: true },
    { id: 'timeline', label: 'Timeline', show: true },
  ].filter((s) => s.show);
  const props = { detail: d, onSaved };
  return (
    <>
      <p>
        <a href={href('escalations')}>← Escalation register</a>
      </p>
      <Toast message={notice} onDismiss={dismiss} />
      <CaseHeader detail={d} />
      <NextSteps detail={d} />
      <CaseContents sections={sections} />
      <BreachesBox {...props} />
      <NotificationsSection {...props} />
      <ChairDecided detail={d} />
      <StagesSection detail={d} />
      <OutcomeSection {...props} />
      <SignOffSection {...props} />
      <DraftsSection detail={d} />
      <TimelineSection detail={d} />
    </>
  );
}

/** The form for one action; each reads what it needs for its choices (agencies, themes, categories). */
function ActionForm({ action, detail, onSaved }: { action: CaseActionKey; detail: EscalationDetail; onSaved: (m: string) => void }) {
  const settings = useChannel('settings:get', {});
  const agencies = useChannel('agencies:list', { includeRetired: true });
  const knownNames = (agencies.data ?? []).map((a) => a.name);
  const props = { detail, onSaved };
  switch (action) {
    case 'track-deadline':
      return <TrackDeadlineForm {...props} />;
    case 'record-stage':
      return <StageRecordForm {...props} knownNames={knownNames} agencies={(agencies.data ?? []).filter((a) => a.retiredOn === null)} />;
    case 'escalate':
      return <EscalateForm {...props} />;
    case 'decide':
      return <ChairDecisionForm {...props} />;
    case 'resolve':
      return <ResolveForm {...props} themes={settings.data?.themes ?? []} knownNames={knownNames} />;
    case 'withdraw':
      return <WithdrawForm {...props} />;
    case 'correct':
      return <CorrectionForm {...props} categories={settings.data?.categories ?? []} />;
    case 'redact':
      return <RedactForm {...props} knownNames={knownNames} />;
  }
}
