// Checks a proposed resolution panel (or Birmingham's meeting chaired by an uninvolved agency)
// against the panel rule of the escalation's own policy version, on the date it will sit. The UI,
// the web mode and the command line all call this one function so they can never disagree about
// whether a panel is allowed. Pure: no I/O, no clock (callers pass "today").
//
// Every message is a plain sentence that names the agency or person and says how to fix it: the
// independent chair reads these, not codes (DOMAIN.md, "Resolution panel checks").
import { isBoardMemberOn, type Membership } from './agency';
import { formatUkDate, isRealIsoDate } from './dates';
import type { PanelRule } from './policyProfiles';
import { isWorkingDay, workingDaysBetween, type WorkingCalendar } from './workingDays';

export interface PanelAgency {
  id: number;
  name: string;
  retiredOn: string | null;
  memberships: Membership[];
}
export interface PanelOfficer {
  id: number;
  name: string;
  agencyId: number;
  agencyName: string;
  role: string;
  email: string;
  senior: boolean;
  boardRepresentative: boolean;
  leftOn: string | null;
}
/** A seat being filled in the UI may be half-empty. */
export interface PanelSeat {
  agency: PanelAgency | null;
  officer: PanelOfficer | null;
}
export interface PanelProposal {
  rule: PanelRule;
  sitsOn: string | null;
  seats: PanelSeat[];
  /** A directory officer, or just a name such as "Independent chair". `agency` is optional: pass the
   *  chair's agency record when the chair's board membership must be checked and it has no seat. */
  chair: { officer: PanelOfficer | null; name: string; agency?: PanelAgency | null };
  /** The agencies in dispute. With their board record (retiredOn, memberships) the check can tell
   *  whether a hard rule can be met at all; without it, that is not judged. */
  disputing: DisputingAgency[];
  /** The people who took part at the earlier stages; officerId when they are in the directory. */
  partiesToDisagreement: Party[];
  wherePossibleReason: string;
  /** The chair's written reason for holding the panel differently, where the policy's own panel
   *  cannot be formed for this case. Never makes a panel valid; it is shown as a departure. */
  departureReason?: string;
  stage: { number: number; name: string; dueOn: string | null };
  calendar: WorkingCalendar;
  today: string;
}
export interface Party {
  name: string;
  email: string;
  officerId?: number | null;
}
export interface DisputingAgency {
  id: number;
  name: string;
  retiredOn?: string | null;
  memberships?: Membership[];
}
/** Why this policy's panel cannot be formed for this case, and what the chair can do instead. */
export interface CannotBeFormed {
  reasons: string[];
  alternatives: string[];
}
export type CheckStatus = 'pass' | 'fail' | 'warning' | 'not_applicable';
export interface PanelCheck {
  number: 1 | 2 | 3 | 4 | 5 | 6;
  title: string;
  status: CheckStatus;
  messages: string[];
}
export interface PanelCheckResult {
  /** Every check passes under the policy as written. Never true when the policy's panel cannot be formed. */
  valid: boolean;
  checks: PanelCheck[];
  needsWherePossibleReason: boolean;
  workingDaysLate: number | null;
  cannotBeFormed: CannotBeFormed | null;
  /** The chair's recorded departure, when the panel cannot be formed and a reason is written. */
  departureReason: string | null;
  /** Cannot be formed, a departure is recorded, and every other check passes: the panel may sit, as a departure. */
  heldUnderDeparture: boolean;
}

/** Long enough that "n/a" or "see notes" is not taken for the chair's written reason. */
export const MIN_WHERE_POSSIBLE_REASON = 10;
/** The same floor for the chair's reason for departing from the policy. */
export const MIN_DEPARTURE_REASON = MIN_WHERE_POSSIBLE_REASON;

export const CANNOT_BE_FORMED = 'This policy’s panel cannot be formed for this case';
export const ALTERNATIVES = [
  'Resolve it directly with the senior managers: record that as the chair’s decision on the case.',
  'Record a departure from the policy: the chair writes why the panel will sit differently, and the panel is shown everywhere as held under a departure from the policy.',
] as const;

