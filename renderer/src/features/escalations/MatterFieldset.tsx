import { MATTERS, scopeRefusal, type Matter } from '../../../../shared/domain/escalation';

interface Props {
  matter: Matter;
  raisingAgencyId: number | null;
  raisingAgencyName: string | null;
  challengedAgencyIds: readonly number[];
  onChange: (matter: Matter) => void;
}

/** What kind of matter this is. Anything other than a multi-agency disagreement is turned away, with where it belongs. */
export function MatterFieldset({ matter, raisingAgencyId, raisingAgencyName, challengedAgencyIds, onChange }: Props) {
  const refusal = scopeRefusal(
    { matter, raisingAgencyId: raisingAgencyId ?? -1, challengedAgencyIds },
    raisingAgencyName ?? 'the raising agency',
  );
  return (
    <fieldset>
      <legend>What is being logged?</legend>
      <div className="choices">
        {(Object.entries(MATTERS) as [Matter, string][]).map(([key, label]) => (
          <div className="field field--check" key={key}>
            <input id={`matter-${key}`} type="radio" name="matter" value={key} checked={matter === key} onChange={() => onChange(key)} />
            <label htmlFor={`matter-${key}`}>{label}</label>
          </div>
        ))}
      </div>
      {refusal && (
        <div className="refusal" role="alert">
          <p>
            <strong>This cannot be logged as an escalation.</strong> {refusal}
          </p>
        </div>
      )}
    </fieldset>
  );
}
