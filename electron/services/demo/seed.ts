// Demo and benchmark data: a fictional board ("Northshire") with realistic escalations, made
// through the app's own services so every rule, index and audit entry is exercised. Deterministic
// from its seed. References and initials only; the officers are invented professionals.
import type { Store } from '../../db/types';
import { BUILT_IN_CATEGORIES, type ChildStatus, type OutcomeEffect } from '../../../shared/domain/escalation';
import { addWorkingDays, createWorkingCalendar } from '../../../shared/domain/workingDays';
import type { WriteContext } from '../context';
import { createEscalation } from '../escalations/create';
import { escalate, resolve, withdraw } from '../escalations/lifecycle';
import * as agencies from '../agencies';
import { chooseProfile } from '../profiles';

const AGENCIES: [string, string, boolean][] = [
  ['Northshire Children’s Social Care', 'childrens_social_care', true],
  ['Northshire Police', 'police', true],
  ['Northshire Integrated Care Board', 'health', true],
  ['Northshire NHS Foundation Trust', 'health', false],
  ['Riverside Primary School', 'education', false],
  ['Meadow Academy', 'education', false],
  ['Little Acorns Nursery', 'early_years', false],
  ['Northshire Probation Service', 'probation', false],
  ['Northshire Housing', 'housing', false],
  ['Family Support Trust', 'voluntary', false],
];
const OFFICERS = [
  'Alex Morgan',
  'Sam Taylor',
  'Jordan Reed',
  'Chris Patel',
  'Robin Hughes',
  'Jamie Clarke',
  'Morgan Ellis',
  'Casey Ward',
  'Taylor Brooks',
  'Drew Fisher',
];
const SUMMARIES = [
  'The referral was judged below the threshold for a statutory assessment; the raising agency believes the risk is higher.',
  'Disagreement about whether the current plan reduces the risk of neglect.',
  'The raising agency was not told of a strategy discussion it should have joined.',
  'Disagreement about which agency should lead the support for the family.',
  'The case was closed without the raising agency being consulted.',
  'Information about a new adult in the household was not shared.',
];
const STATUSES: ChildStatus[] = ['early_help', 'child_in_need', 'child_protection_plan', 'looked_after', 'none'];
const EFFECTS: OutcomeEffect[] = ['upheld', 'changed', 'partly_changed'];

/** mulberry32: a small, fast, well-spread generator, so a seed always gives the same board. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedOptions {
  count: number;
  seed: number;
  /** The last day a case may open on: the caller's today, from its clock (services never read the time). */
  until: string;
  onProgress?: (fraction: number) => void;
}

function ensureBoard(ctx: WriteContext): number[] {
  const existing = ctx.db.prepare('SELECT id FROM agency ORDER BY id').all() as { id: number }[];
  if (existing.length >= 3) return existing.map((a) => a.id);
  const ids: number[] = [];
  AGENCIES.forEach(([name, sector, statutoryPartner], i) => {
    const a = agencies.createAgency(ctx, { name, sector: sector as never, statutoryPartner });
    agencies.addMembership(ctx, { agencyId: a.id, from: '2019-04-01', to: null });
    agencies.addOfficer(ctx, {
      agencyId: a.id,
      name: OFFICERS[i]!,
      role: 'Head of safeguarding',
      email: `${OFFICERS[i]!.toLowerCase().replace(' ', '.')}@northshire.example.uk`,
      senior: true,
      boardRepresentative: true,
    });
    ids.push(a.id);
  });
  const bromley = ctx.db.prepare("SELECT id FROM policy_profile WHERE key = 'bromley' AND version = 1").get() as { id: number };
  chooseProfile(ctx, bromley.id);
  return ids;
}

function isoDaysBefore(until: string, days: number): string {
  return new Date(Date.parse(`${until}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

export function seedDemo(store: Pick<Store, 'writer'>, options: SeedOptions): { agencies: number; escalations: number } {
  const rand = random(options.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const { until } = options;
  const calendar = createWorkingCalendar({ closureDays: [] });
  const context = (): WriteContext => ({ db: store.writer, actor: 'demo seed', now: new Date(`${until}T12:00:00Z`) });
  const agencyIds = store.writer.transaction(() => ensureBoard(context())).immediate();
  const categories = (
    store.writer.prepare('SELECT id FROM category ORDER BY id LIMIT ?').all(BUILT_IN_CATEGORIES.length) as { id: number }[]
  ).map((c) => c.id);
  const start = (store.writer.prepare('SELECT count(*) AS n FROM escalation').get() as { n: number }).n;
  const batch = 500;
  for (let done = 0; done < options.count; done += batch) {
    store.writer
      .transaction(() => {
        const ctx = context();
        for (let i = done; i < Math.min(options.count, done + batch); i += 1) {
          const raising = pick(agencyIds);
          const challenged = pick(agencyIds.filter((a) => a !== raising));
          const openedOn = isoDaysBefore(until, Math.floor(rand() * 1100));
          const immediateRisk = rand() < 0.08;
          const id = createEscalation(ctx, {
            matter: 'multi_agency_disagreement',
            reference: `NS-${String(start + i + 1).padStart(7, '0')}`,
            childInitials: String.fromCharCode(65 + Math.floor(rand() * 26), 65 + Math.floor(rand() * 26)),
            raisingAgencyId: raising,
            raisingWorkerRole: pick([
              'Designated safeguarding lead',
              'Social worker',
              'Health visitor',
              'Police officer',
              'Nursery manager',
            ]),
            raisingWorkerEmail: '',
            challengedAgencyIds: [challenged],
            categoryId: pick(categories),
            childStatus: pick(STATUSES),
            summary: pick(SUMMARIES),
            openedOn,
            startStage: null,
            immediateRisk,
            referral: immediateRisk && rand() < 0.85 ? { to: 'mash', madeOn: openedOn } : null,
            confirmedNoChildName: true,
          });
          // Most disagreements settle low down; a few climb to the chair.
          let stage = 1;
          let on = openedOn;
          while (stage < 4 && rand() < 0.3) {
            on = addWorkingDays(calendar, on, 1 + Math.floor(rand() * 6));
            if (on > until) break;
            stage += 1;
            escalate(ctx, { escalationId: id, toStage: stage, on, reason: 'Not resolved at the lower stage' });
          }
          const endOn = addWorkingDays(calendar, on, 1 + Math.floor(rand() * 8));
          if (endOn <= until && rand() < 0.9) {
            if (rand() < 0.06) withdraw(ctx, { escalationId: id, on: endOn, reason: 'Resolved informally by the agencies' });
            else
              resolve(ctx, {
                escalationId: id,
                resolvedOn: endOn,
                statement: 'The agencies agreed the next steps for the child and recorded them on the child’s file.',
                effect: pick(EFFECTS),
                agreedBy: 'Both agencies',
                actions: [],
                themeIds: [],
                policyGap: rand() < 0.02,
                policyGapNote: 'Local guidance does not say who leads in this situation.',
                confirmedNoChildName: true,
              });
          }
        }
      })
      .immediate();
    options.onProgress?.(Math.min(1, (done + batch) / options.count));
  }
  return { agencies: agencyIds.length, escalations: options.count };
}
