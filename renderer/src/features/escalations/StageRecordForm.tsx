import { useState, type FormEvent } from 'react';
import { ChildNameCheck } from '../../components/ChildNameCheck';
import { ErrorSummary } from '../../components/ErrorSummary';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import type { CaseFormProps } from './caseTypes';
import { StagePeopleRows, type PersonDraft } from './StagePeopleRows';

/** The written record of the open stage: what was discussed, what was decided, who took part. */
let nextKey = 1;
const blankPerson = (): PersonDraft => ({ key: nextKey++, name: '', agencyId: null, role: '', officerId: null });

export function StageRecordForm({
  detail,
  onSaved,
  knownNames,
  agencies,
}: CaseFormProps & { knownNames: readonly string[]; agencies: readonly { id: number; name: string }[] }) {
  // The stage this form was opened on: kept if the case moves on under it (someone else withdraws
  // it or moves it up), so a half-typed record stays on screen while the save is refused in words.
  const [open] = useState(() => detail.stages.find((s) => s.endedOn === null));
  const action = useVersionedAction(detail.version);
  const [discussion, setDiscussion] = useState(open?.discussion ?? '');
  const [decision, setDecision] = useState(open?.decision ?? '');
  const [participants, setParticipants] = useState(open?.participants ?? '');
  const [people, setPeople] = useState<PersonDraft[]>(() =>
    (open?.people ?? []).map((p) => ({ key: nextKey++, name: p.name, agencyId: p.agencyId, role: p.role, officerId: p.officerId })),
  );
  const [confirmed, setConfirmed] = useState(false);
  if (!open) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      (basedOnVersion) =>
        call('escalations:recordStage', {
          basedOnVersion,
          escalationId: detail.id,
          discussion,
          decision,
          participants,
          people: people.map(({ name, agencyId, role, officerId }) => ({ name, agencyId, role, officerId })),
          confirmedNoChildName: confirmed,
        }),
      () => {
        onSaved(`Saved the record of stage ${open.number}.`);
        return '';
      },
    );
  };
  return (
    <>
      <p className="hint">
        Stage {open.number}: {open.name}. The record is shared with the people involved, including the worker who raised the concern.
      </p>
      <form noValidate className="stack" onSubmit={submit} onChange={action.start} aria-label="Record this stage’s discussion">
        <ErrorSummary state={action} />
        <div className="field field--wide">
          <label htmlFor="stage-discussion">Discussion</label>
          <textarea id="stage-discussion" rows={4} value={discussion} onChange={(e) => setDiscussion(e.target.value)} />
        </div>
        <div className="field field--wide">
          <label htmlFor="stage-decision">Decision</label>
          <textarea id="stage-decision" rows={3} value={decision} onChange={(e) => setDecision(e.target.value)} />
        </div>
        <StagePeopleRows rows={people} onChange={setPeople} newRow={blankPerson} agencies={agencies} />
        <div className="field field--wide">
          <label htmlFor="stage-participants">Notes on who took part</label>
          <span id="stage-participants-hint" className="hint">
            Anything more about who took part or what they said. Name each person above, not here: only the people above are kept from the
            panel for certain.
          </span>
          <input
            id="stage-participants"
            aria-describedby="stage-participants-hint"
            value={participants}
            onChange={(e) => setParticipants(e.target.value)}
          />
        </div>
        <ChildNameCheck
          text={[discussion, decision].join('\n')}
          knownNames={knownNames}
          confirmed={confirmed}
          onConfirmedChange={setConfirmed}
        />
        <div>
          <button type="submit" disabled={action.busy}>
            Save stage record
          </button>
        </div>
      </form>
    </>
  );
}
