// The two field checks every form's schema uses, with the same words everywhere: a choice from a
// list (an id the person picked) and a required line of text with its length limit.
import { z } from 'zod';

/** An id chosen from a list: "Choose the agency challenged" when it is missing or not an id. */
export const chosenId = (what: string) =>
  z
    .number({ error: `Choose ${what}` })
    .int(`Choose ${what}`)
    .positive(`Choose ${what}`);

/** Text that must be given, trimmed, at most `max` characters. */
export const requiredText = (what: string, max: number) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `Keep ${what} under ${max} characters`);
