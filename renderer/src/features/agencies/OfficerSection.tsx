import { useState, type FormEvent } from 'react';
import type { AgencyDetail, OfficerInput } from '../../../../shared/domain/agency';
import { formatUkDate, todayIso } from '../../../../shared/domain/dates';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Feedback } from '../../components/Feedback';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import { useCan } from '../accounts/sessionContext';
import { DateInput } from '../../components/DateInput';

const EMPTY: OfficerInput = { name: '', role: '', email: '', senior: true, boardRepresentative: false };

export function OfficerSection({ agency, onChanged }: { agency: AgencyDetail; onChanged: () => void }) {
  const action = useVersionedAction(agency.version);
  const [draft, setDraft] = useState<OfficerInput>(EMPTY);
  const [leftOn, setLeftOn] = useState(todayIso());
  const adds = useCan('officers:add');
  const updates = useCan('officers:update');
  const marksLeft = useCan('officers:leave');

  const add = (event: FormEvent) => {
    event.preventDefault();
    void action
      .run(
        (basedOnVersion) => call('officers:add', { basedOnVersion, ...draft, agencyId: agency.id }),
        () => {
          onChanged();
          return `Added ${draft.name}.`;
        },
      )
      .then((saved) => saved && setDraft(EMPTY));
  };
  const leave = (officerId: number, name: string) =>
    void action.run(
      (basedOnVersion) => call('officers:leave', { basedOnVersion, officerId, leftOn }),
      () => {
        onChanged();
        return `${name} is recorded as having left on ${formatUkDate(leftOn)}.`;
      },
    );
  const makeRepresentative = (officerId: number) => {
    const o = agency.officers.find((x) => x.id === officerId)!;
    void action.run(
      (basedOnVersion) =>
        call('officers:update', {
          basedOnVersion,
          officerId,
          name: o.name,
          role: o.role,
          email: o.email,
          senior: o.senior,
          boardRepresentative: true,
        }),
      () => {
        onChanged();
        return `${o.name} is now the board representative.`;
      },
    );
  };

  return (
    <section aria-labelledby="officers">
      <h2 id="officers">Officers</h2>
      {agency.officers.length === 0 ? (
        <p>No officers recorded. A panel needs a senior officer from each agency.</p>
      ) : (
        <>
          {marksLeft && <DateInput id="officer-left-on" legend="Date used for “Mark as left”" value={leftOn} onChange={setLeftOn} />}
          <table tabIndex={0}>
            <caption className="visually-hidden">Officers of {agency.name}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">E-mail</th>
                <th scope="col">Senior officer</th>
                <th scope="col">Board representative</th>
                <th scope="col">{updates || marksLeft ? 'Actions' : 'Serving'}</th>
              </tr>
            </thead>
            <tbody>
              {agency.officers.map((o) => (
                <tr key={o.id} className={o.leftOn ? 'muted' : undefined}>
                  <th scope="row">{o.name}</th>
                  <td>{o.role}</td>
                  <td>{o.email}</td>
                  <td>{o.senior ? 'Yes' : 'No'}</td>
                  <td>{o.boardRepresentative ? 'Yes' : 'No'}</td>
                  <td>
                    {o.leftOn ? (
                      `Left ${formatUkDate(o.leftOn)}`
                    ) : !(updates || marksLeft) ? (
                      'Serving'
                    ) : (
                      <span className="actions">
                        {!o.boardRepresentative && updates && (
                          <button type="button" onClick={() => makeRepresentative(o.id)}>
                            Make representative<span className="visually-hidden">: {o.name}</span>
                          </button>
                        )}
                        {marksLeft && (
                          <button type="button" onClick={() => leave(o.id, o.name)}>
                            Mark as left<span className="visually-hidden">: {o.name}</span>
                          </button>
                        )}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <Feedback state={action} summarised />
      {!agency.retiredOn && adds && (
        <form noValidate className="form-grid" onSubmit={add} onChange={action.start} aria-label="Add an officer">
          <ErrorSummary state={action} />
          <div className="field">
            <label htmlFor="officer-name">Officer’s name</label>
            <input id="officer-name" value={draft.name} autoComplete="off" onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="officer-role">Role</label>
            <input id="officer-role" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="officer-email">E-mail</label>
            <input id="officer-email" type="email" value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.target.value })} />
          </div>
          <div className="field field--check">
            <input
              id="officer-senior"
              type="checkbox"
              checked={draft.senior}
              onChange={(e) => setDraft({ ...draft, senior: e.target.checked })}
            />
            <label htmlFor="officer-senior">Senior officer</label>
          </div>
          <div className="field field--check">
            <input
              id="officer-rep"
              type="checkbox"
              checked={draft.boardRepresentative}
              onChange={(e) => setDraft({ ...draft, boardRepresentative: e.target.checked })}
            />
            <label htmlFor="officer-rep">Board representative</label>
          </div>
          <button type="submit" disabled={action.busy}>
            Add officer
          </button>
        </form>
      )}
    </section>
  );
}
