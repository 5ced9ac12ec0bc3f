// Demo and benchmark data: a fictional board ("Northshire") with realistic escalations, written
// through the same service as every other case (escalations/intake.ts), so every rule, index and
// audit entry is exercised. Deterministic
// from its seed. References and initials only; the officers are invented professionals.
import type { Store } from '../../db/types';
import { BUILT_IN_CATEGORIES, type ChildStatus, type OutcomeEffect } from '../../../shared/domain/escalation';
import { addWorkingDays, createWorkingCalendar } from '../../../shared/domain/workingDays';
import { stageNameOf } from '../../../shared/domain/policyProfiles';
import type { WriteContext } from '../context';
import { takeInCase, type EndingIn, type StageIn } from '../escalations/intake';
import { inBulkWrite } from '../bulkWrite';
import { activeProfileId } from '../policyVersions';
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
const ROLES = ['Designated safeguarding lead', 'Social worker', 'Health visitor', 'Police officer', 'Nursery manager'];
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

/** The seed's cases open over this many days up to `until`. */
const SEEDED_DAYS = 1100;

function isoDaysBefore(until: string, days: number): string {
  return new Date(Date.parse(`${until}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** A case's history as the seed makes it up: most disagreements settle low down; a few climb to the chair. */
function history(
  rand: () => number,
  pick: <T>(xs: readonly T[]) => T,
  calendar: { after(from: string, n: number): string },
  openedOn: string,
  until: string,
) {
  const stages: StageIn[] = [{ number: 1, startedOn: openedOn }];
  let on = openedOn;
  while (stages.length < 4 && rand() < 0.3) {
    on = calendar.after(on, 1 + Math.floor(rand() * 6));
    if (on > until) break;
    stages.push({ number: stages.length + 1, startedOn: on });
  }
  const endOn = calendar.after(on, 1 + Math.floor(rand() * 8));
  let ending: EndingIn | null = null;
  if (endOn <= until && rand() < 0.9) {
    if (rand() < 0.06) ending = { kind: 'withdrawn', on: endOn, reason: 'Resolved informally by the agencies' };
    else
      ending = {
        kind: 'resolved',
        on: endOn,
        statement: 'The agencies agreed the next steps for the child and recorded them on the child’s file.',
        effect: pick(EFFECTS),
        agreedBy: 'Both agencies',
        policyGap: rand() < 0.02,
        policyGapNote: 'Local guidance does not say who leads in this situation.',
      };
  }
  return { stages, ending };
}

/**
 * Seeds `count` cases, each written with its whole history through the one way in for every case
 * (escalations/intake.ts), many to a transaction in a bulk write so a million take minutes.
 */
export function seedDemo(store: Pick<Store, 'writer'>, options: SeedOptions): { agencies: number; escalations: number } {
  const rand = random(options.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const { until } = options;
  const workingDays = createWorkingCalendar({ closureDays: [] });
  // The generator asks the same few thousand "n working days after" questions again and again.
  const known = new Map<string, string>();
  const calendar = {
    after: (from: string, n: number) => {
      const key = `${from}+${n}`;
      let day = known.get(key);
      if (day === undefined) known.set(key, (day = addWorkingDays(workingDays, from, n)));
      return day;
    },
  };
  const context = (): WriteContext => ({ db: store.writer, actor: 'demo seed', now: new Date(`${until}T12:00:00Z`) });
  const agencyIds = store.writer.transaction(() => ensureBoard(context())).immediate();
  const categories = (
    store.writer.prepare('SELECT id FROM category ORDER BY id LIMIT ?').all(BUILT_IN_CATEGORIES.length) as { id: number }[]
  ).map((c) => c.id);
  const start = (store.writer.prepare('SELECT count(*) AS n FROM escalation').get() as { n: number }).n;
  // Large transactions: each commit writes the pages it dirtied, and an index page rewritten in
  // every small commit is written once in a large one.
  const batch = 5000;
  for (let done = 0; done < options.count; done += batch) {
    store.writer
      .transaction(() => {
        const ctx = context();
        const profileId = activeProfileId(ctx.db)!;
        inBulkWrite(ctx.db, () => {
          for (let i = done; i < Math.min(options.count, done + batch); i += 1) {
            const raising = pick(agencyIds);
            const challenged = pick(agencyIds.filter((a) => a !== raising));
            // Raised in date order over the three years before `until`, as a register fills: the
            // references run oldest first, and every index that starts with the day a case opened
            // grows at its end, which keeps a million-case seed in the page cache.
            const openedOn = isoDaysBefore(until, Math.floor((SEEDED_DAYS * (options.count - i - rand())) / options.count));
            const immediateRisk = rand() < 0.08;
            const reference = `NS-${String(start + i + 1).padStart(7, '0')}`;
            takeInCase(
              ctx,
              {
                reference,
                childInitials: String.fromCharCode(65 + Math.floor(rand() * 26), 65 + Math.floor(rand() * 26)),
                profileId,
                raisingAgencyId: raising,
                raisingWorkerRole: pick(ROLES),
                raisingWorkerEmail: '',
                challengedAgencyIds: [challenged],
                categoryId: pick(categories),
                childStatus: pick(STATUSES),
                summary: pick(SUMMARIES),
                openedOn,
                immediateRisk,
                referral: immediateRisk && rand() < 0.85 ? { to: 'mash', madeOn: openedOn } : null,
                ...history(rand, pick, calendar, openedOn, until),
                themeIds: [],
                source: { kind: 'seed' },
              },
              ({ stages, profile }) => ({
                action: 'escalation.create',
                after: {
                  reference,
                  stage: 1,
                  stageName: stageNameOf(profile, 1),
                  profile: profile.name,
                  immediateRisk,
                  dueOn: stages[0]!.dueOn,
                  origin: 'board',
                  seeded: stages.map((s) => ({ stage: s.number, on: s.startedOn, dueOn: s.dueOn })),
                },
              }),
            );
          }
        });
      })
      .immediate();
    options.onProgress?.(Math.min(1, (done + batch) / options.count));
  }
  return { agencies: agencyIds.length, escalations: options.count };
}
