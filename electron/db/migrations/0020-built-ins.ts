// The built-in policy profiles and categories exactly as migration 0020 first stored them: a frozen
// copy, so that a later edit of the live definitions (shared/domain) never changes what this step
// writes. A change to a built-in reaches existing boards through a new migration, not this file.

export const BUILT_IN_PROFILES_AT_0020: readonly ({ key: string } & Record<string, unknown>)[] = [
  {
    key: 'bromley',
    name: 'Bromley (Mrs Bonds Village Nursery)',
    source: 'bromley-mrs-bonds-village-nursery.txt',
    stages: [
      {
        number: 1,
        name: 'Discuss with the other worker',
        description: 'The people who disagree discuss it, by phone or face to face, as soon as possible.',
        timescaleWorkingDays: 5,
        sameWorkingDayIfImmediateRisk: true,
      },
      {
        number: 2,
        name: 'Escalate to line manager',
        description:
          'The manager discusses it with the equivalent manager in the other agency. Child protection chair or IRO notified where the child has a plan or is looked after.',
        timescaleWorkingDays: 5,
        sameWorkingDayIfImmediateRisk: true,
      },
      {
        number: 3,
        name: 'Escalate to senior managers',
        description:
          'Each manager reports to their own manager or named/designated safeguarding lead; escalation goes up the tiers of management, and each agency’s BSCP members are engaged before the chair.',
        timescaleWorkingDays: 5,
        sameWorkingDayIfImmediateRisk: true,
      },
      {
        number: 4,
        name: 'Resolution by BSCP Chair',
        description: 'The BSCP chair resolves it direct with the relevant senior managers, or convenes a resolution panel.',
        timescaleWorkingDays: 5,
        sameWorkingDayIfImmediateRisk: true,
      },
    ],
    lastStep:
      'The BSCP chair either resolves the issue direct with the relevant senior managers, or convenes a resolution panel, which hears those in dispute and collectively resolves it.',
    panelRule: {
      kind: 'three_agency_panel',
      disputingAgenciesOnPanel: 'required',
      chairAgencyMustBeUninvolved: false,
      membersMustBeFullBoard: true,
      seniorOfficersOnly: true,
      boardRepresentativesOnly: false,
    },
    notifications: {
      childProtectionChair: true,
      independentReviewingOfficer: true,
      boardManagerAtStage: null,
    },
    referralRoute: 'The nursery e-mails the details to bscp@bromley.gov.uk for the attention of the independent chair.',
    resolveTimescaleNote:
      'Resolve through discussion within one working week, or a timescale that protects the child from harm, whichever is shortest.',
  },
  {
    key: 'bristol',
    name: 'Bristol (BS3 Early Education)',
    source: 'bristol-bs3-early-education.txt',
    stages: [
      {
        number: 1,
        name: 'Discussion between practitioners',
        description:
          'Child-centred discussion between the agencies, as close to the point of origin as possible. At immediate risk of harm, contact First Response and the police without waiting.',
        timescaleWorkingDays: null,
        sameWorkingDayIfImmediateRisk: true,
      },
      {
        number: 2,
        name: 'Escalation between levels of management',
        description:
          'The disagreement is taken up between the levels of management until it is resolved; the referring member of staff is kept informed.',
        timescaleWorkingDays: null,
        sameWorkingDayIfImmediateRisk: true,
      },
    ],
    lastStep:
      'No step beyond management is named in the text: the parties confirm the agreed outcome in writing and how any outstanding issues will be pursued.',
    panelRule: {
      kind: 'none',
      disputingAgenciesOnPanel: 'not_applicable',
      chairAgencyMustBeUninvolved: false,
      membersMustBeFullBoard: false,
      seniorOfficersOnly: false,
      boardRepresentativesOnly: false,
    },
    notifications: {
      childProtectionChair: false,
      independentReviewingOfficer: false,
      boardManagerAtStage: null,
    },
    referralRoute:
      'The policy names no referral to the board. A child at risk of immediate harm is referred to First Response and the police.',
    resolveTimescaleNote: 'Within the shortest timescale possible; some disagreements need especially speedy resolution.',
  },
  {
    key: 'birmingham',
    name: 'Birmingham (Hollyfield Primary, LTE)',
    source: 'birmingham-hollyfield-primary.txt',
    stages: [
      {
        number: 1,
        name: 'Consulting the line manager',
        description: 'The professional consults their own manager or supervisor to clarify their thinking and the outcome they want.',
        timescaleWorkingDays: 0,
        sameWorkingDayIfImmediateRisk: true,
      },
      {
        number: 2,
        name: 'Discussion between the professionals',
        description: 'The professionals who disagree discuss the issues and how far the disagreement bears on the risk to the child.',
        timescaleWorkingDays: 5,
        sameWorkingDayIfImmediateRisk: true,
      },
      {
        number: 3,
        name: 'Escalation to line managers',
        description:
          'Each professional tells their manager or supervisor, who discusses it with the equivalent manager in the other agency.',
        timescaleWorkingDays: 5,
        sameWorkingDayIfImmediateRisk: true,
      },
      {
        number: 4,
        name: 'Escalation to safeguarding leads or senior managers',
        description: 'Each manager reports to their named or designated safeguarding lead or service manager; these two try to resolve it.',
        timescaleWorkingDays: 5,
        sameWorkingDayIfImmediateRisk: true,
      },
      {
        number: 5,
        name: 'Mediation by a third party agency',
        description:
          'Referred to the board’s business coordinator; the board chair names a board member from an uninvolved agency to chair a meeting of senior managers.',
        timescaleWorkingDays: 5,
        sameWorkingDayIfImmediateRisk: true,
      },
    ],
    lastStep:
      'The board chair names a board member from an uninvolved agency to chair a meeting of senior managers with operational responsibility for the case: the final opportunity to reach a decision. Its chair reports back to the board chair.',
    panelRule: {
      kind: 'uninvolved_chair_meeting',
      disputingAgenciesOnPanel: 'required',
      chairAgencyMustBeUninvolved: true,
      membersMustBeFullBoard: false,
      seniorOfficersOnly: true,
      boardRepresentativesOnly: false,
    },
    notifications: {
      childProtectionChair: false,
      independentReviewingOfficer: false,
      boardManagerAtStage: null,
    },
    referralRoute: 'Referred to the business coordinator of the Safeguarding Children Board, who notifies the chair of the board.',
    resolveTimescaleNote: 'The same working day where a child is at immediate risk of significant harm; otherwise within one working week.',
  },
  {
    key: 'bexley',
    name: 'Bexley (BSCB)',
    source: 'bexley-safeguarding-board.txt',
    stages: [
      {
        number: 1,
        name: 'Agency’s own escalation policy',
        description:
          'Agencies use their own escalation policies first (London Child Protection procedures for child protection disputes) and record their use.',
        timescaleWorkingDays: null,
      },
      {
        number: 2,
        name: 'Multi-agency meeting',
        description: 'Any statutory agency can require a multi-agency meeting to resolve the professional differences.',
        timescaleWorkingDays: null,
      },
      {
        number: 3,
        name: 'BSCB Chair',
        description:
          'As a last resort the BSCB chair acts as arbitrator or mediator and supports the partners to resolve their differences.',
        timescaleWorkingDays: null,
      },
    ],
    lastStep: 'The BSCB chair, as arbitrator or mediator of last resort, supports the partners to resolve their differences.',
    panelRule: {
      kind: 'none',
      disputingAgenciesOnPanel: 'not_applicable',
      chairAgencyMustBeUninvolved: false,
      membersMustBeFullBoard: false,
      seniorOfficersOnly: false,
      boardRepresentativesOnly: false,
    },
    notifications: {
      childProtectionChair: false,
      independentReviewingOfficer: false,
      boardManagerAtStage: null,
    },
    referralRoute:
      'E-mail bscb@bexley.gov.uk marked for the attention of the independent chair, setting out the reasons for the differences and what has happened so far.',
    resolveTimescaleNote: 'Not set by the policy.',
  },
  {
    key: 'torbay',
    name: 'Torbay (St Marychurch Pre-school)',
    source: 'torbay-st-marychurch-preschool.txt',
    stages: [
      {
        number: 0,
        name: 'Pre-escalation',
        description:
          'The worker consults a supervisor or manager in their own organisation to pin down the disagreement and what they aim to achieve.',
        timescaleWorkingDays: null,
      },
      {
        number: 1,
        name: 'Professional',
        description: 'The people who disagree try to resolve it at the lowest possible level.',
        timescaleWorkingDays: 5,
      },
      {
        number: 2,
        name: 'Manager',
        description: 'The worker’s supervisor or manager raises it with the equivalent manager in the other agency.',
        timescaleWorkingDays: 5,
      },
      {
        number: 3,
        name: 'Committee member',
        description:
          'The manager reports to the committee chair or named safeguarding committee member, who tries to resolve it and tells the board manager.',
        timescaleWorkingDays: 5,
        notifyBoardManager: true,
      },
      {
        number: 4,
        name: 'Refer via TSCB',
        description: 'Referred to the chair of the safeguarding children board, who resolves it direct or convenes a resolution panel.',
        timescaleWorkingDays: 10,
      },
    ],
    lastStep:
      'The board chair either seeks to resolve the issue direct, or convenes a resolution panel, which hears those concerned and decides the next course of action.',
    panelRule: {
      kind: 'three_agency_panel',
      disputingAgenciesOnPanel: 'where_possible',
      chairAgencyMustBeUninvolved: false,
      membersMustBeFullBoard: true,
      seniorOfficersOnly: false,
      boardRepresentativesOnly: true,
    },
    notifications: {
      childProtectionChair: false,
      independentReviewingOfficer: false,
      boardManagerAtStage: 3,
    },
    referralRoute: 'Referred via TSCB to the chair of the local safeguarding children board.',
    resolveTimescaleNote:
      'Shortest timescale possible: stages 1 and 2 within one week (5 working days), stage 3 one more week (5 working days), stage 4 two more weeks.',
  },
];

export const BUILT_IN_CATEGORIES_AT_0020: readonly string[] = [
  'Level of need or threshold',
  'Nature and severity of risk',
  'How best to reduce the risk (the plan)',
  'Roles and responsibilities',
  'The need for action or inaction',
  'Information sharing and communication',
];
