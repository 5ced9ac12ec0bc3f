import { describe, expect, it } from 'vitest';
import { describeParticipant, namesInFreeText } from '../../shared/domain/stageParticipants';

describe('reading old free-text "who took part"', () => {
  it('splits on semicolons and new lines but never inside brackets', () => {
    expect(namesInFreeText('A. Officer (Police, line manager); B. Worker (CSC team manager)')).toEqual(['A. Officer', 'B. Worker']);
    expect(namesInFreeText('Sam Lee (Police)\nDr Tom Hale [GP, surgery]\r\nAnn van der Berg')).toEqual([
      'Sam Lee',
      'Dr Tom Hale',
      'Ann van der Berg',
    ]);
  });

  it('reads role-only text, as the form’s own hint suggests, as naming nobody', () => {
    expect(namesInFreeText('CSC team manager; school DSL')).toEqual([]);
    expect(namesInFreeText('social worker, health visitor (NHS)')).toEqual([]);
    expect(namesInFreeText('MASH DSL')).toEqual([]);
    expect(namesInFreeText('')).toEqual([]);
  });

  it('keeps the name before a dash or colon, drops a role after a comma, and lists each name once', () => {
    expect(namesInFreeText('Sam Lee - team manager; sam lee: again, Jo SMITH, social worker')).toEqual(['Sam Lee', 'Jo SMITH']);
  });

  it('writes a recorded person with their agency and role', () => {
    expect(describeParticipant({ name: 'Sam Lee', agencyName: 'Avon and Somerset Police', role: 'line manager' })).toBe(
      'Sam Lee (Avon and Somerset Police, line manager)',
    );
    expect(describeParticipant({ name: 'Sam Lee', agencyName: null, role: '' })).toBe('Sam Lee');
  });
});
