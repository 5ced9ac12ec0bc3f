import { useState, type FormEvent } from 'react';
import { CHILD_STATUSES, type ChildStatus } from '../../../../shared/domain/escalation';
import { href } from '../../lib/route';
import { ChildNameCheck } from '../../components/ChildNameCheck';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Feedback } from '../../components/Feedback';
import { NamedOptions } from '../../components/Options';
import { call } from '../../lib/api';
import { useAction } from '../../lib/useAction';
import { useChannel } from '../../lib/useChannel';
import { AgencyFieldset } from './AgencyFieldset';
import { ImmediateRiskFieldset } from './ImmediateRiskFieldset';
import { MatterFieldset } from './MatterFieldset';
import { emptyDraft, toCreateInput, type NewEscalationDraft } from './newEscalationDraft';
import { useActiveProfile } from './useActiveProfile';
import { usePageTitle } from '../../lib/pageTitle';
import { DateInput } from '../../components/DateInput';

export function NewEscalationPage() {
  usePageTitle('Log an escalation');
  const [draft, setDraft] = useState<NewEscalationDraft>(emptyDraft);
  const patch = (p: Partial<NewEscalationDraft>) => setDraft((d) => ({ ...d, ...p }));
  const agencies = useChannel('agencies:list', { includeRetired: false });
  const { settings, profile } = useActiveProfile();
  const save = useAction();
  const agencyList = agencies.data ?? [];
  const raisingAgencyName = agencyList.find((a) => a.id === draft.raisingAgencyId)?.name ?? null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await save.run(
      () => call('escalations:create', toCreateInput(draft)),
      (c) => `Logged ${c.reference}.`,
    );
    if (created) window.location.hash = href('escalations', created.id);
  };

  return (
    <>
      <p>
        <a href={href('escalations')}>← Escalation register</a>
      </p>
      <h1>Log an escalation</h1>
      <p className="lede">
        {profile ? `Logged under the board’s current policy: ${profile.profile.name}.` : 'Logged under the board’s current policy.'} Record
        a case reference and initials only: never the child’s name, address or date of birth.
      </p>
      {settings && settings.activeProfileId === null && (
        <div className="refusal" role="alert">
          <p>
            The board has not chosen its escalation policy yet, so an escalation cannot be logged. Choose one in{' '}
            <a href={href('settings')}>Settings</a> first.
          </p>
        </div>
      )}
      <form noValidate className="stack" onSubmit={submit} aria-label="Log an escalation">
        <ErrorSummary state={save} />
        <MatterFieldset
          matter={draft.matter}
          raisingAgencyId={draft.raisingAgencyId}
          raisingAgencyName={raisingAgencyName}
          challengedAgencyIds={draft.challengedAgencyIds}
          onChange={(matter) => patch({ matter })}
        />

        <fieldset>
          <legend>The child</legend>
          <div className="form-row">
            <div className="field">
              <label htmlFor="reference">Case reference</label>
              <span id="reference-hint" className="hint">
                The agency’s reference, for example CSC-2026-0412
              </span>
              <input
                id="reference"
                aria-describedby="reference-hint"
                autoComplete="off"
                value={draft.reference}
                onChange={(e) => patch({ reference: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor="initials">Child’s initials</label>
              <span id="initials-hint" className="hint">
                Optional, up to 4 letters
              </span>
              <input
                id="initials"
                aria-describedby="initials-hint"
                className="input--short"
                autoComplete="off"
                value={draft.childInitials}
                onChange={(e) => patch({ childInitials: e.target.value })}
              />
            </div>
          </div>
          <fieldset className="nested">
            <legend>Child’s status</legend>
            <div className="choices">
              {(Object.entries(CHILD_STATUSES) as [ChildStatus, string][]).map(([key, label]) => (
                <div className="field field--check" key={key}>
                  <input
                    id={`status-${key}`}
                    type="radio"
                    name="child-status"
                    checked={draft.childStatus === key}
                    onChange={() => patch({ childStatus: key })}
                  />
                  <label htmlFor={`status-${key}`}>{label}</label>
                </div>
              ))}
            </div>
          </fieldset>
        </fieldset>

        <fieldset>
          <legend>Who raised it, and with whom</legend>
          <AgencyFieldset
            agencies={agencyList}
            raisingAgencyId={draft.raisingAgencyId}
            challengedAgencyIds={draft.challengedAgencyIds}
            onRaisingChange={(raisingAgencyId) => patch({ raisingAgencyId })}
            onChallengedChange={(challengedAgencyIds) => patch({ challengedAgencyIds })}
          />
          <div className="form-row">
            <div className="field">
              <label htmlFor="worker-role">Raising worker’s role</label>
              <input
                id="worker-role"
                className="input--long"
                value={draft.raisingWorkerRole}
                onChange={(e) => patch({ raisingWorkerRole: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor="worker-email">Raising worker’s e-mail</label>
              <span id="worker-email-hint" className="hint">
                So they can be told the outcome
              </span>
              <input
                id="worker-email"
                type="email"
                className="input--long"
                aria-describedby="worker-email-hint"
                value={draft.raisingWorkerEmail}
                onChange={(e) => patch({ raisingWorkerEmail: e.target.value })}
              />
            </div>
          </div>
        </fieldset>

        <fieldset>
          <legend>The disagreement</legend>
          <div className="form-row">
            <div className="field">
              <label htmlFor="category">Category</label>
              <select
                id="category"
                value={draft.categoryId ?? ''}
                onChange={(e) => patch({ categoryId: e.target.value === '' ? null : Number(e.target.value) })}
              >
                <option value="">Choose a category</option>
                <NamedOptions items={settings?.categories ?? []} />
              </select>
            </div>
            <DateInput id="opened-on" legend="Date raised" value={draft.openedOn} onChange={(iso) => patch({ openedOn: iso })} />
          </div>
          <div className="field field--wide">
            <label htmlFor="summary">What the disagreement is about</label>
            <span id="summary-hint" className="hint">
              The decision, action or inaction challenged, and why it leaves the child unsafe. No names.
            </span>
            <textarea
              id="summary"
              rows={5}
              aria-describedby="summary-hint"
              value={draft.summary}
              onChange={(e) => patch({ summary: e.target.value })}
            />
          </div>
          <ChildNameCheck
            text={[draft.raisingWorkerRole, draft.summary].join('\n')}
            knownNames={agencyList.map((a) => a.name)}
            confirmed={draft.confirmedNoChildName}
            onConfirmedChange={(confirmedNoChildName) => patch({ confirmedNoChildName })}
          />
        </fieldset>

        <ImmediateRiskFieldset draft={draft} stages={profile?.profile.stages ?? []} onChange={patch} />

        <Feedback state={save} summarised />
        <div className="form-row">
          <button type="submit" disabled={save.busy}>
            Log escalation
          </button>
          <a href={href('escalations')}>Cancel</a>
        </div>
      </form>
    </>
  );
}
