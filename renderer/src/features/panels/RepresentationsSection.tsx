import { useState, type FormEvent } from 'react';
import { formatUkDate, todayIso } from '../../../../shared/domain/dates';
import type { PanelDetail } from '../../../../shared/domain/panel';
import { possibleFullNames } from '../../../../shared/domain/childIdentifiers';
import { ChildNameCheck } from '../../components/ChildNameCheck';
import { ErrorSummary } from '../../components/ErrorSummary';
import { NamedOptions } from '../../components/Options';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import { useChannel } from '../../lib/useChannel';
import { DateInput } from '../../components/DateInput';

interface Props {
  panel: PanelDetail;
  onSaved: (message: string) => void;
}

/** What those in dispute put to the panel before it sits. */
export function RepresentationsSection({ panel, onSaved }: Props) {
  const agencies = useChannel('agencies:list', { includeRetired: false });
  const action = useVersionedAction(panel.version);
  const [fromAgencyId, setFromAgencyId] = useState('');
  const [fromPerson, setFromPerson] = useState('');
  const [receivedOn, setReceivedOn] = useState(todayIso());
  const [summary, setSummary] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const knownNames = [
    ...(agencies.data ?? []).map((a) => a.name),
    ...panel.seats.flatMap((s) => (s.officerName ? [s.officerName] : [])),
    panel.chairName,
  ];
  // The server keeps representations as written; the screen asks before a possible name is saved.
  const unconfirmedName = possibleFullNames(summary, knownNames).length > 0 && !confirmed;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (unconfirmedName) return;
    void action.run(
      (basedOnVersion) =>
        call('panels:addRepresentation', {
          basedOnVersion,
          panelId: panel.id,
          fromAgencyId: fromAgencyId ? Number(fromAgencyId) : null,
          fromPerson,
          receivedOn,
          summary,
          confirmedNoChildName: confirmed,
        }),
      () => {
        setFromPerson('');
        setSummary('');
        setFromAgencyId('');
        setConfirmed(false);
        onSaved(`Recorded the representation from ${fromPerson.trim()}.`);
        return '';
      },
    );
  };

  return (
    <section aria-labelledby="panel-representations">
      <h2 id="panel-representations">Representations</h2>
      {panel.representations.length === 0 ? (
        <p>No representations recorded yet.</p>
      ) : (
        <table tabIndex={0}>
          <caption className="visually-hidden">Representations received</caption>
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">From</th>
              <th scope="col">What they said</th>
            </tr>
          </thead>
          <tbody>
            {panel.representations.map((r) => (
              <tr key={r.id}>
                <td className="nowrap">{formatUkDate(r.receivedOn)}</td>
                <th scope="row">
                  {r.fromPerson}
                  {r.fromAgency && <span className="muted"> ({r.fromAgency})</span>}
                </th>
                <td className="timeline__detail">{r.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form noValidate className="stack" onSubmit={submit} onChange={action.start} aria-label="Record a representation">
        <ErrorSummary state={action} />
        <div className="form-row">
          <div className="field">
            <label htmlFor="rep-agency">From agency</label>
            <select id="rep-agency" value={fromAgencyId} onChange={(e) => setFromAgencyId(e.target.value)}>
              <option value="">Not from an agency</option>
              <NamedOptions items={agencies.data ?? []} />
            </select>
          </div>
          <div className="field">
            <label htmlFor="rep-person">Who made it</label>
            <span id="rep-person-hint" className="hint">
              A role is enough, for example “Designated safeguarding lead”
            </span>
            <input
              id="rep-person"
              className="input--long"
              aria-describedby="rep-person-hint"
              value={fromPerson}
              onChange={(e) => setFromPerson(e.target.value)}
            />
          </div>
          <DateInput id="rep-received" legend="Date received" value={receivedOn} onChange={setReceivedOn} />
        </div>
        <div className="field field--wide">
          <label htmlFor="rep-summary">Summary of the representation</label>
          <textarea id="rep-summary" rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} />
        </div>
        <ChildNameCheck text={summary} knownNames={knownNames} confirmed={confirmed} onConfirmedChange={setConfirmed} />
        <div>
          <button type="submit" disabled={action.busy || unconfirmedName}>
            Record representation
          </button>
        </div>
      </form>
    </section>
  );
}
