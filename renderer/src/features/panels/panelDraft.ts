// The panel the chair is editing, as the screen holds it, and the one shape every panel channel
// (check, suggest, save) is sent. Seats are padded to the rule's seat count when sent.
import type { ChannelInput, ChannelOutput } from '../../../../shared/contract';
import type { PanelDetail } from '../../../../shared/domain/panel';

export type PanelOptions = ChannelOutput<'panels:options'>;
export type PanelChecks = ChannelOutput<'panels:check'>;
export type DraftInput = ChannelInput<'panels:check'>;

export interface SeatDraft {
  agencyId: number | null;
  officerId: number | null;
}

export interface PlannerDraft {
  sitsOn: string;
  /** An officer from the directory chairs, or (null) someone named in chairName. */
  chairOfficerId: number | null;
  chairName: string;
  seats: SeatDraft[];
  wherePossibleReason: string;
  /** Only where the policy's panel cannot be formed: the chair's reason for departing from it. */
  departureReason: string;
}

export const EMPTY_SEAT: SeatDraft = { agencyId: null, officerId: null };

export const isIsoDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** Three seats for a three-agency panel; otherwise as many as the options say (at least two). */
export function seatCountFor(options: PanelOptions | null): number {
  if (!options) return 3;
  return options.rule.kind === 'three_agency_panel' ? 3 : options.seatCount;
}

export function padSeats(seats: readonly SeatDraft[], count: number): SeatDraft[] {
  return seats.length >= count ? [...seats] : [...seats, ...Array.from({ length: count - seats.length }, () => EMPTY_SEAT)];
}

export function newDraft(sitsOn: string): PlannerDraft {
  return { sitsOn, chairOfficerId: null, chairName: '', seats: [], wherePossibleReason: '', departureReason: '' };
}

export function draftFromPanel(p: PanelDetail): PlannerDraft {
  return {
    sitsOn: p.sitsOn,
    chairOfficerId: p.chairOfficerId,
    chairName: p.chairOfficerId === null ? p.chairName : '',
    seats: p.seats.map((s) => ({ agencyId: s.agencyId, officerId: s.officerId })),
    wherePossibleReason: p.wherePossibleReason,
    departureReason: p.departureReason,
  };
}

export function draftInput(escalationId: number, draft: PlannerDraft, seatCount: number): DraftInput {
  return {
    escalationId,
    sitsOn: isIsoDate(draft.sitsOn) ? draft.sitsOn : null,
    chairOfficerId: draft.chairOfficerId,
    chairName: draft.chairOfficerId === null ? draft.chairName : '',
    seats: padSeats(draft.seats, seatCount),
    wherePossibleReason: draft.wherePossibleReason,
    departureReason: draft.departureReason,
  };
}

export const CHECK_STATUS = { pass: 'Pass', fail: 'Fail', warning: 'Warning', not_applicable: 'Not applicable' } as const;

export function countWord(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
