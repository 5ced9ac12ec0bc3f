import { useChannel } from '../../lib/useChannel';

export interface PersonDraft {
  key: number;
  name: string;
  agencyId: number | null;
  role: string;
  officerId: number | null;
}

interface Props {
  rows: readonly PersonDraft[];
  onChange: (rows: PersonDraft[]) => void;
  newRow: () => PersonDraft;
  agencies: readonly { id: number; name: string }[];
}

type PickerProps = { row: PersonDraft; index: number; onPick: (patch: Partial<PersonDraft>) => void };

/** The directory's officers of the person's agency: picking one fills the name and role, and lets the panel check match them by record. */
function OfficerPicker(props: PickerProps) {
  return props.row.agencyId === null ? (
    <OfficerSelect {...props} officers={[]} />
  ) : (
    <AgencyOfficers {...props} agencyId={props.row.agencyId} />
  );
}

function AgencyOfficers({ agencyId, ...props }: PickerProps & { agencyId: number }) {
  const agency = useChannel('agencies:get', { agencyId });
  return <OfficerSelect {...props} officers={agency.data?.officers ?? []} />;
}

function OfficerSelect({
  row,
  index,
  onPick,
  officers,
}: PickerProps & { officers: readonly { id: number; name: string; role: string }[] }) {
  const id = `person-${row.key}-officer`;
  return (
    <div className="field">
      <label htmlFor={id}>Officer in the directory (optional)</label>
      <select
        id={id}
        value={row.officerId ?? ''}
        disabled={row.agencyId === null}
        aria-describedby={row.agencyId === null ? `${id}-hint` : undefined}
        onChange={(e) => {
          const officer = officers.find((o) => o.id === Number(e.target.value));
          onPick(officer ? { officerId: officer.id, name: officer.name, role: row.role || officer.role } : { officerId: null });
        }}
      >
        <option value="">Not in the directory</option>
        {officers.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}, {o.role}
          </option>
        ))}
      </select>
      {row.agencyId === null && (
        <span id={`${id}-hint`} className="hint">
          Choose person {index + 1}’s agency first
        </span>
      )}
    </div>
  );
}

/** The people who took part at this stage, as people: none of them may then sit on a resolution panel. */
export function StagePeopleRows({ rows, onChange, newRow, agencies }: Props) {
  const update = (key: number, patch: Partial<PersonDraft>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <fieldset>
      <legend>People who took part</legend>
      <p className="hint">Add each person by name. None of them may sit on a resolution panel for this case.</p>
      {rows.map((r, i) => (
        <fieldset key={r.key} className="nested action-row">
          <legend>Person {i + 1}</legend>
          <div className="form-row">
            <div className="field">
              <label htmlFor={`person-${r.key}-agency`}>Agency</label>
              <select
                id={`person-${r.key}-agency`}
                value={r.agencyId ?? ''}
                onChange={(e) => update(r.key, { agencyId: e.target.value === '' ? null : Number(e.target.value), officerId: null })}
              >
                <option value="">Not chosen</option>
                {agencies.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </div>
            <OfficerPicker row={r} index={i} onPick={(patch) => update(r.key, patch)} />
            <div className="field field--grow">
              <label htmlFor={`person-${r.key}-name`}>Name</label>
              <input id={`person-${r.key}-name`} value={r.name} onChange={(e) => update(r.key, { name: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`person-${r.key}-role`}>Role</label>
              <input id={`person-${r.key}-role`} value={r.role} onChange={(e) => update(r.key, { role: e.target.value })} />
            </div>
            <button type="button" className="button--secondary" onClick={() => onChange(rows.filter((x) => x.key !== r.key))}>
              Remove person {i + 1}
            </button>
          </div>
        </fieldset>
      ))}
      <button type="button" className="button--secondary" onClick={() => onChange([...rows, newRow()])} disabled={rows.length >= 30}>
        Add a person
      </button>
    </fieldset>
  );
}
