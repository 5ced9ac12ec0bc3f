import { DateInput } from '../../components/DateInput';
export interface ActionDraft {
  key: number;
  description: string;
  owner: string;
  dueOn: string;
}

interface Props {
  rows: readonly ActionDraft[];
  onChange: (rows: ActionDraft[]) => void;
  newRow: () => ActionDraft;
}

/** The consequent actions agreed with the outcome: what, who, by when. Rows are added and removed freely before saving. */
export function ActionRows({ rows, onChange, newRow }: Props) {
  const update = (key: number, patch: Partial<ActionDraft>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <fieldset>
      <legend>Consequent actions</legend>
      {rows.length === 0 && <p className="hint">No actions yet. Add one for each thing an agency has agreed to do.</p>}
      {rows.map((r, i) => (
        <fieldset key={r.key} className="nested action-row">
          <legend>Action {i + 1}</legend>
          <div className="form-row">
            <div className="field field--grow">
              <label htmlFor={`action-${r.key}-description`}>What will be done</label>
              <input
                id={`action-${r.key}-description`}
                value={r.description}
                onChange={(e) => update(r.key, { description: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`action-${r.key}-owner`}>Owner</label>
              <input id={`action-${r.key}-owner`} value={r.owner} onChange={(e) => update(r.key, { owner: e.target.value })} />
            </div>
            <DateInput id={`action-${r.key}-due`} legend="Due by" value={r.dueOn} onChange={(iso) => update(r.key, { dueOn: iso })} />
            <button type="button" className="button--secondary" onClick={() => onChange(rows.filter((x) => x.key !== r.key))}>
              Remove action {i + 1}
            </button>
          </div>
        </fieldset>
      ))}
      <button type="button" className="button--secondary" onClick={() => onChange([...rows, newRow()])} disabled={rows.length >= 30}>
        Add an action
      </button>
    </fieldset>
  );
}
