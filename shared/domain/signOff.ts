// The chair's sign-off of a resolved or withdrawn case (issue 16, item 4). Where the board has a
// chair account, the coordinator asks and the chair signs off (or declines, saying why) in the app,
// under the chair's own account; where it has none, the coordinator records who signed off and how.
// Either way, closing while consequent actions are still open is said out loud and listed first.
import { z } from 'zod';
import { chosenId, requiredText } from './formFields';

const id = chosenId;
const text = requiredText;

/** How a chair without an account gave their sign-off, as the coordinator records it. */
export const SIGN_OFF_WAYS = { meeting: 'In a meeting', email: 'By e-mail', letter: 'By letter', phone: 'By phone' } as const;
export type SignOffWay = keyof typeof SIGN_OFF_WAYS;
/** Every way a closure was signed off: in the app by the chair's account, or as the coordinator recorded it. */
export const CLOSURE_WAYS = { in_app: 'In the app, by the chair’s account', ...SIGN_OFF_WAYS } as const;
export type ClosureWay = keyof typeof CLOSURE_WAYS;

const signOffWay = z.enum(Object.keys(SIGN_OFF_WAYS) as [SignOffWay, ...SignOffWay[]], {
  error: `Choose how the chair signed it off: ${Object.values(SIGN_OFF_WAYS).join(', ').toLowerCase()}`,
});
/** Ticked when the person closing knows consequent actions are still open (they are listed to them first). */
const openActionsNoted = z.boolean().default(false);

export const requestSignOffInput = z.object({
  escalationId: id('an escalation'),
  note: z.string().trim().max(2000, 'Keep the note to the chair under 2000 characters').default(''),
  openActionsNoted,
  confirmedNoChildName: z.boolean().default(false),
});
export const signOffInput = z.object({ escalationId: id('an escalation'), openActionsNoted });
export const declineSignOffInput = z.object({
  escalationId: id('an escalation'),
  reason: text('why the chair does not sign it off', 2000),
  confirmedNoChildName: z.boolean().default(false),
});
/** The coordinator's record of a sign-off given outside the app (the board has no chair account). */
export const recordedSignOff = { chairName: text('the name of the chair who signed it off', 120), how: signOffWay, openActionsNoted };

export const signOffRequestSchema = z.object({
  id: z.number(),
  requestedAt: z.string(),
  requestedBy: z.string(),
  note: z.string(),
  answer: z.enum(['signed_off', 'declined']).nullable(),
  answeredAt: z.string().nullable(),
  answeredBy: z.string().nullable(),
  declineReason: z.string().nullable(),
});
export type SignOffRequest = z.infer<typeof signOffRequestSchema>;

/** On a case: whether the chair signs off in the app, and every request made and how it was answered (oldest first). */
export const caseSignOffSchema = z.object({ chairHasAccount: z.boolean(), requests: z.array(signOffRequestSchema) });
export type CaseSignOff = z.infer<typeof caseSignOffSchema>;

/** A case waiting for the chair's sign-off, as the chair's list shows it. */
export const pendingSignOffSchema = z.object({
  escalationId: z.number(),
  reference: z.string(),
  status: z.enum(['resolved', 'withdrawn']),
  requestedAt: z.string(),
  requestedBy: z.string(),
  note: z.string(),
  openActions: z.number(),
});
export type PendingSignOff = z.infer<typeof pendingSignOffSchema>;
