import { useCallback, useState } from 'react';
import { href } from '../../app/route';
import { useChannel } from '../../lib/useChannel';
import { BreachesBox } from './BreachesBox';
import { CaseContents } from './CaseContents';
import { CaseHeader } from './CaseHeader';
import { CorrectionForm } from './CorrectionForm';
import { DraftsSection } from './DraftsSection';
import { CloseForm, WithdrawForm } from './EndForms';
import { EscalateForm } from './EscalateForm';
import { NotificationsSection } from './NotificationsSection';
import { OutcomeSection } from './OutcomeSection';
import { ResolveForm } from './ResolveForm';
import { StageRecordForm } from './StageRecordForm';
import { StagesSection } from './StagesSection';
import { TimelineSection } from './TimelineSection';
import { ChairDecisionSection } from '../panels/ChairDecisionSection';

/** One case on one screen: where it stands, what is owed, what happened, and what to do next. */
export function CasePage({ escalationId }: { escalationId: number }) {
  const escalation = useChannel('escalations:get', { escalationId });
  const settings = useChannel('settings:get', {});
  const agencies = useChannel('agencies:list', { includeRetired: true });
  const [notice, setNotice] = useState('');
  const reload = escalation.reload;
  const onSaved = useCallback(
    (message: string) => {
      setNotice(message);
      reload();
    },
    [reload],
  );

  if (escalation.error && !escalation.data) {
    return (
      <>
        <h1>Escalation not found</h1>
        <p role="alert">{escalation.error.message}</p>
        <a href={href('escalations')}>Back to the register</a>
      </>
    );
  }
  const d = escalation.data;
  if (!d || d.id !== escalationId) return <p role="status">Loading the escalation…</p>;
  const knownNames = (agencies.data ?? []).map((a) => a.name);
  const openStage = d.stages.find((s) => s.endedOn === null);
  const props = { detail: d, onSaved };
  const isOpen = d.status === 'open';
  // The case has reached the policy's last stage: the chair's decision belongs here.
  const atBoardStage = isOpen && d.nextStages.length === 0 && d.currentStage !== null;
  const sections = [
    { id: 'stages', label: 'Stages', show: true },
    { id: 'record-stage', label: 'Record discussion', show: isOpen && !!openStage },
    { id: 'escalate', label: 'Move up', show: isOpen && d.nextStages.length > 0 },
    { id: 'chair-decision', label: 'Chair’s decision', show: atBoardStage },
    { id: 'resolve', label: 'Resolve', show: isOpen },
    { id: 'withdraw', label: 'Withdraw', show: isOpen },
    { id: 'outcome', label: 'Outcome', show: !!(d.outcome || d.withdrawn || d.closed || d.actions.length > 0) },
    { id: 'close', label: 'Close', show: d.status === 'resolved' || d.status === 'withdrawn' },
    { id: 'drafts', label: 'Letters and e-mails', show: true },
    { id: 'timeline', label: 'Timeline', show: true },
    { id: 'correct', label: 'Correct a detail', show: d.status !== 'closed' },
  ].filter((s) => s.show);

  return (
    <>
      <p>
        <a href={href('escalations')}>← Escalation register</a>
      </p>
      <div role="status" className={notice ? 'toast' : 'visually-hidden'}>
        {notice && (
          <>
            <p>{notice}</p>
            <button type="button" className="button--small button--secondary" onClick={() => setNotice('')}>
              Dismiss
            </button>
          </>
        )}
      </div>
      <CaseHeader detail={d} />
      <CaseContents sections={sections} />
      <BreachesBox {...props} />
      <NotificationsSection {...props} />
      <StagesSection detail={d} />
      {isOpen && (
        <>
          {openStage && <StageRecordForm key={`stage-${openStage.id}`} {...props} knownNames={knownNames} />}
          <EscalateForm key={`escalate-${openStage?.id ?? 0}`} {...props} />
          {atBoardStage && <ChairDecisionSection {...props} />}
          <ResolveForm {...props} themes={settings.data?.themes ?? []} knownNames={knownNames} />
          <WithdrawForm {...props} />
        </>
      )}
      <OutcomeSection {...props} />
      {(d.status === 'resolved' || d.status === 'withdrawn') && <CloseForm {...props} />}
      <DraftsSection detail={d} />
      <TimelineSection detail={d} />
      {d.status !== 'closed' && <CorrectionForm key={`correct-${d.timeline.length}`} {...props} categories={settings.data?.categories ?? []} />}
    </>
  );
}
