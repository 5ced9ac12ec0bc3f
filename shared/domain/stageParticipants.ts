// The people who took part at a stage. Recorded as people (name, agency, role, a directory officer
// where there is one) so the panel check can refuse them a seat; the stage's free text keeps what
// was said. Stages recorded before that kept only free text, read here as well as it can be.
import { z } from 'zod';
import { chosenId } from './formFields';

const id = chosenId;

export const stageParticipantInput = z.object({
  name: z
    .string({ error: 'Enter the name of the person who took part' })
    .trim()
    .min(1, 'Enter the name of the person who took part')
    .max(120, 'Keep the name under 120 characters'),
  agencyId: id('their agency').nullable().default(null),
  role: z.string().trim().max(120, 'Keep the role under 120 characters').default(''),
  officerId: id('an officer from the directory').nullable().default(null),
});
export type StageParticipantInput = z.output<typeof stageParticipantInput>;

export const stageParticipantSchema = z.object({
  name: z.string(),
  agencyId: z.number().nullable(),
  agencyName: z.string().nullable(),
  role: z.string(),
  officerId: z.number().nullable(),
});
export type StageParticipant = z.infer<typeof stageParticipantSchema>;

/** "Sam Lee (Police, line manager)", as the case page, the timeline and the pack write a person. */
export function describeParticipant(p: { name: string; agencyName: string | null; role: string }): string {
  const about = [p.agencyName, p.role].filter((x): x is string => !!x && x.trim() !== '');
  return about.length ? `${p.name} (${about.join(', ')})` : p.name;
}

/** Splits on ";", "," and new lines, but never inside brackets: "A (Police, manager); B" is two. */
function splitOutsideBrackets(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(' || ch === '[') depth += 1;
    else if ((ch === ')' || ch === ']') && depth > 0) depth -= 1;
    if (depth === 0 && (ch === ';' || ch === ',' || ch === '\n' || ch === '\r')) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'da', 'del', 'di', 'du', 'la', 'le', 'bin', 'al', 'ter']);
const NAME_WORD = /^\p{Lu}[\p{L}'’.-]*$/u;
const ACRONYM = /^\p{Lu}{2,}$/u;

/**
 * Does the fragment read as a person's name? Two to five capitalised words (initials and particles
 * allowed), not only acronyms. "CSC team manager" and "school DSL" are roles and name nobody. A
 * guess: the planner shows the chair which names it recognised, so a miss can be seen and fixed by
 * recording the people.
 */
function readsAsName(fragment: string): boolean {
  const words = fragment.split(/\s+/).filter(Boolean);
  if (words.length < 2 || words.length > 5) return false;
  const [first, ...rest] = words;
  if (!first || !NAME_WORD.test(first)) return false;
  if (!rest.every((w, i) => NAME_WORD.test(w) || (i < rest.length - 1 && PARTICLES.has(w)))) return false;
  return !words.every((w) => ACRONYM.test(w));
}

/** The people named in an old free-text "who took part", as well as they can be read. */
export function namesInFreeText(text: string): string[] {
  const names: string[] = [];
  for (const part of splitOutsideBrackets(text)) {
    let fragment = part;
    for (let previous = ''; previous !== fragment;) {
      previous = fragment;
      fragment = fragment.replace(/\([^()]*\)|\[[^[\]]*\]/g, ' ');
    }
    fragment = (fragment.split(/\s[-–—]\s|:/)[0] ?? '').replace(/\s+/g, ' ').trim();
    if (readsAsName(fragment) && !names.some((n) => n.toLocaleLowerCase('en-GB') === fragment.toLocaleLowerCase('en-GB')))
      names.push(fragment);
  }
  return names;
}
