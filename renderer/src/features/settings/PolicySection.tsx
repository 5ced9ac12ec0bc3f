import { formatUkDate } from '../../../../shared/domain/dates';
import type { PolicyProfile } from '../../../../shared/domain/policyProfiles';
import type { BoardSettings } from '../../../../shared/domain/settings';
import { Feedback } from '../../components/Feedback';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import { useCan } from '../accounts/sessionContext';
import { timescaleText } from './timescale';

function ActiveStages({ profile }: { profile: PolicyProfile }) {
  return (
    <>
      <h3>Stages of {profile.name}</h3>
      <table tabIndex={0}>
        <caption className="visually-hidden">Stages and timescales of the board’s policy</caption>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">Name</th>
            <th scope="col">Timescale</th>
            <th scope="col">What happens</th>
          </tr>
        </thead>
        <tbody>
          {profile.stages.map((s) => (
            <tr key={s.number}>
              <td>{s.number}</td>
              <th scope="row">{s.name}</th>
              <td className="nowrap">{timescaleText(s.timescaleWorkingDays)}</td>
              <td>{s.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="facts">
        <div>
          <dt>Last step</dt>
          <dd>{profile.lastStep}</dd>
        </div>
        <div>
          <dt>How a case is referred</dt>
          <dd>{profile.referralRoute}</dd>
        </div>
        <div>
          <dt>Timescales in the policy’s words</dt>
          <dd>{profile.resolveTimescaleNote}</dd>
        </div>
      </dl>
    </>
  );
}

/** The policies the board can work to, which one it uses now, and that policy's stages. */
export function PolicySection({
  settings,
  active,
  onSaved,
}: {
  settings: BoardSettings;
  active: PolicyProfile | null;
  onSaved: () => void;
}) {
  const action = useVersionedAction(settings.version);
  const chooses = useCan('profiles:choose');
  const choose = (profileId: number, name: string) =>
    void action.run(
      (basedOnVersion) => call('profiles:choose', { basedOnVersion, profileId }),
      () => {
        onSaved();
        return `The board now works to ${name}. Escalations already open keep the policy they were opened under.`;
      },
    );
  return (
    <section aria-labelledby="policy">
      <h2 id="policy">Escalation policy</h2>
      <p className="hint">
        New escalations are logged under the policy in use. An escalation keeps the policy version it was opened under.
      </p>
      {settings.activeProfileId === null && (
        <p className="warning">The board has not chosen a policy yet. Choose one below before logging escalations.</p>
      )}
      <table tabIndex={0}>
        <caption className="visually-hidden">Policies the board can use</caption>
        <thead>
          <tr>
            <th scope="col">Policy</th>
            <th scope="col">Version</th>
            <th scope="col">Kind</th>
            <th scope="col">In use</th>
          </tr>
        </thead>
        <tbody>
          {settings.profiles.map((p) => (
            <tr key={p.id} className={p.active ? 'row--current' : undefined}>
              <th scope="row">{p.name}</th>
              <td>{p.version}</td>
              <td>{p.basedOn ? `Edited copy of ${p.basedOn}, saved ${formatUkDate(p.createdAt.slice(0, 10))}` : 'Built in'}</td>
              <td>
                {p.active ? (
                  <strong>In use</strong>
                ) : !chooses ? (
                  'No'
                ) : (
                  <button
                    type="button"
                    className="button--small"
                    disabled={action.busy}
                    onClick={() => choose(p.id, p.name)}
                    aria-label={`Use this policy: ${p.name}`}
                  >
                    Use this policy
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Feedback state={action} />
      {active && <ActiveStages profile={active} />}
    </section>
  );
}