export function listNames(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
/** Dates from the directory are validated on the way in; a bad one is shown as typed, never thrown on. */
export const ukDate = (iso: string) => (isRealIsoDate(iso) ? formatUkDate(iso) : iso);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** People are matched without case or extra spaces: "Sam  Lee" typed on the case is "sam lee". */
const personKey = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');
const emailKey = (s: string) => s.trim().toLocaleLowerCase('en-GB');

/** A directory officer (by id), or anyone by name or e-mail, who took part at an earlier stage. */
export function isPartyTo(parties: readonly Party[], person: { id?: number | null; name: string; email?: string }): boolean {
  const name = personKey(person.name);
  const email = emailKey(person.email ?? '');
  const id = person.id ?? null;
  return parties.some(
    (p) =>
      (id !== null && p.officerId === id) || (name !== '' && personKey(p.name) === name) || (email !== '' && emailKey(p.email) === email),
  );
}

export function uniqueById<T extends { id: number }>(items: readonly T[]): T[] {
  const seen = new Map<number, T>();
  for (const i of items) if (!seen.has(i.id)) seen.set(i.id, i);
  return [...seen.values()];
}

/** The officer is in post on the date: a leaving date on or before it means they are gone. */
export const inPostOn = (o: PanelOfficer, date: string) => o.leftOn === null || o.leftOn > date;
export const retiredBy = (a: Pick<PanelAgency, 'retiredOn'>, date: string) => a.retiredOn !== null && a.retiredOn <= date;

/** Why the agency was not on the board that day (no full stop); null when it was. */
function notOnBoard(agency: Pick<PanelAgency, 'name' | 'retiredOn' | 'memberships'>, date: string): string | null {
  const when = ukDate(date);
  if (retiredBy(agency, date))
    return `${agency.name} is recorded as retired on ${ukDate(agency.retiredOn ?? date)}, so it cannot sit on ${when}`;
  if (isBoardMemberOn(agency.memberships, date)) return null;
  const ended = agency.memberships.filter((m) => m.to !== null && m.to < date).sort((a, b) => ((a.to ?? '') < (b.to ?? '') ? 1 : -1))[0];
  const starts = agency.memberships.filter((m) => m.from > date).sort((a, b) => (a.from < b.from ? -1 : 1))[0];
  const detail =
    ended?.to && starts
      ? ` (its membership ended on ${ukDate(ended.to)} and starts again on ${ukDate(starts.from)})`
      : ended?.to
        ? ` (its membership ended on ${ukDate(ended.to)})`
        : starts
          ? ` (its membership starts on ${ukDate(starts.from)})`
          : ' (no board membership is recorded for it)';
  return `${agency.name} was not a member of the full board on ${when}${detail}`;
}

/** Why the agency was not on the board that day, and what to choose instead; null when it was. */
function boardProblem(agency: PanelAgency, date: string, instead: string): string | null {
  const problem = notOnBoard(agency, date);
  return problem === null ? null : `${problem}: ${instead}.`;
}

/**
 * Whether the policy's own panel can be formed for this case at all, whoever is seated: under a
 * hard rule that every agency in dispute sits (Bromley), an agency in dispute that is not on the
 * full board on the date cannot sit, and four agencies in dispute cannot fit three seats. Said
 * plainly, never relaxed: the chair resolves another way or records a departure with a reason.
 */
export function panelCannotBeFormed(
  rule: PanelRule,
  disputing: readonly DisputingAgency[],
  date: string | null,
): (CannotBeFormed & { notOnBoardIds: number[] }) | null {
  if (rule.kind !== 'three_agency_panel' || rule.disputingAgenciesOnPanel !== 'required') return null;
  const agencies = uniqueById(disputing);
  const reasons: string[] = [];
  if (agencies.length > 3)
    reasons.push(
      `${agencies.length} agencies are in dispute (${listNames(agencies.map((a) => a.name))}), and this policy needs every agency in dispute on a panel of three seats: they cannot all sit.`,
    );
  const notOnBoardIds: number[] = [];
  if (rule.membersMustBeFullBoard && date) {
    for (const a of agencies) {
      if (!a.memberships) continue;
      const problem = notOnBoard({ name: a.name, retiredOn: a.retiredOn ?? null, memberships: a.memberships }, date);
      if (!problem) continue;
      notOnBoardIds.push(a.id);
      reasons.push(
        `${a.name} is in dispute, so this policy needs it on the panel, but the panel seats only members of the full board and ${problem}.`,
      );
    }
  }
  return reasons.length ? { reasons, alternatives: [...ALTERNATIVES], notOnBoardIds } : null;
}

type Ctx = {
  p: PanelProposal;
  date: string | null;
  dateProblem: string | null;
  noun: 'panel' | 'meeting';
  disputingIds: Set<number>;
  unformable: ReturnType<typeof panelCannotBeFormed>;
  /** The chair's departure, when the panel cannot be formed and the reason is long enough. */
  departure: string | null;
};
const check = (number: PanelCheck['number'], title: string, messages: string[], failing: boolean, warning = false): PanelCheck => ({
  number,
  title,
  messages,
  status: failing ? 'fail' : warning ? 'warning' : 'pass',
});

function checkAgencies({ p, noun }: Ctx): PanelCheck {
  const chosen = p.seats.flatMap((s) => (s.agency ? [s.agency] : []));
  const messages: string[] = [];
  for (const a of uniqueById(chosen)) {
    const n = chosen.filter((c) => c.id === a.id).length;
    if (n > 1)
      messages.push(
        `${a.name} is chosen ${n === 2 ? 'twice' : `${n} times`}: choose a different agency for ${n === 2 ? 'one of its seats' : 'all but one of its seats'}.`,
      );
  }
  const n = chosen.length;
  const isAre = n === 1 ? 'is' : 'are';
  if (p.rule.kind === 'three_agency_panel') {
    if (n !== 3)
      messages.push(
        `A resolution panel needs exactly three agencies; ${n} ${isAre} chosen: ${n < 3 ? `add ${n === 0 ? 'three' : `${3 - n} more`}` : `remove ${n - 3}`}.`,
      );
    const ok = messages.length === 0;
    return check(1, 'Exactly three agencies, each once', ok ? [`Three agencies: ${listNames(chosen.map((a) => a.name))}.`] : messages, !ok);
  }
  if (n < 2)
    messages.push(
      `A meeting under this policy needs at least two agencies, the agencies in dispute; ${n} ${isAre} chosen: add ${2 - n} more.`,
    );
  const ok = messages.length === 0;
  return check(
    1,
    'At least two agencies, each once',
    ok ? [`${plural(n, 'agency', 'agencies')} at the ${noun}: ${listNames(chosen.map((a) => a.name))}.`] : messages,
    !ok,
  );
}

function checkSeats({ p, date, dateProblem, unformable, departure }: Ctx): PanelCheck {
  const { rule } = p;
  const messages: string[] = dateProblem ? [dateProblem] : [];
  // An agency in dispute that cannot sit under the hard rule: not a seat to change (taking it off
  // fails "must sit"), but the reason the policy's panel cannot be formed.
  const departed: string[] = [];
  for (const { agency, officer } of p.seats) {
    if (!agency) {
      if (officer) messages.push(`Choose the agency that ${officer.name} sits for.`);
      continue;
    }
    if (date && unformable?.notOnBoardIds.includes(agency.id)) {
      const problem = notOnBoard(agency, date);
      departed.push(
        departure
          ? `${problem}; it sits under the chair’s recorded departure from the policy.`
          : `${problem}, and it is in dispute: ${CANNOT_BE_FORMED.toLowerCase()} (see check 3).`,
      );
    } else if (date) {
      const problem = rule.membersMustBeFullBoard
        ? boardProblem(agency, date, 'choose a board-member agency for this seat')
        : retiredBy(agency, date)
          ? boardProblem(agency, date, 'choose an agency that is still active for this seat')
          : null;
      if (problem) messages.push(problem);
    }
    if (!officer) {
      messages.push(`Name the officer who will sit for ${agency.name}.`);
      continue;
    }
    if (officer.agencyId !== agency.id) {
      // The other flags (senior, representative) describe the officer's new post, so stop here.
      messages.push(
        `${officer.name} is now recorded at ${officer.agencyName}, not ${agency.name}: choose an officer of ${agency.name} for this seat.`,
      );
      continue;
    }
    if (date && !inPostOn(officer, date))
      messages.push(
        `${officer.name} is recorded as leaving ${agency.name} on ${ukDate(officer.leftOn ?? date)}, so is not in post on ${ukDate(date)}: choose an officer in post for this seat.`,
      );
    if (rule.seniorOfficersOnly && !officer.senior)
      messages.push(
        `${officer.name} is not recorded as a senior officer of ${agency.name}, and this policy seats senior officers only: choose a senior officer for this seat.`,
      );
    if (rule.boardRepresentativesOnly && !officer.boardRepresentative)
      messages.push(
        `${officer.name} is not ${agency.name}’s board representative, and this policy seats board representatives only: choose its board representative for this seat.`,
      );
  }
  const who = rule.boardRepresentativesOnly
    ? 'its board representative'
    : rule.seniorOfficersOnly
      ? 'a senior officer of that agency'
      : 'an officer of that agency';
  const pass =
    rule.membersMustBeFullBoard && date
      ? `Each agency is a member of the full board on ${ukDate(date)}, and its officer is ${who}, in post.`
      : `Each officer is ${who}, in post on the date.`;
  if (departed.length && !departure) return check(2, 'Board membership and officers on the date', [...departed, ...messages], true);
  if (departed.length) return check(2, 'Board membership and officers on the date', [...departed, ...messages], messages.length > 0, true);
  return check(2, 'Board membership and officers on the date', messages.length ? messages : [pass], messages.length > 0);
}

function checkDisputing({ p, noun, unformable, departure }: Ctx): { check: PanelCheck; needsReason: boolean } {
  const title = `The agencies in dispute are on the ${noun}`;
  const disputing = uniqueById(p.disputing);
  if (disputing.length === 0)
    return {
      check: check(
        3,
        title,
        ['No agencies in dispute are recorded for this escalation: record them so the panel can be checked against them.'],
        false,
        true,
      ),
      needsReason: false,
    };
  const seated = new Set(p.seats.flatMap((s) => (s.agency ? [s.agency.id] : [])));
  const missing = disputing.filter((d) => !seated.has(d.id));
  const required = p.rule.disputingAgenciesOnPanel === 'required';
  const overflow = p.rule.kind === 'three_agency_panel' && disputing.length > 3;
  if (unformable) {
    // The hard rule cannot be met whoever sits: say so, never relax it to "where possible".
    const messages = [...unformable.reasons, `${CANNOT_BE_FORMED}.`];
    const canSit = overflow ? [] : missing.filter((m) => !unformable.notOnBoardIds.includes(m.id));
    for (const m of canSit) messages.push(`${m.name} is in dispute and can sit: give it a seat.`);
    if (departure)
      return {
        check: check(
          3,
          title,
          [...messages, `The chair has recorded a departure from the policy: “${departure}”`],
          canSit.length > 0,
          true,
        ),
        needsReason: false,
      };
    const written = (p.departureReason ?? '').trim();
    messages.push(
      written
        ? `The chair’s reason for departing from the policy is too short: write at least ${MIN_DEPARTURE_REASON} characters.`
        : 'The chair can instead resolve it directly with the senior managers, or record a departure from the policy with a written reason.',
    );
    return { check: check(3, title, messages, true), needsReason: false };
  }
  const messages: string[] = [];
  if (overflow)
    messages.push(
      `A three-seat panel cannot hold all ${disputing.length} agencies in dispute (${listNames(disputing.map((d) => d.name))}).`,
    );
  if (missing.length === 0)
    return {
      check: check(
        3,
        title,
        [...messages, `Every agency in dispute is on the ${noun}: ${listNames(disputing.map((d) => d.name))}.`],
        false,
      ),
      needsReason: false,
    };
  if (required && !overflow) {
    for (const m of missing)
      messages.push(`${m.name} is in dispute and this policy requires every agency in dispute to sit on the ${noun}: give it a seat.`);
    return { check: check(3, title, messages, true), needsReason: false };
  }
  const left = listNames(missing.map((m) => m.name));
  const [verb, it] = missing.length === 1 ? ['is', 'it'] : ['are', 'them'];
  const reason = p.wherePossibleReason.trim();
  if (reason.length < MIN_WHERE_POSSIBLE_REASON) {
    const fix = overflow
      ? `write the chair’s reason for leaving ${it} off`
      : `give ${it} a seat, or write the chair’s reason for leaving ${it} off`;
    messages.push(`${left} ${verb} in dispute but not on the ${noun}: ${fix} (at least ${MIN_WHERE_POSSIBLE_REASON} characters).`);
    return { check: check(3, title, messages, true), needsReason: true };
  }
  messages.push(`${left} ${verb} in dispute but not on the ${noun}. The chair’s reason: “${reason}”`);
  return { check: check(3, title, messages, false, true), needsReason: true };
}

function checkChair({ p, date, noun, disputingIds }: Ctx): PanelCheck {
  const { officer, name } = p.chair;
  const title = 'The chair comes from an uninvolved agency';
  const leftMessage = (o: PanelOfficer, d: string) =>
    `${o.name} is recorded as leaving ${o.agencyName} on ${ukDate(o.leftOn ?? d)}, so is not in post on ${ukDate(d)}: choose a chair in post.`;
  if (!p.rule.chairAgencyMustBeUninvolved) {
    // Any chair will do here, even a name only; but a directory officer who has left cannot chair.
    if (officer && date && !inPostOn(officer, date)) return check(4, 'The chair', [leftMessage(officer, date)], true);
    return {
      number: 4,
      title: 'The chair',
      status: 'not_applicable',
      messages: ['This policy does not require the chair to come from an agency not in dispute.'],
    };
  }
  if (!officer) {
    const named = name.trim();
    return check(
      4,
      title,
      [
        named
          ? `${named} is not an officer in the agency directory: this policy needs the chair to be a board member from an agency not in dispute, so choose the chair from the directory.`
          : `Choose who will chair the ${noun}: a board member from an agency not in dispute.`,
      ],
      true,
    );
  }
  const fails: string[] = [];
  let unchecked: string | null = null;
  if (disputingIds.has(officer.agencyId))
    fails.push(
      `${officer.name} is from ${officer.agencyName}, which is in dispute: choose a chair from an agency not involved in the disagreement.`,
    );
  if (date && !inPostOn(officer, date)) fails.push(leftMessage(officer, date));
  if (date && p.rule.membersMustBeFullBoard) {
    const agency = [p.chair.agency, ...p.seats.map((s) => s.agency)].find((a) => a?.id === officer.agencyId);
    if (agency) {
      const problem = boardProblem(agency, date, 'choose a chair from a board-member agency');
      if (problem) fails.push(problem);
    } else {
      // The proposal carries no record of that agency: say so rather than pass a chair nobody checked.
      unchecked = `The board membership of ${officer.agencyName} could not be checked: make sure it is a member of the full board on ${ukDate(date)}.`;
    }
  }
  if (fails.length) return check(4, title, fails, true);
  if (unchecked) return check(4, title, [unchecked], false, true);
  return check(4, title, [`${officer.name} (${officer.agencyName}) chairs, and ${officer.agencyName} is not in dispute.`], false);
}

function checkPeople({ p, noun }: Ctx): PanelCheck {
  const messages: string[] = [];
  const parties = p.partiesToDisagreement;
  for (const { agency, officer } of p.seats)
    if (officer && isPartyTo(parties, officer))
      messages.push(
        `${officer.name} is a party to the disagreement and cannot sit on the ${noun}: choose another officer of ${agency?.name ?? officer.agencyName}.`,
      );
  const chairName = p.chair.officer?.name ?? p.chair.name.trim();
  if (chairName && isPartyTo(parties, { id: p.chair.officer?.id ?? null, name: chairName, email: p.chair.officer?.email ?? '' }))
    messages.push(`${chairName} is a party to the disagreement and cannot chair the ${noun}: choose another chair.`);
  const officers = p.seats.flatMap((s) => (s.officer ? [s.officer] : []));
  for (const o of uniqueById(officers)) {
    const n = officers.filter((x) => x.id === o.id).length;
    if (n > 1)
      messages.push(
        `${o.name} is chosen for ${n === 2 ? 'two seats' : `${n} seats`}: choose a different officer for ${n === 2 ? 'one of them' : 'all but one of them'}.`,
      );
  }
  const chairSits = p.chair.officer
    ? officers.some((o) => o.id === p.chair.officer?.id)
    : chairName !== '' && officers.some((o) => personKey(o.name) === personKey(chairName));
  // Bromley and Torbay name no separate chair: one of the three may chair. Birmingham's chair does not sit.
  if (chairSits && !p.rule.chairMayBeMember)
    messages.push(
      `${chairName} is both the chair and a member of the ${noun}, and this policy needs a separate chair: choose someone else for one of the two roles.`,
    );
  const pass = `No one on the ${noun} is a party to the disagreement, and nobody sits twice.${chairSits ? ` ${chairName} chairs from one of the seats, as this policy allows.` : ''}`;
  return check(5, 'No party to the disagreement, nobody twice', messages.length ? messages : [pass], messages.length > 0);
}

function checkTimescale({ p, date, dateProblem, noun }: Ctx): { check: PanelCheck; late: number | null } {
  const title = 'Within the stage’s timescale';
  if (!date) return { check: check(6, title, [dateProblem ?? ''], true), late: null };
  const when = ukDate(date);
  const { stage } = p;
  const stageLabel = `stage ${stage.number} (${stage.name})`;
  const warnings: string[] = [];
  if (isRealIsoDate(p.today) && date < p.today)
    warnings.push(
      `This ${noun}’s date has passed: ${when} is before today (${ukDate(p.today)}). If it has already sat, record its decision; if not, choose a new date.`,
    );
  if (!isWorkingDay(p.calendar, date))
    warnings.push(`${when} is not a working day (a weekend, bank holiday or closure day): check the date.`);
  if (!stage.dueOn || !isRealIsoDate(stage.dueOn)) {
    const note = `${stageLabel[0]?.toUpperCase()}${stageLabel.slice(1)} has no due date, so the ${noun} cannot be late.`;
    if (warnings.length) return { check: check(6, title, [...warnings, note], false, true), late: null };
    return { check: { number: 6, title, status: 'not_applicable', messages: [note] }, late: null };
  }
  const due = ukDate(stage.dueOn);
  if (date <= stage.dueOn)
    return {
      check: check(
        6,
        title,
        [...warnings, `The ${noun} sits on ${when}, within ${stageLabel}, which is due on ${due}.`],
        false,
        warnings.length > 0,
      ),
      late: 0,
    };
  const late = workingDaysBetween(p.calendar, stage.dueOn, date);
  return {
    check: check(
      6,
      title,
      [`The ${noun} sits ${plural(late, 'working day')} after ${stageLabel} is due on ${due}.`, ...warnings],
      false,
      true,
    ),
    late,
  };
}

/** Checks a proposed panel against its rule on the date it sits. Never throws. */
export function checkPanel(p: PanelProposal): PanelCheckResult {
  if (p.rule.kind === 'none') {
    const na = (number: PanelCheck['number'], title: string, messages: string[] = []): PanelCheck => ({
      number,
      title,
      status: 'not_applicable',
      messages,
    });
    return {
      valid: false, // a panel that the policy does not provide for cannot be convened
      checks: [
        na(1, 'No panel in this policy', [
          'This policy does not provide for a panel: the board chair resolves the disagreement another way.',
        ]),
        na(2, 'Board membership and officers on the date'),
        na(3, 'The agencies in dispute are on the panel'),
        na(4, 'The chair'),
        na(5, 'No party to the disagreement, nobody twice'),
        na(6, 'Within the stage’s timescale'),
      ],
      needsWherePossibleReason: false,
      workingDaysLate: null,
      cannotBeFormed: null,
      departureReason: null,
      heldUnderDeparture: false,
    };
  }
  const noun = p.rule.kind === 'uninvolved_chair_meeting' ? 'meeting' : 'panel';
  const sits = noun === 'panel' ? 'will sit' : 'will be held';
  const raw = p.sitsOn?.trim() ?? '';
  const date = raw && isRealIsoDate(raw) ? raw : null;
  const dateProblem = date
    ? null
    : raw
      ? `“${raw}” is not a real date: choose the date the ${noun} ${sits}.`
      : `Choose the date the ${noun} ${sits}.`;
  const unformable = panelCannotBeFormed(p.rule, p.disputing, date);
  const written = (p.departureReason ?? '').trim();
  const departure = unformable && written.length >= MIN_DEPARTURE_REASON ? written : null;
  const ctx: Ctx = { p, date, dateProblem, noun, disputingIds: new Set(p.disputing.map((d) => d.id)), unformable, departure };
  const disputing = checkDisputing(ctx);
  const timescale = checkTimescale(ctx);
  const checks = [checkAgencies(ctx), checkSeats(ctx), disputing.check, checkChair(ctx), checkPeople(ctx), timescale.check];
  const passes = checks.every((c) => c.status !== 'fail');
  return {
    valid: passes && !unformable,
    checks,
    needsWherePossibleReason: disputing.needsReason,
    workingDaysLate: timescale.late,
    cannotBeFormed: unformable ? { reasons: unformable.reasons, alternatives: unformable.alternatives } : null,
    departureReason: departure,
    heldUnderDeparture: passes && departure !== null,
  };
}
