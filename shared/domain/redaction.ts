// Removing a child's identifier that slipped into a case's text: the coordinator gives the exact
// text and why; the app removes it from the case and from the audit trail's stored values, and
// records the removal itself (without the text). Pure: no I/O.
import { z } from 'zod';

/** What replaces the removed text wherever it was stored. */
export const REDACTION_MARKER = '[removed]';

export const redactionInput = z.object({
  escalationId: z
    .number({ error: 'Give the escalation id as a number' })
    .int('The escalation id must be a whole number')
    .positive('The escalation id must be positive'),
  text: z
    .string({ error: 'Enter the exact text to remove' })
    .trim()
    .min(2, 'Enter the exact text to remove (at least 2 characters)')
    .max(200, 'Keep the text to remove under 200 characters: remove one name at a time')
    .refine((t) => !t.includes(REDACTION_MARKER), `The text to remove cannot contain ${REDACTION_MARKER}`),
  reason: z
    .string({ error: 'Say why it is being removed' })
    .trim()
    .min(10, 'Say why it is being removed (at least 10 characters)')
    .max(1000, 'Keep the reason under 1,000 characters'),
  confirmedNoChildName: z.boolean().default(false),
});
export type RedactionInput = z.input<typeof redactionInput>;

export const redactionResultSchema = z.object({
  escalationId: z.number(),
  reference: z.string(),
  /** Where the text was found in the case, in words ("What the disagreement is about", "Stage 2: Discussion"). */
  fields: z.array(z.string()),
  auditEntriesChanged: z.number(),
  redactionEntryId: z.number(),
  /** The write-ahead log was copied back and emptied, so no old page of the records holds the text. */
  walCheckpointed: z.boolean(),
});
export type RedactionResult = z.infer<typeof redactionResultSchema>;

/**
 * Every whole-word occurrence of the text, in any case: "Jayden" also takes "jayden" and
 * "Jayden’s", never the "leo" in "Leonard". Letters and digits on either side mean another word.
 */
export function occurrences(text: string): RegExp {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu');
}

export function redactText(value: string, text: string): string {
  return value.replace(occurrences(text), REDACTION_MARKER);
}
