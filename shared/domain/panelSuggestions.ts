// Suggests panel compositions the chair could use on a date, built from the board as it then
// stood. Every suggestion is run through checkPanel, the same judge the saved panel faces, so a
// suggestion can never be one the checks then reject. Pure: no I/O.
import { isRealIsoDate } from './dates';
import { isBoardMemberOn } from './agency';
import {
  CANNOT_BE_FORMED,
  checkPanel,
  inPostOn,
  isPartyTo,
  listNames,
  panelCannotBeFormed,
  retiredBy,
  ukDate,
  uniqueById,
  type PanelAgency,
  type PanelCheckResult,
  type PanelOfficer,
  type PanelProposal,
  type PanelSeat,
} from './panelChecks';
import type { PanelRule } from './policyProfiles';

/** Board-member agencies on the date with their officers in post. For a policy without the
 *  full-board rule (Birmingham's meeting) pass every active agency: the disputing agencies are
 *  looked up here. Entries are re-checked, so passing a wider list is harmless. */
export interface BoardMemberOnDate {
  agency: PanelAgency;
  officers: PanelOfficer[];
}
export type PanelSuggestionArgs = Omit<PanelProposal, 'seats' | 'wherePossibleReason'> & { board: BoardMemberOnDate[]; max?: number };
export interface PanelSuggestions {
  compositions: PanelSeat[][];
  explanation: string;
}

/** Every checkPanel call re-counts working days; a chair who fails every candidate should not
 *  make us try thousands of agency triples before saying so. */
const MAX_TRIES = 200;
const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

export function officerWord(rule: PanelRule): string {
  if (rule.seniorOfficersOnly && rule.boardRepresentativesOnly) return 'a senior officer who is its board representative';
  if (rule.boardRepresentativesOnly) return 'a board representative';
  return rule.seniorOfficersOnly ? 'a senior officer' : 'an officer';
}

function* combinations<T>(items: readonly T[], k: number, from = 0): Generator<T[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = from; i <= items.length - k; i += 1) for (const rest of combinations(items, k - 1, i + 1)) yield [items[i] as T, ...rest];
}

/** A suggestion the chair can take once they write the "where possible" reason: the reason is
 *  theirs to give, so its absence alone does not rule a composition out. */
const acceptable = (r: PanelCheckResult) =>
  r.valid || r.heldUnderDeparture || (r.needsWherePossibleReason && r.checks.every((c) => c.status !== 'fail' || c.number === 3));

