// Formula-like text typed into names (starting with = + - @, or a tab or carriage return) stays
// text in the workbooks the app writes: a cell holding it is a string, never a formula. The app
// writes no CSV file (exports are .xlsx only), so there is no CSV output to neutralise.
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeBoardReturn } from '../../electron/services/returns/boardReturn';
import { chooseProfile } from '../support/boardFixture';
import { ok, openTestDesk, type TestDesk } from '../support/tempStore';
import { onLatest } from '../support/latest';

const NOW = new Date('2026-11-23T10:00:00Z');
const HOSTILE = [
  '=HYPERLINK("http://example.invalid","Open")',
  '+SUM(1,2)',
  '-2+3 Council',
  '@SUM(A1)',
  '\tTabbed Trust',
  '\rReturned Service',
];

let desk: TestDesk;
afterEach(() => desk.cleanup());

describe('formula-like text in the workbooks', () => {
  it('stays text: agency and theme names that look like formulas are written as strings', async () => {
    desk = openTestDesk({ now: () => NOW });
    chooseProfile(desk, 'bromley');
    const ids = HOSTILE.map((name) => ok(desk.call('agencies:create', { name, sector: 'health', statutoryPartner: false })).id);
    const theme = ok(onLatest(desk, 'themes:add', { name: '=1+1 information sharing' })).themes.find((t) => t.name.startsWith('='))!;
    const categoryId = ok(desk.call('settings:get', {})).categories[0]!.id;
    for (let i = 0; i + 1 < ids.length; i += 1) {
      const e = ok(
        desk.call('escalations:create', {
          reference: `F-${i}`,
          childInitials: 'AB',
          raisingAgencyId: ids[i]!,
          raisingWorkerRole: '=cmd|/C calc',
          challengedAgencyIds: [ids[i + 1]!],
          categoryId,
          childStatus: 'none',
          summary: '+ the plan was not agreed',
          openedOn: '2026-07-06',
          immediateRisk: false,
        }),
      );
      ok(
        onLatest(desk, 'escalations:resolve', {
          escalationId: e.id,
          resolvedOn: '2026-07-10',
          statement: '=agreed',
          effect: 'upheld',
          agreedBy: '@both',
          themeIds: [theme.id],
        }),
      );
    }
    const file = join(desk.dataFolder, 'return.xlsx');
    await writeBoardReturn(desk.store.reader, { now: NOW, quarter: '2026-Q2', file, appVersion: 'test' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const seen = new Set<string>();
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          const value = cell.value;
          expect(value !== null && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)).toBe(false);
          if (typeof value === 'string')
            for (const name of [...HOSTILE.map((h) => h.trim()), '=1+1 information sharing']) if (value.includes(name)) seen.add(name);
        }),
      ),
    );
    // The names did reach the workbook, as text.
    expect([...seen].sort()).toEqual([...HOSTILE.map((h) => h.trim()), '=1+1 information sharing'].sort());
  });
});
