import { useState, type FormEvent } from 'react';
import { formatUkDate } from '../../../../shared/domain/dates';
import type { PanelDetail } from '../../../../shared/domain/panel';
import { ChildNameCheck } from '../../components/ChildNameCheck';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Feedback } from '../../components/Feedback';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import { useChannel } from '../../lib/useChannel';
import { CannotBeFormed } from './CannotBeFormed';
import { useKnownNames } from '../../lib/useKnownNames';
import { ChairField } from './ChairField';
import { ChecksList } from './ChecksList';
import { PanelCaseFacts } from './PanelCaseFacts';
import {
  draftFromPanel,
  draftInput,
  isIsoDate,
  newDraft,
  padSeats,
  seatCountFor,
  countWord,
  type PlannerDraft,
  type SeatDraft,
} from './panelDraft';
import { SeatFieldset } from './SeatFieldset';
import { SuggestionsSection } from './SuggestionsSection';
import { useLiveChecks } from './useLiveChecks';
import { DateInput } from '../../components/DateInput';

interface Props {
  escalationId: number;
  /** The saved panel being changed, or null for a new one. */
  panel: PanelDetail | null;
  initialSitsOn: string;
  /** The case's version when the planner was opened: saving a panel changes the case. */
  caseVersion: number;
  onSaved: (panel: PanelDetail, message: string) => void;
}

/** Plans a panel: date, chair and seats, with every check run live as the chair edits. */
export function PanelPlanner({ escalationId, panel, initialSitsOn, caseVersion, onSaved }: Props) {
  const [draft, setDraft] = useState<PlannerDraft>(() => (panel ? draftFromPanel(panel) : newDraft(initialSitsOn)));
  const sitsOn = isIsoDate(draft.sitsOn) ? draft.sitsOn : null;
  const options = useChannel('panels:options', { escalationId, sitsOn });
  const o = options.data;
  const count = Math.max(seatCountFor(o), draft.seats.length);
  const input = draftInput(escalationId, draft, count);
  const live = useLiveChecks(o ? input : null);
  const save = useVersionedAction(caseVersion);
  const [confirmed, setConfirmed] = useState(false);
  const agencyNames = useKnownNames();
  // A chair chosen from the directory is an officer: a name the board knows.
  const knownNames = input.chairOfficerId != null && input.chairName ? [...agencyNames, input.chairName] : agencyNames;
  const noun = o?.rule.kind === 'uninvolved_chair_meeting' ? 'meeting' : 'panel';
  const saved = panel ? JSON.stringify(draftInput(escalationId, draftFromPanel(panel), count)) : null;
  const dirty = saved !== null && saved !== JSON.stringify(input);

  const patch = (p: Partial<PlannerDraft>) => setDraft((d) => ({ ...d, ...p }));
  const setSeat = (i: number, seat: SeatDraft) =>
    setDraft((d) => ({ ...d, seats: padSeats(d.seats, count).map((s, j) => (j === i ? seat : s)) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run(
      (basedOnVersion) =>
        call('panels:save', {
          basedOnVersion,
          ...input,
          panelId: panel?.id ?? null,
          sitsOn: draft.sitsOn,
          confirmedNoChildName: confirmed,
        }),
      (p) => {
        const fails = p.checks.checks.filter((c) => c.status === 'fail').length;
        const standing = p.checks.valid
          ? 'It passes every check.'
          : p.checks.heldUnderDeparture
            ? 'This policy’s panel cannot be formed for this case; it sits under the chair’s recorded departure from the policy.'
            : p.checks.cannotBeFormed
              ? 'This policy’s panel cannot be formed for this case: resolve it directly with the senior managers, or record a departure from the policy with a reason.'
              : `It is not yet valid: ${countWord(fails, 'check fails', 'checks fail')}.`;
        onSaved(p, `Saved the ${noun} sitting on ${formatUkDate(p.sitsOn)}. ${standing}`);
        return '';
      },
    );
  };

  if (options.error && !o) return <p role="alert">{options.error.message}</p>;
  if (!o) return <p role="status">Loading the board and the case…</p>;
  const seats = padSeats(draft.seats, count);
  const showReason = live.checks?.needsWherePossibleReason === true || draft.wherePossibleReason !== '';
  // Whether the policy's panel can be formed does not depend on the seats: the options say so before any is chosen.
  const cannot = live.checks?.cannotBeFormed ?? o.cannotBeFormed;

  return (
    <>
      <PanelCaseFacts options={o} />
      {cannot && <CannotBeFormed cannot={cannot} departureReason={live.checks?.departureReason ?? null} status="planned" />}
      <div className="planner">
        <form noValidate className="stack planner__form" onSubmit={submit} onChange={save.start} aria-label={`Plan the ${noun}`}>
          <ErrorSummary state={save} />
          <h2 className="planner__heading">Date, chair and seats</h2>
          <DateInput
            id="panel-sits-on"
            legend={`Date the ${noun} sits`}
            hint="Board membership and who is in post are taken on this date. For example, 27 3 2026"
            value={draft.sitsOn}
            onChange={(iso) => patch({ sitsOn: iso })}
          />
          <ChairField options={o} draft={draft} onChange={patch} noun={noun} />
          <div className="panel-seats">
            {seats.map((s, i) => (
              <SeatFieldset
                key={i}
                index={i}
                seat={s}
                options={o}
                savedOfficerName={panel?.seats[i]?.officerName}
                onChange={(seat) => setSeat(i, seat)}
              />
            ))}
          </div>
          {showReason && (
            <div className="field field--wide">
              <label htmlFor="panel-where-possible">The chair’s reason for leaving an agency in dispute off</label>
              <span id="panel-where-possible-hint" className="hint">
                This policy seats the agencies in dispute where possible. Say why it is not possible here (at least 10 characters); it goes
                in the panel pack.
              </span>
              <textarea
                id="panel-where-possible"
                rows={3}
                aria-describedby="panel-where-possible-hint"
                value={draft.wherePossibleReason}
                onChange={(e) => patch({ wherePossibleReason: e.target.value })}
              />
            </div>
          )}
          {(cannot || draft.departureReason !== '') && (
            <div className="field field--wide">
              <label htmlFor="panel-departure">The chair’s reason for departing from the policy</label>
              <span id="panel-departure-hint" className="hint">
                Only if the chair decides to hold a panel all the same. It is never valid under the policy: it is shown as a departure on
                the panel, the pack, the case, the dashboard and the return. At least 10 characters.
              </span>
              <textarea
                id="panel-departure"
                rows={3}
                aria-describedby="panel-departure-hint"
                value={draft.departureReason}
                onChange={(e) => patch({ departureReason: e.target.value })}
              />
            </div>
          )}
          <ChildNameCheck
            text={input.wherePossibleReason ?? ''}
            knownNames={knownNames}
            confirmed={confirmed}
            onConfirmedChange={setConfirmed}
          />
          <Feedback state={save} summarised />
          <div className="form-row">
            <button type="submit" disabled={save.busy}>
              Save {noun}
            </button>
            {dirty && <span className="warn-text">Changes not saved yet: the saved {noun} is what the decision is checked against.</span>}
            {!panel && live.checks && !live.checks.valid && (
              <span className="hint">You can save it before it is valid and finish it later.</span>
            )}
          </div>
        </form>
        <section aria-labelledby="panel-checks" className="planner__checks">
          <h2 id="panel-checks">Checks</h2>
          <ChecksList checks={live.checks} pending={live.pending} error={live.error} headingId="panel-checks" />
        </section>
      </div>
      <SuggestionsSection input={input} noun={noun} onUse={(s) => patch({ seats: s })} />
    </>
  );
}
