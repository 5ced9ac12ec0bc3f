import type { PanelOptions, PlannerDraft } from './panelDraft';
import { officerLabel } from './officerLabels';

interface Props {
  options: PanelOptions;
  draft: PlannerDraft;
  onChange: (patch: Partial<PlannerDraft>) => void;
  noun: string;
}

const NOT_IN_DIRECTORY = 'name';

/** The chair: an officer from the directory, or someone typed by name such as "Independent chair". */
export function ChairField({ options, draft, onChange, noun }: Props) {
  const value = draft.chairOfficerId === null ? NOT_IN_DIRECTORY : String(draft.chairOfficerId);
  const known = options.agencies.some((a) => a.officers.some((o) => o.id === draft.chairOfficerId));
  return (
    <fieldset className="panel-chair">
      <legend>Who chairs the {noun}</legend>
      <div className="form-row">
        <div className="field">
          <label htmlFor="panel-chair-officer">Chair</label>
          <select
            id="panel-chair-officer"
            value={value}
            onChange={(e) =>
              onChange(
                e.target.value === NOT_IN_DIRECTORY ? { chairOfficerId: null } : { chairOfficerId: Number(e.target.value), chairName: '' },
              )
            }
          >
            <option value={NOT_IN_DIRECTORY}>Someone not in the directory (type the name)</option>
            {draft.chairOfficerId !== null && !known && (
              <option value={String(draft.chairOfficerId)}>The saved chair (no longer in post on this date)</option>
            )}
            {options.agencies
              .filter((a) => a.officers.length > 0)
              .map((a) => (
                <optgroup key={a.id} label={`${a.name}${a.disputing ? ' (in dispute)' : ''}`}>
                  {a.officers.map((o) => (
                    <option key={o.id} value={String(o.id)}>
                      {officerLabel(o)}
                    </option>
                  ))}
                </optgroup>
              ))}
          </select>
        </div>
        {draft.chairOfficerId === null && (
          <div className="field">
            <label htmlFor="panel-chair-name">Chair’s name</label>
            <span id="panel-chair-name-hint" className="hint">
              For example “Independent chair”
            </span>
            <input
              id="panel-chair-name"
              className="input--long"
              aria-describedby="panel-chair-name-hint"
              value={draft.chairName}
              onChange={(e) => onChange({ chairName: e.target.value })}
            />
          </div>
        )}
      </div>
    </fieldset>
  );
}
