import type { AgencySummary } from '../../../../shared/domain/agency';
import { NamedOptions } from '../../components/Options';

interface Props {
  agencies: readonly AgencySummary[];
  raisingAgencyId: number | null;
  challengedAgencyIds: readonly number[];
  onRaisingChange: (id: number | null) => void;
  onChallengedChange: (ids: number[]) => void;
}

export function AgencyFieldset({ agencies, raisingAgencyId, challengedAgencyIds, onRaisingChange, onChallengedChange }: Props) {
  const toggle = (id: number, on: boolean) =>
    onChallengedChange(on ? [...challengedAgencyIds, id] : challengedAgencyIds.filter((x) => x !== id));
  return (
    <>
      <div className="field">
        <label htmlFor="raising-agency">Raising agency</label>
        <span id="raising-agency-hint" className="hint">
          The agency whose worker raised the concern
        </span>
        <select
          id="raising-agency"
          aria-describedby="raising-agency-hint"
          value={raisingAgencyId ?? ''}
          onChange={(e) => onRaisingChange(e.target.value === '' ? null : Number(e.target.value))}
        >
          <option value="">Choose an agency</option>
          <NamedOptions items={agencies} />
        </select>
      </div>
      <fieldset>
        <legend>Agencies challenged</legend>
        <span className="hint">The agency or agencies whose action, inaction or decision is being challenged</span>
        {agencies.length === 0 && <p>No agencies in the directory yet.</p>}
        <div className="choices choices--columns">
          {agencies.map((a) => (
            <div className="field field--check" key={a.id}>
              <input
                id={`challenged-${a.id}`}
                type="checkbox"
                checked={challengedAgencyIds.includes(a.id)}
                onChange={(e) => toggle(a.id, e.target.checked)}
              />
              <label htmlFor={`challenged-${a.id}`}>{a.name}</label>
            </div>
          ))}
        </div>
      </fieldset>
    </>
  );
}
