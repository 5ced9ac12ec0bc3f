import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CASE_TEXT, caseTextOf, NOT_CASE_TEXT } from '../../shared/caseText';
import { channels, contract } from '../../shared/contract';

/** The names of the free-text fields in a schema: strings with no fixed format (not dates, e-mails, enums). */
function textFields(schema: z.ZodType, path = ''): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, s]) => textFields(s, path ? `${path}.${key}` : key));
    case 'array':
      return textFields(def.element as z.ZodType, `${path}[]`);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
      return textFields(def.innerType as z.ZodType, path);
    case 'pipe':
      return textFields(def.in as z.ZodType, path);
    case 'union':
      return (def.options as z.ZodType[]).flatMap((o) => textFields(o, path));
    case 'string': {
      // A date (a custom check) or a pattern (a format such as regex or email) is not free text.
      const checks = ((def as { checks?: { _zod: { def: { format?: string; check?: string } } }[] }).checks ?? []).map((c) => c._zod.def);
      return (def as { format?: string }).format || checks.some((c) => c.format || c.check === 'custom') ? [] : [path];
    }
    default:
      return [];
  }
}

describe('the case text the child-identifier check reads', () => {
  it('covers every write channel that takes free text: each is read by the check or named with the reason it is not case text', () => {
    // The walk finds free text where there is some, and leaves dates and references alone.
    expect(textFields(contract['escalations:create'].input)).toEqual(expect.arrayContaining(['raisingWorkerRole', 'summary']));
    expect(textFields(contract['escalations:create'].input)).not.toContain('openedOn');
    const unaccounted = channels.filter(
      (c) => contract[c].kind !== 'read' && textFields(contract[c].input).length > 0 && !(c in CASE_TEXT) && !(c in NOT_CASE_TEXT),
    );
    expect(unaccounted).toEqual([]);
  });

  it('reads the raising worker’s role, the summary, and each action of an outcome', () => {
    const create = contract['escalations:create'].input.parse({
      reference: 'CS-1',
      raisingAgencyId: 1,
      raisingWorkerRole: 'Key worker',
      challengedAgencyIds: [2],
      categoryId: 1,
      childStatus: 'none',
      summary: 'About the plan',
      openedOn: '2026-11-16',
      immediateRisk: false,
    });
    expect(caseTextOf('escalations:create', create).map((f) => f.where)).toEqual([
      'Raising worker’s role',
      'What the disagreement is about',
    ]);
    const resolve = contract['escalations:resolve'].input.parse({
      escalationId: 1,
      basedOnVersion: 1,
      resolvedOn: '2026-11-20',
      statement: 'Agreed',
      effect: 'changed',
      agreedBy: 'All',
      actions: [{ description: 'Visit', owner: 'CSC', dueOn: '2026-12-01' }],
    });
    expect(caseTextOf('escalations:resolve', resolve).map((f) => f.where)).toEqual(['Statement of outcome', 'Agreed by', 'Action 1: what']);
  });
});
