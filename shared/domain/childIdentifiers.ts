// The app keeps a case reference and initials at most. These checks catch the commonest slip,
// a child's full name typed into a free-text box, before it is stored.
// A capitalised word, including O’Brien, McDonald, Mary-Jane and a possessive ’s.
const WORD = /\b(?:[A-Z][’'])?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:[-’'][A-Z]?[a-z]+)*/g;
const bare = (word: string) => word.replace(/[’']s$/, '');

// Capitalised words that routinely start sentences or name services, roles and places.
const COMMON = new Set(
  (
    'The A An And But For Of On In At To By With From This That These Those It He She They We I You His Her Their Our My Your ' +
    'Mr Mrs Ms Miss Dr Prof Sir Dame DS DI DC PC Sgt Insp Supt Cllr Child Children Young Person People Mother Father Mum Dad Parent Parents ' +
    'Carer Carers Family Social Care Services Service Police Health Trust NHS School Primary Secondary Academy Nursery Pre Preschool Early Years ' +
    'Help Need Protection Plan Looked After Independent Reviewing Officer Chair Board Panel Safeguarding Partnership Council Local Authority ' +
    'First Response MASH Team Manager Lead Designated Senior Head Teacher Worker Visitor Practitioner Hospital Clinic Probation Housing Youth ' +
    'Offending Mental Adult Adults Court Order Conference Strategy Meeting Discussion Section Stage Referral Agency Agencies Monday Tuesday ' +
    'Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December ' +
    'England Wales London Bristol Bromley Bexley Birmingham Torbay Devon Somerset Avon Kent Agreed Decision Outcome Concern Concerns Risk ' +
    'Threshold Category Case Ref Reference Initials Yes No Not None Also Then However Following After Before During Today Yesterday Tomorrow'
  ).split(/\s+/),
);

/**
 * Phrases that look like a person's full name: two or more capitalised words in a row, none of
 * them a common word or part of a known name (agencies, officers). A warning, not a verdict.
 */
export function possibleFullNames(text: string, knownNames: readonly string[] = []): string[] {
  const known = new Set(knownNames.flatMap((n) => n.split(/[^A-Za-z’'-]+/)).filter(Boolean).map(bare));
  const found: string[] = [];
  for (const sentence of text.split(/[.!?;:\n()[\],"“”]+/)) {
    const words = [...sentence.matchAll(WORD)];
    let run: string[] = [];
    let lastEnd = -1;
    const flush = () => {
      if (run.length >= 2) found.push(run.join(' '));
      run = [];
    };
    for (const match of words) {
      const word = bare(match[0]);
      const start = match.index ?? 0;
      const adjacent = lastEnd >= 0 && /^\s+$/.test(sentence.slice(lastEnd, start));
      lastEnd = start + match[0].length;
      if (!adjacent) flush();
      if (COMMON.has(word) || known.has(word)) flush();
      else run.push(word);
    }
    flush();
  }
  return [...new Set(found)];
}

export const CASE_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9/_-]{0,29}$/;
export const INITIALS = /^[A-Za-z]{1,4}$/;
