import { describe, expect, it } from 'vitest';
import { quarterFromKey, quarterOf, shiftQuarter } from '../../shared/domain/quarter';

describe('reporting quarters', () => {
  it('uses the financial year by default: Q1 is April to June', () => {
    expect(quarterFromKey('2026-Q1', 4)).toEqual({ key: '2026-Q1', label: 'Q1 2026-27 (Apr-Jun)', from: '2026-04-01', to: '2026-06-30' });
    expect(quarterFromKey('2026-Q4', 4)).toEqual({ key: '2026-Q4', label: 'Q4 2026-27 (Jan-Mar)', from: '2027-01-01', to: '2027-03-31' });
  });
  it('puts boundary dates in the right quarter', () => {
    expect(quarterOf('2026-03-31', 4).key).toBe('2025-Q4');
    expect(quarterOf('2026-04-01', 4).key).toBe('2026-Q1');
    expect(quarterOf('2026-12-31', 4).key).toBe('2026-Q3');
    expect(quarterOf('2027-01-01', 4).key).toBe('2026-Q4');
  });
  it('follows a board that reports by calendar year or from September', () => {
    expect(quarterFromKey('2026-Q1', 1)).toMatchObject({ label: 'Q1 2026 (Jan-Mar)', from: '2026-01-01', to: '2026-03-31' });
    expect(quarterOf('2027-02-28', 9)).toMatchObject({ key: '2026-Q2', from: '2026-12-01', to: '2027-02-28' });
  });
  it('steps back and forward across years', () => {
    expect(shiftQuarter('2026-Q1', -1, 4).key).toBe('2025-Q4');
    expect(shiftQuarter('2026-Q3', -7, 4).key).toBe('2024-Q4');
    expect(shiftQuarter('2025-Q4', 1, 4).key).toBe('2026-Q1');
  });
});
