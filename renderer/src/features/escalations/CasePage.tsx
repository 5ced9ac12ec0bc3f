import { useState } from 'react';
import { href } from '../../lib/route';
import { NotLoaded } from '../../components/NotLoaded';
import { Toast } from '../../components/Toast';
import { useChannel } from '../../lib/useChannel';
import { useNotice } from '../../lib/useNotice';
import { BreachesBox } from './BreachesBox';
import { CaseContents } from './CaseContents';
import { useCan } from '../accounts/sessionContext';
import { CaseHeader } from './CaseHeader';
import { CorrectionForm } from './CorrectionForm';
import { DraftsSection } from './DraftsSection';
import { WithdrawForm } from './EndForms';
import { SignOffSection, useOffersSignOff } from './SignOffSection';
import { EscalateForm } from './EscalateForm';
import { NotificationsSection } from './NotificationsSection';
import { OutcomeSection } from './OutcomeSection';
import { RedactForm } from './RedactForm';
import { ResolveForm } from './ResolveForm';
import { StageRecordForm } from './StageRecordForm';
import { StagesSection } from './StagesSection';
import { TimelineSection } from './TimelineSection';
import { ChairDecisionSection } from '../panels/ChairDecisionSection';
import { usePageTitle } from '../../lib/pageTitle';

/** One case on one screen: where it stands, what is owed, what happened, and what to do next. */
export function CasePage({ escalationId }: { escalationId: number }) {
  const escalation = useChannel('escalations:get', { escalationId });
  usePageTitle(escalation.data ? `Case ${escalation.data.reference}` : escalation.error ? 'Escalation not found' : 'Case');
  const settings = useChannel('settings:get', {});
  const agencies = useChannel('agencies:list', { includeRetired: true });
  const { notice, onSaved, dismiss } = useNotice(escalation.reload);
  // The correction form starts again from the case once a correction made here has been read back,
  // and only then: a change by someone else re-reads the case without wiping what is being typed.
  const [correction, setCorrection] = useState({ readingBack: false, form: 0 });
  if (correction.readingBack && !escalation.loading) setCorrection({ readingBack: false, form: correction.form + 1 });
  // Forms are offered only to a role that may use them; everyone reads the whole case.
  // Each from its own channel, so the screen and the server always agree.
  const recordsStage = useCan('escalations:recordStage');
  const movesUp = useCan('escalations:escalate');
  const resolves = useCan('escalations:resolve');
  const withdraws = useCan('escalations:withdraw');
  const corrects = useCan('escalations:correct');
  const decides = useCan('chair:decide');
  const redacts = useCan('escalations:redact');

  const d = escalation.data;
  const signsOff = useOffersSignOff(d);
  if (!d || d.id !== escalationId)
    return <NotLoaded noun="escalation" error={escalation.error} backHref={href('escalations')} backLabel="Back to the register" />;
  const knownNames = (agencies.data ?? []).map((a) => a.name);
  const openStage = d.stages.find((s) => s.endedOn === null);
  const props = { detail: d, onSaved };
  const isOpen = d.status === 'open';
  // The case has reached the policy's last stage: the chair's decision belongs here.
  const atBoardStage = isOpen && d.nextStages.length === 0 && d.currentStage !== null;
  const sections = [
    { id: 'stages', label: 'Stages', show: true },
    { id: 'record-stage', label: 'Record discussion', show: recordsStage && isOpen && !!openStage },
    { id: 'escalate', label: 'Move up', show: movesUp && isOpen && d.nextStages.length > 0 },
    { id: 'chair-decision', label: 'Chair’s decision', show: atBoardStage && decides },
    { id: 'resolve', label: 'Resolve', show: resolves && isOpen },
    { id: 'withdraw', label: 'Withdraw', show: withdraws && isOpen },
    { id: 'outcome', label: 'Outcome', show: !!(d.outcome || d.withdrawn || d.closed || d.actions.length > 0) },
    { id: 'close', label: 'Chair’s sign-off', show: signsOff },
    { id: 'drafts', label: 'Letters and e-mails', show: true },
    { id: 'timeline', label: 'Timeline', show: true },
    { id: 'correct', label: 'Correct a detail', show: corrects && d.status !== 'closed' },
    { id: 'redact', label: 'Remove an identifier', show: redacts },
  ].filter((s) => s.show);

  return (
    <>
      <p>
        <a href={href('escalations')}>← Escalation register</a>
      </p>
      <Toast message={notice} onDismiss={dismiss} />
      <CaseHeader detail={d} />
      <CaseContents sections={sections} />
      <BreachesBox {...props} />
      <NotificationsSection {...props} />
      <StagesSection detail={d} />
      {isOpen && (
        <>
          {recordsStage && openStage && (
            <StageRecordForm
              key={`stage-${openStage.id}`}
              {...props}
              knownNames={knownNames}
              agencies={(agencies.data ?? []).filter((a) => a.retiredOn === null)}
            />
          )}
          {movesUp && <EscalateForm key={`escalate-${openStage?.id ?? 0}`} {...props} />}
        </>
      )}
      {atBoardStage && decides && <ChairDecisionSection {...props} />}
      {isOpen && resolves && <ResolveForm {...props} themes={settings.data?.themes ?? []} knownNames={knownNames} />}
      {isOpen && withdraws && <WithdrawForm {...props} />}
      <OutcomeSection {...props} />
      <SignOffSection {...props} />
      <DraftsSection detail={d} />
      <TimelineSection detail={d} />
      {corrects && d.status !== 'closed' && (
        <CorrectionForm
          key={`correct-${correction.form}`}
          {...props}
          onSaved={(message) => {
            setCorrection((c) => ({ ...c, readingBack: true }));
            onSaved(message);
          }}
          categories={settings.data?.categories ?? []}
        />
      )}
      {redacts && <RedactForm {...props} knownNames={knownNames} />}
    </>
  );
}
