// The printable panel pack for members: the case, its history, the representations, and the
// panel's composition with its checks. Case reference and initials only.
import { CHILD_STATUSES, OUTCOME_EFFECTS } from '../../../shared/domain/escalation';
import { formatUkDate } from '../../../shared/domain/dates';
import { CHAIR_ROUTES, PANEL_STATUSES, type ChairRoute, type PanelDetail } from '../../../shared/domain/panel';
import type { EscalationDetail } from '../../../shared/domain/escalation';
import { getEscalation } from '../escalations/detail';
import type { AnyDb } from '../escalations/rows';
import { boardName } from '../settings';
import { getPanel } from './panels';
import { describeParticipant } from '../../../shared/domain/stageParticipants';

/** What members write in at the meeting when the pack goes out before the panel has decided. */
export const DECISION_TO_COMPLETE = [
  'Date decided',
  'The panel’s decision',
  'Written statement of outcome',
  'Original decision upheld, changed or partly changed',
  'Agencies that agreed the outcome',
  'Actions: what, who, by when',
  'Signed by the panel’s chair',
];

/**
 * The panel's decision as recorded, or, while it is still to sit, the same headings left empty to
 * complete at the meeting: the pack is the record members take away either way.
 */
function decisionSection(panel: PanelDetail, e: EscalationDetail): { heading: string; lines: string[]; toComplete?: string[] } {
  const heading = 'The panel’s decision';
  if (panel.status === 'cancelled') return { heading, lines: [`The panel was cancelled: ${panel.cancelReason ?? 'no reason recorded'}.`] };
  if (panel.status === 'planned' || panel.decidedOn === null)
    return { heading, lines: ['Not yet decided: complete at the meeting.'], toComplete: DECISION_TO_COMPLETE };
  const outcome = e.outcome;
  return {
    heading,
    lines: [
      `Decided on ${formatUkDate(panel.decidedOn)}: ${panel.decision ?? ''}`,
      ...(outcome
        ? [
            `Outcome: ${OUTCOME_EFFECTS[outcome.effect]}.`,
            `Written statement of outcome: ${outcome.statement}`,
            `Agreed by: ${outcome.agreedBy}`,
            ...e.actions.map(
              (a) =>
                `Action: ${a.description}, ${a.owner}, by ${formatUkDate(a.dueOn)}${a.doneOn ? ` (done ${formatUkDate(a.doneOn)})` : ''}.`,
            ),
          ]
        : []),
    ],
  };
}

export function panelPack(db: AnyDb, now: Date, panelId: number) {
  const panel = getPanel(db, now, panelId);
  const e = getEscalation(db, now, panel.escalationId);
  const decisions = db.prepare('SELECT * FROM chair_decision WHERE escalation_id = ? ORDER BY id').all(e.id) as {
    decided_on: string;
    route: ChairRoute;
    reasons: string;
    decided_by: string;
  }[];
  const statusWord = { pass: 'Passes', fail: 'Fails', warning: 'Note', not_applicable: 'Does not apply' } as const;
  return {
    title: `${boardName(db)}: resolution panel pack, case ${e.reference}, sitting ${formatUkDate(panel.sitsOn)}`,
    sections: [
      {
        heading: 'Case summary',
        lines: [
          `Case reference ${e.reference}${e.childInitials ? `, initials ${e.childInitials}` : ''}. Child’s status: ${CHILD_STATUSES[e.childStatus]}.${e.immediateRisk ? ' At immediate risk of significant harm.' : ''}`,
          `Raised by ${e.raisingAgency.name} (${e.raisingWorkerRole}) on ${formatUkDate(e.openedOn)}, challenging ${e.challengedAgencies.map((a) => a.name).join(', ')}.`,
          `Category: ${e.category.name}. Policy: ${e.profile.name} (version ${e.profile.version}).`,
          e.summary,
        ],
      },
      {
        heading: 'History',
        lines: e.stages.map(
          (s) =>
            `Stage ${s.number}, ${s.name}: ${formatUkDate(s.startedOn)}${s.endedOn ? ` to ${formatUkDate(s.endedOn)}` : ' (open)'}${s.dueOn ? `, due ${formatUkDate(s.dueOn)}` : ''}.` +
            `${s.discussion ? ` Discussion: ${s.discussion}` : ''}${s.decision ? ` Decision: ${s.decision}` : ''}${s.participants ? ` Who took part: ${s.participants}` : ''}` +
            `${s.people.length ? ` People who took part: ${s.people.map(describeParticipant).join('; ')}.` : ''}`,
        ),
      },
      {
        heading: 'The chair’s decision',
        lines: decisions.map((d) => `${formatUkDate(d.decided_on)}, ${d.decided_by}: ${CHAIR_ROUTES[d.route]}. ${d.reasons}`),
      },
      {
        heading: 'Representations received',
        lines:
          panel.representations.length === 0
            ? ['None yet.']
            : panel.representations.map(
                (r) => `${formatUkDate(r.receivedOn)}, ${r.fromPerson}${r.fromAgency ? ` (${r.fromAgency})` : ''}: ${r.summary}`,
              ),
      },
      // Said before the composition, so no member reads the panel as one the policy provides for.
      ...(panel.checks.cannotBeFormed
        ? [
            {
              // Held only once its decision is recorded: a panel still to sit is planned, a called-off one cancelled.
              heading: panel.checks.departureReason
                ? `${PANEL_STATUSES[panel.status]} under a departure from the policy`
                : 'This policy’s panel cannot be formed for this case',
              lines: [
                ...panel.checks.cannotBeFormed.reasons,
                ...(panel.checks.departureReason
                  ? [`The chair recorded a departure from ${e.profile.name}: ${panel.checks.departureReason}`]
                  : ['No departure from the policy is recorded. Instead:', ...panel.checks.cannotBeFormed.alternatives]),
              ],
            },
          ]
        : []),
      {
        heading: 'Composition',
        lines: [
          `Chair: ${panel.chairName}`,
          ...panel.seats.map((s, i) => `Seat ${i + 1}: ${s.agencyName ?? '(empty)'}, ${s.officerName ?? '(no officer named)'}`),
          ...(panel.wherePossibleReason ? [`Reason for leaving an agency in dispute off: ${panel.wherePossibleReason}`] : []),
        ],
      },
      {
        heading: 'Checks',
        lines: panel.checks.checks.map(
          (c) => `${c.number}. ${c.title}: ${statusWord[c.status]}.${c.messages.length ? ` ${c.messages.join(' ')}` : ''}`,
        ),
      },
      decisionSection(panel, e),
    ],
  };
}
