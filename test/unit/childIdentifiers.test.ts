import { describe, expect, it } from 'vitest';
import { possibleChildIdentifiers, possibleFullNames } from '../../shared/domain/childIdentifiers';
import { requiredNotifications, scopeRefusal } from '../../shared/domain/escalation';

describe('possible full names', () => {
  it('finds two capitalised words that are not common or known names', () => {
    expect(possibleFullNames('Concern about Jayden Okafor and his sister.')).toEqual(['Jayden Okafor']);
    expect(possibleFullNames('Mary-Jane O’Brien lives with her mum')).toEqual(['Mary-Jane O’Brien']);
    expect(possibleFullNames('Leo McDonald’s school')).toEqual(['Leo McDonald']);
  });
  it('does not flag agencies, services, roles, days or professionals the directory knows', () => {
    expect(possibleFullNames('Children’s Social Care and Avon Police met on Monday with the Designated Safeguarding Lead.')).toEqual([]);
    expect(
      possibleFullNames('Dana Whitfield from Hollyfield Primary School attended.', ['Dana Whitfield', 'Hollyfield Primary School']),
    ).toEqual([]);
  });
  it('treats initials and case references as safe', () => {
    expect(possibleFullNames('Child AB, case CS-1001, seen by DS Jones.')).toEqual([]);
  });
});

describe('possible child identifiers: lower case and single given names', () => {
  it('finds a full name written in lower case, and a single listed given name however it is written', () => {
    expect(possibleChildIdentifiers('concern about jayden okafor at home')).toEqual([{ text: 'jayden okafor', kind: 'full name' }]);
    expect(possibleChildIdentifiers('mum said jayden was hungry')).toEqual([{ text: 'jayden', kind: 'given name' }]);
    expect(possibleChildIdentifiers('Amelia was not brought to the appointment')).toEqual([{ text: 'Amelia', kind: 'given name' }]);
  });
  it('takes a given name that is also an ordinary word only where it is written as a name', () => {
    expect(possibleChildIdentifiers('The visitor will chase the GP and grace the meeting with a rose')).toEqual([]);
    expect(possibleChildIdentifiers('We spoke to Grace at home')).toEqual([{ text: 'Grace', kind: 'given name' }]);
  });
  it('passes over every word of a known professional’s name, in any case, and dates written short', () => {
    expect(possibleChildIdentifiers('dana and Whitfield met on 12 Jan', ['Dana Whitfield'])).toEqual([]);
    expect(possibleChildIdentifiers('Dana met the family', [])).toEqual([{ text: 'Dana', kind: 'given name' }]);
  });
});

describe('scope and notifications', () => {
  it('refuses what is not a multi-agency escalation and says where it belongs', () => {
    expect(scopeRefusal({ matter: 'complaint', raisingAgencyId: 1, challengedAgencyIds: [2] })).toMatch(/complaints procedure/);
    expect(scopeRefusal({ matter: 'multi_agency_disagreement', raisingAgencyId: 1, challengedAgencyIds: [1] }, 'Torbay Council')).toMatch(
      /Torbay Council cannot escalate against itself/,
    );
    expect(scopeRefusal({ matter: 'multi_agency_disagreement', raisingAgencyId: 1, challengedAgencyIds: [2] })).toBeNull();
  });
  it('requires the CP chair for a plan, the IRO for a looked-after child, and the board manager from its stage', () => {
    expect(requiredNotifications('child_protection_plan', 1, null)).toEqual(['child_protection_chair']);
    expect(requiredNotifications('looked_after', 1, 3)).toEqual(['independent_reviewing_officer']);
    expect(requiredNotifications('child_in_need', 3, 3)).toEqual(['board_manager']);
    expect(requiredNotifications('early_help', 2, 3)).toEqual([]);
  });
});
