// Turns zod's issues into sentences a person can act on: where (in the words on the screen) and what.
import type { z } from 'zod';
import type { Problem } from './result';

const LABELS: Record<string, string> = {
  name: 'Name',
  sector: 'Sector',
  statutoryPartner: 'Statutory partner',
  retiredOn: 'Retired on',
  from: 'Board membership, from',
  to: 'Board membership, to',
  role: 'Role',
  email: 'E-mail',
  senior: 'Senior officer',
  boardRepresentative: 'Board representative',
  leftOn: 'Left on',
  date: 'Date',
  reference: 'Case reference',
  basedOnVersion: 'Version of the record',
  childInitials: 'Child’s initials',
  matter: 'Kind of matter',
  raisingAgencyId: 'Raising agency',
  raisingWorkerRole: 'Raising worker’s role',
  raisingWorkerEmail: 'Raising worker’s e-mail',
  challengedAgencyIds: 'Agencies challenged',
  categoryId: 'Category',
  childStatus: 'Child’s status',
  summary: 'What the disagreement is about',
  openedOn: 'Date raised',
  startStage: 'Start at stage',
  immediateRisk: 'Immediate risk',
  referral: 'Referral',
  madeOn: 'Date made',
  madeBy: 'Made by',
  method: 'How',
  toStage: 'Move to stage',
  on: 'Date',
  reason: 'Reason',
  discussion: 'Discussion',
  decision: 'Decision',
  participants: 'Who took part',
  resolvedOn: 'Date resolved',
  statement: 'Statement of outcome',
  effect: 'Effect on the original decision',
  agreedBy: 'Agreed by',
  actions: 'Actions',
  description: 'Action',
  owner: 'Owner',
  dueOn: 'Due date',
  themeIds: 'Learning themes',
  policyGap: 'Policy gap',
  policyGapNote: 'Policy gap',
  chairName: 'Chair’s name',
  doneOn: 'Date done',
  field: 'Detail to correct',
  value: 'Corrected value',
  boardName: 'Board name',
  quarterStartMonth: 'Reporting year starts in',
  stages: 'Stages',
  timescaleWorkingDays: 'Timescale',
  panelRule: 'Panel rule',
  stageNumber: 'Stage',
  year: 'Year',
  search: 'Search',
  quarter: 'Quarter',
  limit: 'Rows per page',
  offset: 'Starting row',
  cursor: 'Where the page starts',
  url: 'Board server address',
  fingerprint: 'Certificate fingerprint',
};

// Nested fields whose label on the screen is one phrase, not "Referral, Date made".
const WHOLE_PATHS: Record<string, string> = {
  'referral.to': 'Referral made to',
  'referral.madeOn': 'Referral made on',
};

export function describePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'The request';
  const whole = WHOLE_PATHS[path.map(String).join('.')];
  if (whole) return whole;
  return path.map((p) => (typeof p === 'number' ? `item ${p + 1}` : (LABELS[String(p)] ?? String(p)))).join(', ');
}

export function problemsFromZod(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys')
      return { where: describePath(issue.path), message: `Not expected here: ${issue.keys.join(', ')}` };
    if (issue.code === 'invalid_type' && issue.path.length === 0)
      return { where: 'The request', message: 'Send the details as an object of named fields' };
    return { where: describePath(issue.path), message: issue.message };
  });
}
