// A known set of escalations across 2026-Q1..Q3 under the Bromley policy (four stages, five working
// days each), for the dashboard's database and browser tests. Each test counts its expectations
// from this list itself; seedCases() only puts the cases in through the app's own channels.
import type { Board } from './boardFixture';
import { logEscalation } from './boardFixture';
import { ok, type TestDesk } from './tempStore';
import { onLatest } from './latest';

export type AgencyKey = 'police' | 'school' | 'health' | 'council';
export type ThemeKey = 'threshold' | 'sharing';

export interface CaseSpec {
  ref: string;
  raising: AgencyKey;
  challenged: AgencyKey[];
  category: number;
  openedOn: string;
  childStatus?: string;
  immediateRisk?: boolean;
  referralOn?: string;
  /** Dates of each move up one stage. */
  steps?: string[];
  chair?: { on: string; route: 'resolve_directly' | 'multi_agency_meeting' };
  end?:
    | { kind: 'resolve'; on: string; effect: 'upheld' | 'changed' | 'partly_changed'; theme?: ThemeKey; policyGap?: boolean }
    | { kind: 'withdraw'; on: string };
}

export const DASHBOARD_CASES: CaseSpec[] = [
  {
    ref: 'Q1-A',
    raising: 'school',
    challenged: ['council'],
    category: 0,
    openedOn: '2026-05-01',
    end: { kind: 'resolve', on: '2026-05-06', effect: 'upheld' },
  },
  { ref: 'Q1-B', raising: 'police', challenged: ['health'], category: 1, openedOn: '2026-06-30', steps: ['2026-07-03'] }, // still open: carried into Q2 and Q3
  {
    ref: 'Q1-C',
    raising: 'health',
    challenged: ['council', 'school'],
    category: 2,
    openedOn: '2026-06-29',
    end: { kind: 'resolve', on: '2026-07-01', effect: 'changed', theme: 'threshold' },
  },
  {
    ref: 'Q2-A',
    raising: 'school',
    challenged: ['council'],
    category: 0,
    openedOn: '2026-07-01',
    steps: ['2026-07-08', '2026-07-20'],
    end: { kind: 'resolve', on: '2026-08-03', effect: 'partly_changed', policyGap: true },
  },
  {
    ref: 'Q2-B',
    raising: 'school',
    challenged: ['police'],
    category: 0,
    openedOn: '2026-08-01',
    childStatus: 'child_protection_plan',
    end: { kind: 'withdraw', on: '2026-08-10' },
  }, // a Saturday
  {
    ref: 'Q2-C',
    raising: 'council',
    challenged: ['health'],
    category: 3,
    openedOn: '2026-08-28',
    immediateRisk: true,
    referralOn: '2026-08-28',
    steps: ['2026-09-01'],
  }, // Fri before the bank holiday: went up late
  {
    ref: 'Q2-D',
    raising: 'police',
    challenged: ['council'],
    category: 1,
    openedOn: '2026-09-30',
    immediateRisk: true,
    referralOn: '2026-09-30',
    steps: ['2026-09-30'],
    end: { kind: 'resolve', on: '2026-10-01', effect: 'upheld' },
  },
  {
    ref: 'Q2-E',
    raising: 'health',
    challenged: ['school'],
    category: 4,
    openedOn: '2026-09-14',
    childStatus: 'looked_after',
    end: { kind: 'resolve', on: '2026-09-30', effect: 'changed', theme: 'threshold' },
  },
  { ref: 'Q3-A', raising: 'school', challenged: ['council'], category: 0, openedOn: '2026-10-01', immediateRisk: true }, // no referral, never escalated
  {
    ref: 'Q3-B',
    raising: 'council',
    challenged: ['police', 'health'],
    category: 5,
    openedOn: '2026-11-02',
    steps: ['2026-11-09', '2026-11-13', '2026-11-16'],
    chair: { on: '2026-11-18', route: 'resolve_directly' },
  },
  { ref: 'Q3-C', raising: 'police', challenged: ['school'], category: 2, openedOn: '2026-11-20', childStatus: 'child_protection_plan' },
  {
    ref: 'Q3-D',
    raising: 'health',
    challenged: ['council'],
    category: 0,
    openedOn: '2026-10-15',
    end: { kind: 'resolve', on: '2026-11-12', effect: 'upheld', policyGap: true, theme: 'threshold' },
  },
];

/** Logs each case and walks it through its stages, chair decision and ending; returns ids by reference. */
export function seedCases(
  desk: TestDesk,
  board: Board,
  specs: readonly CaseSpec[],
  themeIds: Record<ThemeKey, number>,
): Map<string, number> {
  const ids = new Map<string, number>();
  for (const s of specs) {
    const e = logEscalation(desk, board, {
      reference: s.ref,
      raisingAgencyId: board[s.raising],
      challengedAgencyIds: s.challenged.map((c) => board[c]),
      categoryId: board.settings.categories[s.category]!.id,
      openedOn: s.openedOn,
      childStatus: s.childStatus ?? 'child_in_need',
      immediateRisk: s.immediateRisk ?? false,
      referral: s.referralOn ? { to: 'mash', madeOn: s.referralOn } : null,
    });
    ids.set(s.ref, e.id);
    (s.steps ?? []).forEach((on, i) =>
      ok(onLatest(desk, 'escalations:escalate', { escalationId: e.id, toStage: i + 2, on, reason: 'Not resolved' })),
    );
    if (s.chair)
      ok(
        onLatest(desk, 'chair:decide', {
          escalationId: e.id,
          route: s.chair.route,
          decidedOn: s.chair.on,
          reasons: 'The senior managers can settle it',
          decidedBy: 'Independent chair',
        }),
      );
    if (s.end?.kind === 'resolve') {
      const gap = s.end.policyGap ?? false;
      ok(
        onLatest(desk, 'escalations:resolve', {
          escalationId: e.id,
          resolvedOn: s.end.on,
          statement: 'Agreed.',
          effect: s.end.effect,
          agreedBy: 'Both agencies',
          themeIds: s.end.theme ? [themeIds[s.end.theme]] : [],
          policyGap: gap,
          policyGapNote: gap ? 'Threshold guidance is silent on pre-birth assessments' : '',
        }),
      );
    } else if (s.end?.kind === 'withdraw') {
      ok(onLatest(desk, 'escalations:withdraw', { escalationId: e.id, on: s.end.on, reason: 'Raised in error' }));
    }
  }
  // The CP chair for Q2-B was told in time; nobody has told the IRO for Q2-E.
  const q2b = ids.get('Q2-B');
  if (q2b !== undefined) {
    const detail = ok(desk.call('escalations:get', { escalationId: q2b }));
    ok(
      onLatest(desk, 'escalations:recordNotification', {
        notificationId: detail.notifications[0]!.id,
        madeOn: '2026-08-03',
        madeBy: 'Coordinator',
        method: 'email',
      }),
    );
  }
  return ids;
}

export function addThemes(desk: TestDesk): Record<ThemeKey, number> {
  const add = (name: string) => ok(onLatest(desk, 'themes:add', { name })).themes.find((t) => t.name === name)!.id;
  return { threshold: add('Threshold understanding'), sharing: add('Information sharing between agencies') };
}
