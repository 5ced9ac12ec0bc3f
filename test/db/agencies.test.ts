import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sector } from '../../shared/domain/agency';
import { auditFor } from '../../electron/services/audit';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';
import { onLatest } from '../support/latest';

let desk: TestDesk;
beforeEach(() => {
  desk = openTestDesk();
});
afterEach(() => desk.cleanup());

const create = (name: string, sector: Sector = 'police', statutoryPartner = false) =>
  ok(desk.call('agencies:create', { name, sector, statutoryPartner }));

describe('agency directory', () => {
  it('adds, lists and edits agencies', () => {
    const police = create('Avon and Somerset Police', 'police', true);
    create('Hollyfield Primary School', 'education');
    const list = ok(desk.call('agencies:list', {}));
    expect(list.map((a) => a.name)).toEqual(['Avon and Somerset Police', 'Hollyfield Primary School']);
    const edited = ok(
      onLatest(desk, 'agencies:update', {
        agencyId: police.id,
        name: 'Avon & Somerset Constabulary',
        sector: 'police',
        statutoryPartner: true,
      }),
    );
    expect(edited.name).toBe('Avon & Somerset Constabulary');
  });

  it('refuses a duplicate name, ignoring case and spacing, and names the clash', () => {
    create('Bromley Children’s Social Care', 'childrens_social_care', true);
    const result = desk.call('agencies:create', {
      name: '  bromley   children’s social care ',
      sector: 'childrens_social_care',
      statutoryPartner: true,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('An agency called “Bromley Children’s Social Care” is already in the directory');
    expect(ok(desk.call('agencies:list', {}))).toHaveLength(1);
  });

  it('refuses renaming onto another agency’s name', () => {
    create('Torbay Council');
    const other = create('Devon Partnership NHS Trust', 'health');
    const result = onLatest(desk, 'agencies:update', {
      agencyId: other.id,
      name: 'TORBAY COUNCIL',
      sector: 'health',
      statutoryPartner: false,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('“Torbay Council”');
  });

  it('keeps board membership history so “was it a member on date D?” can be answered after retirement', () => {
    const school = create('St Marychurch Pre-school', 'early_years');
    ok(onLatest(desk, 'memberships:add', { agencyId: school.id, from: '2024-04-01', to: '2025-03-31' }));
    ok(onLatest(desk, 'memberships:add', { agencyId: school.id, from: '2025-09-01' }));
    const retired = ok(onLatest(desk, 'agencies:retire', { agencyId: school.id, retiredOn: '2026-06-30' }));
    expect(retired.retiredOn).toBe('2026-06-30');
    expect(retired.memberships).toEqual([
      expect.objectContaining({ from: '2024-04-01', to: '2025-03-31' }),
      expect.objectContaining({ from: '2025-09-01', to: '2026-06-30' }),
    ]);
    const membersOn = (date: string) => ok(desk.call('board:membersOn', { date })).map((m) => m.agency.name);
    expect(membersOn('2024-04-01')).toEqual(['St Marychurch Pre-school']);
    expect(membersOn('2025-06-01')).toEqual([]);
    expect(membersOn('2026-06-30')).toEqual(['St Marychurch Pre-school']);
    expect(membersOn('2026-07-01')).toEqual([]);
    expect(ok(desk.call('agencies:list', {}))).toHaveLength(0);
    expect(ok(desk.call('agencies:list', { includeRetired: true }))).toHaveLength(1);
  });

  it('refuses overlapping membership periods and periods that end before they start', () => {
    const a = create('Bexley Council', 'childrens_social_care', true);
    ok(onLatest(desk, 'memberships:add', { agencyId: a.id, from: '2025-04-01' }));
    const overlap = onLatest(desk, 'memberships:add', { agencyId: a.id, from: '2024-01-01', to: '2025-04-01' });
    expect(overlap.ok).toBe(false);
    if (!overlap.ok) expect(overlap.error.message).toContain('already a board member from 1 Apr 2025');
    const backwards = onLatest(desk, 'memberships:add', { agencyId: a.id, from: '2023-05-01', to: '2023-04-01' });
    expect(backwards.ok).toBe(false);
    if (!backwards.ok)
      expect(backwards.error.problems).toEqual([{ where: 'Board membership, to', message: 'The membership cannot end before it starts' }]);
  });

  it('keeps one board representative per agency and lists senior officers in post on a date', () => {
    const a = create('Bristol City Council', 'childrens_social_care', true);
    ok(onLatest(desk, 'memberships:add', { agencyId: a.id, from: '2020-01-01' }));
    const first = ok(
      onLatest(desk, 'officers:add', {
        agencyId: a.id,
        name: 'Jo Carter',
        role: 'Director of Children’s Services',
        email: 'jo.carter@bristol.gov.uk',
        senior: true,
        boardRepresentative: true,
      }),
    );
    expect(first.boardRepresentative).toBe('Jo Carter');
    const second = ok(
      onLatest(desk, 'officers:add', {
        agencyId: a.id,
        name: 'Sam Patel',
        role: 'Head of Safeguarding',
        email: 'sam.patel@bristol.gov.uk',
        senior: true,
        boardRepresentative: true,
      }),
    );
    expect(second.boardRepresentative).toBe('Sam Patel');
    expect(second.officers.filter((o) => o.boardRepresentative).map((o) => o.name)).toEqual(['Sam Patel']);
    const jo = second.officers.find((o) => o.name === 'Jo Carter')!;
    ok(onLatest(desk, 'officers:leave', { officerId: jo.id, leftOn: '2026-01-31' }));
    const onDate = ok(desk.call('board:membersOn', { date: '2026-01-15' }));
    expect(onDate[0]!.seniorOfficers.map((o) => o.name)).toEqual(['Jo Carter', 'Sam Patel']);
    const later = ok(desk.call('board:membersOn', { date: '2026-03-01' }));
    expect(later[0]!.seniorOfficers.map((o) => o.name)).toEqual(['Sam Patel']);
  });

  it('writes an audit entry for every change, with before and after', () => {
    const a = create('Devon and Cornwall Police', 'police', true);
    ok(onLatest(desk, 'agencies:update', { agencyId: a.id, name: 'Devon & Cornwall Police', sector: 'police', statutoryPartner: true }));
    const trail = auditFor(desk.store.reader, 'agency', a.id);
    expect(trail.map((e) => e.action)).toEqual(['agency.create', 'agency.update']);
    expect(trail[1]).toMatchObject({
      actor: 'test coordinator',
      before: { name: 'Devon and Cornwall Police' },
      after: { name: 'Devon & Cornwall Police' },
    });
  });
});
