import { useState, type FormEvent } from 'react';
import { SECTORS } from '../../../../shared/domain/agency';
import { formatUkDate, todayIso } from '../../../../shared/domain/dates';
import { href } from '../../lib/route';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Feedback } from '../../components/Feedback';
import { NotLoaded } from '../../components/NotLoaded';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import { useCan } from '../accounts/sessionContext';
import { useChannel } from '../../lib/useChannel';
import { AgencyForm } from './AgencyForm';
import { MembershipSection } from './MembershipSection';
import { OfficerSection } from './OfficerSection';
import { usePageTitle } from '../../lib/pageTitle';
import { DateInput } from '../../components/DateInput';

export function AgencyPage({ agencyId }: { agencyId: number }) {
  const agency = useChannel('agencies:get', { agencyId });
  const change = useVersionedAction(agency.data?.version ?? 1);
  // Its own action, so that a refusal is summarised at the top of the form it came from.
  const retiring = useVersionedAction(agency.data?.version ?? 1);
  usePageTitle(agency.data ? agency.data.name : agency.error ? 'Agency not found' : 'Agency');
  const [retireOn, setRetireOn] = useState(todayIso());
  const updates = useCan('agencies:update');
  const retires = useCan('agencies:retire');

  const a = agency.data;
  if (!a) return <NotLoaded noun="agency" error={agency.error} backHref={href('agencies')} backLabel="Back to the agency directory" />;

  const retire = (event: FormEvent) => {
    event.preventDefault();
    void retiring.run(
      (basedOnVersion) => call('agencies:retire', { basedOnVersion, agencyId, retiredOn: retireOn }),
      (r) => {
        agency.reload();
        return `${r.name} is retired from ${formatUkDate(retireOn)}. Its history is kept.`;
      },
    );
  };

  return (
    <>
      <p>
        <a href={href('agencies')}>← Agency directory</a>
      </p>
      <h1>{a.name}</h1>
      <p className="lede">
        {SECTORS[a.sector]} · {a.statutoryPartner ? 'statutory safeguarding partner' : 'partner agency'} ·{' '}
        {a.retiredOn
          ? `retired ${formatUkDate(a.retiredOn)}`
          : a.boardMemberToday
            ? 'member of the full board today'
            : 'not on the full board today'}
      </p>
      <Feedback state={change} summarised />
      <Feedback state={retiring} summarised />

      {!a.retiredOn && updates && (
        // The form is not remade when the agency reloads (someone else's change would wipe what is
        // typed); typing starts the version the save is based on.
        <section aria-labelledby="edit-agency" onChange={change.start}>
          <h2 id="edit-agency">Details</h2>
          <AgencyForm
            key={a.id}
            initial={{ name: a.name, sector: a.sector, statutoryPartner: a.statutoryPartner }}
            submitLabel="Save details"
            busy={change.busy}
            refusal={change}
            onSubmit={(input) =>
              change.run(
                (basedOnVersion) => call('agencies:update', { basedOnVersion, ...input, agencyId }),
                (u) => {
                  agency.reload();
                  return `Saved ${u.name}.`;
                },
              )
            }
          />
        </section>
      )}

      <MembershipSection agency={a} onChanged={agency.reload} />
      <OfficerSection agency={a} onChanged={agency.reload} />

      {!a.retiredOn && retires && (
        <section aria-labelledby="retire-agency">
          <h2 id="retire-agency">Retire this agency</h2>
          <p>Retiring ends its board membership on that date. Its escalations, panels and history stay.</p>
          <form noValidate className="form-row" onSubmit={retire} onChange={retiring.start}>
            <ErrorSummary state={retiring} />
            <DateInput id="retire-on" legend="Retire on" value={retireOn} onChange={setRetireOn} />
            <button type="submit" className="button--warning" disabled={retiring.busy}>
              Retire agency
            </button>
          </form>
        </section>
      )}
    </>
  );
}
