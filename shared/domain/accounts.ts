// Local user accounts: who may sign in, with which role, and what the session looks like.
// Every change in the app is attributed to the signed-in user; the role limits what they change.
import { z } from 'zod';

export const ROLES = ['coordinator', 'chair', 'learning_hub', 'read_only'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  coordinator: 'Business coordinator',
  chair: 'Independent chair',
  learning_hub: 'Learning hub',
  read_only: 'Read only',
};

/** What each role is for, shown beside the role picker so a coordinator chooses knowingly. */
export const ROLE_DUTIES: Record<Role, string> = {
  coordinator: 'logs and updates escalations, keeps the agency directory and settings, imports returns, manages accounts',
  chair: 'decides referred cases, plans resolution panels and records their decisions',
  learning_hub: 'reads everything and exports the quarterly return and agency templates',
  read_only: 'reads everything and changes nothing',
};

export const roleSchema = z.enum(ROLES, { error: `Choose a role: ${ROLES.map((r) => ROLE_LABELS[r]).join(', ')}` });

// Long pass phrases are easier to remember than short clever ones; a floor of 12 characters
// follows the NCSC's advice and the upper bound keeps the slow hash's input sane.
export const PASSWORD_MIN = 12;
export const passwordSchema = z
  .string({ error: 'Enter a password' })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters (three random words work well)`)
  .max(200, 'Keep the password under 200 characters');

export const userNameSchema = z
  .string({ error: 'Enter a user name' })
  .trim()
  .min(2, 'Enter a user name of at least 2 characters')
  .max(60, 'Keep the user name under 60 characters')
  .regex(/^[A-Za-z0-9._-]+$/, 'Use letters, digits, dots, dashes or underscores in a user name (no spaces)');

export const displayNameSchema = z
  .string({ error: 'Enter the person’s name' })
  .trim()
  .min(2, 'Enter the person’s name as colleagues know it')
  .max(120, 'Keep the name under 120 characters');

export const IDLE_LOCK_DEFAULT_MINUTES = 15;
export const idleLockMinutesSchema = z
  .number({ error: 'Give the idle lock in minutes' })
  .int('Give the idle lock in whole minutes')
  .min(1, 'The idle lock must be at least 1 minute')
  .max(120, 'The idle lock can be at most 120 minutes');

export const userSchema = z.object({
  id: z.number(),
  userName: z.string(),
  displayName: z.string(),
  role: roleSchema,
  disabledOn: z.string().nullable(),
  createdAt: z.string(),
  lastSignedInAt: z.string().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const signedInUserSchema = userSchema.pick({ id: true, userName: true, displayName: true, role: true });
export type SignedInUser = z.infer<typeof signedInUserSchema>;

export const sessionStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('no_accounts') }),
  z.object({ state: z.literal('signed_out') }),
  z.object({ state: z.literal('locked'), user: signedInUserSchema, idleLockMinutes: z.number() }),
  z.object({ state: z.literal('signed_in'), user: signedInUserSchema, idleLockMinutes: z.number() }),
]);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

export const signInInput = z.object({
  userName: userNameSchema,
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(200, 'That password is too long'),
});

export const firstAccountInput = z
  .object({ userName: userNameSchema, displayName: displayNameSchema, password: passwordSchema, repeatPassword: z.string() })
  .refine((a) => a.password === a.repeatPassword, { message: 'The two passwords differ', path: ['repeatPassword'] });

export const userCreateInput = z.object({
  userName: userNameSchema,
  displayName: displayNameSchema,
  role: roleSchema,
  password: passwordSchema,
});

export const userUpdateInput = z.object({
  userId: z.number().int().positive(),
  displayName: displayNameSchema,
  role: roleSchema,
  disabled: z.boolean(),
});

export const passwordResetInput = z.object({ userId: z.number().int().positive(), password: passwordSchema });

export const passwordChangeInput = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password').max(200),
    newPassword: passwordSchema,
    repeatPassword: z.string(),
  })
  .refine((a) => a.newPassword === a.repeatPassword, { message: 'The two new passwords differ', path: ['repeatPassword'] });

export const signInResultSchema = z.discriminatedUnion('signedIn', [
  z.object({ signedIn: z.literal(true), status: sessionStatusSchema }),
  z.object({ signedIn: z.literal(false), message: z.string(), waitSeconds: z.number() }),
]);
export type SignInResult = z.infer<typeof signInResultSchema>;
