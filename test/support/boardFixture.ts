// A small board for register tests: agencies on the directory and a chosen policy.
import type { Sector } from '../../shared/domain/agency';
import type { BoardSettings } from '../../shared/domain/settings';
import type { EscalationDetail } from '../../shared/domain/escalation';
import { ok, type TestDesk } from './tempStore';
import { onLatest } from './latest';

export interface Board {
  police: number;
  school: number;
  health: number;
  council: number;
  settings: BoardSettings;
  categoryId: number;
}

export function seedBoard(desk: TestDesk, profileKey: string): Board {
  const agency = (name: string, sector: Sector) =>
    ok(desk.call('agencies:create', { name, sector, statutoryPartner: sector !== 'education' })).id;
  const police = agency('Avon and Somerset Police', 'police');
  const school = agency('Hollyfield Primary School', 'education');
  const health = agency('Sirona Care and Health', 'health');
  const council = agency('Bristol City Council', 'childrens_social_care');
  const settings = ok(desk.call('settings:get', {}));
  chooseProfile(desk, profileKey);
  return { police, school, health, council, settings: ok(desk.call('settings:get', {})), categoryId: settings.categories[0]!.id };
}

export function chooseProfile(desk: TestDesk, key: string): number {
  const settings = ok(desk.call('settings:get', {}));
  const profile = settings.profiles.find((p) => p.key === key && p.basedOn === null)!;
  ok(onLatest(desk, 'profiles:choose', { profileId: profile.id }));
  return profile.id;
}

export function logEscalation(desk: TestDesk, board: Board, overrides: Record<string, unknown> = {}): EscalationDetail {
  return ok(
    desk.call('escalations:create', {
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
      ...overrides,
    }),
  );
}

/** Puts each agency on the full board from 2020 with a senior officer who is its board representative. */
export function seatBoard(desk: TestDesk, board: Board): Record<'police' | 'school' | 'health' | 'council', number> {
  const officers = {} as Record<'police' | 'school' | 'health' | 'council', number>;
  const people = { police: 'Dana Whitfield', school: 'Priya Shah', health: 'Tom Okoro', council: 'Helen Marsh' } as const;
  for (const key of ['police', 'school', 'health', 'council'] as const) {
    ok(onLatest(desk, 'memberships:add', { agencyId: board[key], from: '2020-01-01' }));
    const detail = ok(
      onLatest(desk, 'officers:add', {
        agencyId: board[key],
        name: people[key],
        role: 'Director',
        email: `${key}@example.gov.uk`,
        senior: true,
        boardRepresentative: true,
      }),
    );
    officers[key] = detail.officers.find((o) => o.name === people[key])!.id;
  }
  return officers;
}

/** Moves a case up stage by stage to its policy's last (the board's), each move dated `on`. */
export function escalateToTop(desk: TestDesk, logged: EscalationDetail, on: string): EscalationDetail {
  let e = logged;
  while (e.nextStages.length > 0)
    e = ok(onLatest(desk, 'escalations:escalate', { escalationId: e.id, toStage: e.nextStages[0]!.number, on, reason: 'Not resolved' }));
  return e;
}
