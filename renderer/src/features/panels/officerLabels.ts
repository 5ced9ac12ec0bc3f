import type { PanelOptions } from './panelDraft';

type AgencyOption = PanelOptions['agencies'][number];
type OfficerOption = AgencyOption['officers'][number];

/** "Sirona Care and Health · board member · in dispute": the marks are words, read out with the option. */
export function agencyLabel(a: AgencyOption): string {
  return [a.name, a.boardMember ? 'board member' : 'not on the full board', ...(a.disputing ? ['in dispute'] : [])].join(' · ');
}

export function officerLabel(o: OfficerOption): string {
  // The party mark comes straight after the name, so a narrow select never cuts it off.
  const marks = [
    o.isParty && 'party to the disagreement',
    o.role,
    o.senior && 'senior officer',
    o.boardRepresentative && 'board representative',
  ].filter(Boolean);
  return [o.name, ...marks].join(' · ');
}
