import type { PanelOptions, SeatDraft } from './panelDraft';
import { agencyLabel, officerLabel } from './officerLabels';

interface Props {
  index: number;
  seat: SeatDraft;
  options: PanelOptions;
  /** Names of the saved seats' officers, for one who has since left and is not among the options. */
  savedOfficerName?: string | null;
  onChange: (seat: SeatDraft) => void;
}

/** One seat: an agency (board members and agencies in dispute marked) and one of its officers. */
export function SeatFieldset({ index, seat, options, savedOfficerName, onChange }: Props) {
  const n = index + 1;
  const agency = options.agencies.find((a) => a.id === seat.agencyId) ?? null;
  const officers = agency?.officers ?? [];
  const officerMissing = seat.officerId !== null && !officers.some((o) => o.id === seat.officerId);
  return (
    <fieldset className="panel-seat">
      <legend>Seat {n}</legend>
      <div className="field">
        <label htmlFor={`seat-${n}-agency`}>Agency</label>
        <select
          id={`seat-${n}-agency`}
          value={seat.agencyId === null ? '' : String(seat.agencyId)}
          onChange={(e) => onChange({ agencyId: e.target.value ? Number(e.target.value) : null, officerId: null })}
        >
          <option value="">Choose an agency</option>
          {options.agencies.map((a) => (
            <option key={a.id} value={String(a.id)}>
              {agencyLabel(a)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`seat-${n}-officer`}>Officer</label>
        <select
          id={`seat-${n}-officer`}
          value={seat.officerId === null ? '' : String(seat.officerId)}
          disabled={!agency}
          onChange={(e) => onChange({ ...seat, officerId: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">
            {agency ? (officers.length ? 'Choose an officer' : 'No officer in post on this date') : 'Choose the agency first'}
          </option>
          {officerMissing && (
            <option value={String(seat.officerId)}>{savedOfficerName ?? 'The saved officer'} (not in post on this date)</option>
          )}
          {officers.map((o) => (
            <option key={o.id} value={String(o.id)}>
              {officerLabel(o)}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
