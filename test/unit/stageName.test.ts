import { describe, expect, it } from 'vitest';
import { builtInProfile, stageNameOf } from '../../shared/domain/policyProfiles';

describe('naming a stage', () => {
  const torbay = builtInProfile('torbay')!;
  it('gives the stage’s name in the profile', () => {
    expect(stageNameOf(torbay, 0)).toBe('Pre-escalation');
  });
  it('falls back to "Stage n" where the profile has no such stage, the same for the case, the register, the import and the panel', () => {
    expect(stageNameOf(torbay, 9)).toBe('Stage 9');
  });
});
