// One reference key (shared/domain/caseReference.ts) for every place a case reference is matched:
// logging a case (its duplicate check), the register's search and the agency-return import agree.
import { afterEach, describe, expect, it } from 'vitest';
import { referenceKey } from '../../shared/domain/caseReference';
import { registerQuery } from '../../shared/domain/escalation';
import { logEscalation, seedBoard } from '../support/boardFixture';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';
import { NOW, day, fillReturn, importReturn, makeTemplate } from '../support/workbooks';

let desk: TestDesk | null = null;
afterEach(() => {
  desk?.cleanup();
  desk = null;
});

const keyOf = (reference: string) =>
  (desk!.store.reader.prepare('SELECT reference_key AS k FROM escalation WHERE reference = ?').get(reference) as { k: string }).k;
const found = (search: string) =>
  ok(desk!.call('escalations:list', registerQuery.parse({ search, limit: 50 })))
    .rows.map((r) => r.reference)
    .sort();

describe('the reference key', () => {
  it('is the reference in capitals, whatever case it was typed in', () => {
    expect(referenceKey('nc/ref-7')).toBe('NC/REF-7');
    expect(referenceKey('NC/Ref-7')).toBe(referenceKey('nc/REF-7'));
  });

  it('is what a logged case and an imported case store, what the search matches and what the duplicate check compares', async () => {
    desk = openTestDesk({ now: () => NOW });
    const board = seedBoard(desk, 'bromley');
    logEscalation(desk, board, { reference: 'nc/ref-7' });
    const bytes = await fillReturn(await makeTemplate(desk, board.school), {
      rows: [
        {
          reference: 'nc/ret-9',
          initials: 'AB',
          challenged: 'Bristol City Council',
          category: 'Level of need or threshold',
          raised: day(2026, 7, 15),
          stage: '2 - Escalate to line manager',
          outcome: 'Still open',
        },
      ],
    });
    expect(await importReturn(desk, 'return.xlsx', bytes)).toMatchObject({ ok: true });

    expect(keyOf('nc/ref-7')).toBe(referenceKey('nc/ref-7'));
    expect(keyOf('nc/ret-9')).toBe(referenceKey('nc/ret-9'));
    expect(found('NC/RE')).toEqual(['nc/ref-7', 'nc/ret-9']);
    expect(found('Nc/Ret')).toEqual(['nc/ret-9']);

    const again = desk.dispatch('escalations:create', { ...logArgs(board), reference: 'NC/REF-7' });
    expect(again.ok ? '' : again.error.message).toMatch(/already has an open escalation with case reference NC\/REF-7/);
  });
});

function logArgs(board: ReturnType<typeof seedBoard>) {
  return {
    reference: 'CS-1001',
    childInitials: 'AB',
    raisingAgencyId: board.school,
    raisingWorkerRole: 'Designated safeguarding lead',
    raisingWorkerEmail: 'dsl@hollyfield.example.uk',
    challengedAgencyIds: [board.council],
    categoryId: board.categoryId,
    childStatus: 'child_in_need',
    summary: 'The school believes the threshold decision leaves the child without a plan.',
    openedOn: '2026-11-16',
    immediateRisk: false,
  };
}
