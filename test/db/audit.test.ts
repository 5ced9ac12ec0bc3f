import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../electron/services/audit';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';
import { openTestDb } from '../support/testKey';

let desk: TestDesk;
beforeEach(() => {
  desk = openTestDesk();
  for (const name of ['Agency One', 'Agency Two', 'Agency Three'])
    ok(desk.call('agencies:create', { name, sector: 'other', statutoryPartner: false }));
});
afterEach(() => desk.cleanup());

describe('audit trail', () => {
  it('is refused UPDATE and DELETE by SQLite itself', () => {
    expect(() => desk.store.writer.prepare("UPDATE audit_entry SET actor = 'someone else'").run()).toThrow(/audit trail cannot be changed/);
    expect(() => desk.store.writer.prepare('DELETE FROM audit_entry').run()).toThrow(/audit trail cannot be deleted/);
    expect(desk.store.reader.prepare('SELECT count(*) AS n FROM audit_entry').get()).toEqual({ n: 3 });
  });

  it('chains each entry to the one before, and a change made behind the app’s back is found at the first altered entry', () => {
    expect(verifyAuditChain(desk.store.reader)).toEqual({ checked: 3, firstBadEntryId: null });
    const intruder = openTestDb(desk.store.file);
    intruder.exec('DROP TRIGGER audit_entry_no_update');
    intruder.prepare('UPDATE audit_entry SET after_json = \'{"name":"Someone Else"}\' WHERE id = 2').run();
    intruder.close();
    expect(verifyAuditChain(desk.store.reader)).toEqual({ checked: 1, firstBadEntryId: 2 });
  });
});
