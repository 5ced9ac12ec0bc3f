// The referral e-mail to the independent chair goes to the address the board keeps in its
// settings, beside its name: a board setting like the others, versioned and validated.
import { afterEach, describe, expect, it } from 'vitest';
import { logEscalation, seedBoard } from '../support/boardFixture';
import { onLatest } from '../support/latest';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';

let desk: TestDesk;
afterEach(() => desk.cleanup());

const NAME = 'Bexley Safeguarding Children Partnership';

describe('the chair’s e-mail address', () => {
  it('addresses the referral e-mail once the board records it, and keeps it when other details change', () => {
    desk = openTestDesk({ now: () => new Date('2026-11-23T10:00:00Z') });
    const board = seedBoard(desk, 'bexley');
    const e = logEscalation(desk, board);
    const before = ok(desk.call('escalations:chairReferral', { escalationId: e.id }));
    expect(before.to).toBe('');
    expect(before.mailto).toMatch(/^mailto:\?subject=/);
    expect(ok(desk.call('settings:get', {})).chairEmail).toBe('');

    const saved = ok(onLatest(desk, 'settings:update', { boardName: NAME, quarterStartMonth: 4, chairEmail: ' Chair@Bexley-SCP.gov.uk ' }));
    expect(saved.chairEmail).toBe('Chair@Bexley-SCP.gov.uk');
    const after = ok(desk.call('escalations:chairReferral', { escalationId: e.id }));
    expect(after.to).toBe('Chair@Bexley-SCP.gov.uk');
    expect(after.mailto).toMatch(/^mailto:Chair@Bexley-SCP\.gov\.uk\?subject=For%20the%20attention%20of%20the%20independent%20chair/);

    // A caller that leaves the address out (an older form, the command line) changes only what it names.
    ok(onLatest(desk, 'settings:update', { boardName: `${NAME} (renamed)`, quarterStartMonth: 4 }));
    expect(ok(desk.call('settings:get', {})).chairEmail).toBe('Chair@Bexley-SCP.gov.uk');
    // Cleared on purpose: the draft is left for the sender to address again.
    ok(onLatest(desk, 'settings:update', { boardName: NAME, quarterStartMonth: 4, chairEmail: '' }));
    expect(ok(desk.call('escalations:chairReferral', { escalationId: e.id })).to).toBe('');
    const audit = desk.store.reader.prepare("SELECT after_json FROM audit_entry WHERE action = 'board.settings' ORDER BY id").all() as {
      after_json: string;
    }[];
    expect(audit.map((a) => JSON.parse(a.after_json).chairEmail)).toEqual(['Chair@Bexley-SCP.gov.uk', undefined, '']);
  });

  it('refuses an address that is not one, in plain words, and changes nothing', () => {
    desk = openTestDesk({ now: () => new Date('2026-11-23T10:00:00Z') });
    seedBoard(desk, 'bexley');
    ok(onLatest(desk, 'settings:update', { boardName: NAME, quarterStartMonth: 4, chairEmail: 'chair@bexley-scp.gov.uk' }));
    const settings = ok(desk.call('settings:get', {}));
    const refused = onLatest(desk, 'settings:update', { boardName: 'Another name', quarterStartMonth: 1, chairEmail: 'the chair' });
    expect(refused).toMatchObject({ ok: false });
    expect(JSON.stringify(refused)).toContain('Enter the chair’s e-mail address like chair@safeguarding-board.gov.uk');
    expect(ok(desk.call('settings:get', {}))).toEqual(settings);
  });
});