export function suggestPanels(args: PanelSuggestionArgs): PanelSuggestions {
  const { board, max = 5, ...proposal } = args;
  const { rule, sitsOn } = proposal;
  const none = (explanation: string): PanelSuggestions => ({ compositions: [], explanation });
  if (rule.kind === 'none') return none('This policy does not provide for a panel, so there is nothing to suggest.');
  const noun = rule.kind === 'three_agency_panel' ? 'panel' : 'meeting';
  if (!sitsOn || !isRealIsoDate(sitsOn))
    return none(`Choose the date the ${noun} will sit first: who can sit depends on board membership on that date.`);
  const when = ukDate(sitsOn);
  const { chair } = proposal;
  const unformable = panelCannotBeFormed(rule, proposal.disputing, sitsOn);
  if (unformable && !checkPanel({ ...proposal, seats: [], wherePossibleReason: '' }).departureReason)
    return none(
      `${CANNOT_BE_FORMED}: ${unformable.reasons.join(' ')} The chair can instead resolve it directly with the senior managers, or record a departure from the policy with a written reason.`,
    );

  // The chair is settled before the seats: no choice of seats can mend a chair who fails.
  const chairChecks = checkPanel({ ...proposal, seats: [], wherePossibleReason: '' }).checks.filter(
    (c) => (c.number === 4 || c.number === 5) && c.status === 'fail',
  );
  if (chairChecks.length) return none(`Settle the chair first: ${chairChecks.flatMap((c) => c.messages).join(' ')}`);

  const eligibleOfficer = (o: PanelOfficer, agency: PanelAgency) =>
    o.agencyId === agency.id &&
    inPostOn(o, sitsOn) &&
    (!rule.seniorOfficersOnly || o.senior) &&
    (!rule.boardRepresentativesOnly || o.boardRepresentative) &&
    !isPartyTo(proposal.partiesToDisagreement, o);
  // The board representative first: they already sit on the board, so they are the natural choice.
  const rank = (o: PanelOfficer) => (o.boardRepresentative ? 0 : 2) + (o.senior ? 0 : 1);
  const pool = new Map<number, PanelSeat>();
  /** Why an agency in the list cannot take a seat, in words that finish "Devon Police ...". */
  const barred = new Map<number, string>();
  const who = officerWord(rule).replace(/^an? /, '');
  for (const { agency, officers } of board) {
    if (pool.has(agency.id)) continue;
    if (retiredBy(agency, sitsOn)) barred.set(agency.id, `is recorded as retired on ${ukDate(agency.retiredOn ?? sitsOn)}`);
    else if (rule.membersMustBeFullBoard && !isBoardMemberOn(agency.memberships, sitsOn))
      barred.set(agency.id, `is not a member of the full board on ${when}`);
    else {
      const eligible = officers
        .filter((o) => eligibleOfficer(o, agency))
        .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'en-GB'));
      // Where the policy needs a separate chair, the chair cannot also take a seat.
      const officer = eligible.find((o) => rule.chairMayBeMember || o.id !== chair.officer?.id);
      if (officer) pool.set(agency.id, { agency, officer });
      else
        barred.set(
          agency.id,
          `has no ${who} who could sit on ${when}${eligible.length ? ` other than the chair, ${eligible[0]?.name}` : ''}`,
        );
    }
  }

  const disputing = uniqueById(proposal.disputing);
  const disputingIds = new Set(disputing.map((d) => d.id));
  const inDispute = disputing.flatMap((d) => pool.get(d.id) ?? []);
  const cannotSit = disputing.filter((d) => !pool.has(d.id));
  const why = (d: { id: number; name: string }) =>
    `${d.name} ${barred.get(d.id) ?? (rule.membersMustBeFullBoard ? `is not a member of the full board on ${when}` : `is not in the list of agencies for ${when}`)}`;
  const shutOut = cannotSit.length ? `${listNames(cannotSit.map(why))}.` : '';
  const uninvolved = [...pool.values()]
    .filter((s) => !disputingIds.has(s.agency?.id ?? -1))
    .sort((a, b) => (a.agency?.name ?? '').localeCompare(b.agency?.name ?? '', 'en-GB'));

  // Disputing agencies take seats first (the rule wants them on); uninvolved agencies fill the rest.
  const candidates: Generator<PanelSeat[]> =
    rule.kind === 'three_agency_panel'
      ? (function* () {
          const k = Math.min(3, inDispute.length);
          for (const d of combinations(inDispute, k)) for (const u of combinations(uninvolved, 3 - k)) yield [...d, ...u];
        })()
      : (function* () {
          if (inDispute.length >= 2) yield inDispute;
        })();
  const compositions: PanelSeat[][] = [];
  let firstFailure: PanelCheckResult | null = null;
  let tries = 0;
  for (const seats of candidates) {
    if (compositions.length >= max || tries >= MAX_TRIES) break;
    tries += 1;
    const result = checkPanel({ ...proposal, seats, wherePossibleReason: '' });
    if (acceptable(result)) compositions.push(seats);
    else firstFailure ??= result;
  }

  const uninvolvedNames = uninvolved.map((s) => s.agency?.name ?? '');
  const couldSit = `Uninvolved ${rule.membersMustBeFullBoard ? 'board-member ' : ''}agencies with ${officerWord(rule)} named on ${when}: ${uninvolvedNames.length ? listNames(uninvolvedNames) : 'none'}.`;
  if (compositions.length) {
    const parts = [
      `${compositions.length} suggested ${noun}${compositions.length === 1 ? '' : 's'} for ${when}, agencies in dispute first.`,
    ];
    if (rule.kind === 'three_agency_panel' && disputing.length > 3)
      parts.push(
        `A three-seat panel cannot hold all ${disputing.length} agencies in dispute, so each suggestion leaves some off and the chair must write a reason.`,
      );
    if (shutOut)
      parts.push(`${shutOut} Each suggestion leaves ${cannotSit.length === 1 ? 'it' : 'them'} off, so the chair must write a reason.`);
    if (rule.kind === 'three_agency_panel') parts.push(couldSit);
    return { compositions, explanation: parts.join(' ') };
  }

  if (
    cannotSit.length &&
    (rule.disputingAgenciesOnPanel === 'required' || rule.kind === 'uninvolved_chair_meeting') &&
    !(rule.kind === 'three_agency_panel' && disputing.length > 3)
  )
    return none(`${shutOut} This policy requires every agency in dispute to sit on the ${noun}, so no ${noun} can be suggested.`);
  if (rule.kind === 'uninvolved_chair_meeting' && inDispute.length < 2)
    return none(
      `A meeting needs at least two agencies in dispute with ${officerWord(rule)} who could attend on ${when}; ${inDispute.length} ${inDispute.length === 1 ? 'has' : 'have'}.`,
    );
  const need = 3 - Math.min(3, inDispute.length);
  if (rule.kind === 'three_agency_panel' && uninvolved.length < need) {
    const n = uninvolved.length;
    const count =
      n === 0
        ? 'No uninvolved board-member agency has'
        : `Only ${NUMBER_WORDS[n] ?? n} uninvolved board-member ${n === 1 ? 'agency' : 'agencies'} (${listNames(uninvolvedNames)}) ${n === 1 ? 'has' : 'have'}`;
    const sentence = rule.membersMustBeFullBoard ? count : count.replace(' board-member', '');
    return none([shutOut, `${sentence} ${officerWord(rule)} named on ${when}; a panel needs ${need - n} more.`].filter(Boolean).join(' '));
  }
  const reasons = firstFailure?.checks.filter((c) => c.status === 'fail').flatMap((c) => c.messages) ?? [];
  return none(`No ${noun} can be suggested that passes the checks: ${reasons.join(' ') || 'no agencies could be combined.'}`);
}
