// The app keeps a case reference and initials at most. These checks catch the commonest slips, a
// child's name typed into a free-text box, before it is stored. The one implementation: the
// screens' live warning, the dispatcher's refusal (caseText.ts says which fields of which channel)
// and the services all call possibleChildIdentifiers.
//
// The trade-off. Only the child's identifiers are forbidden: agencies and the professionals
// involved (workers, officers, the chair) are named in these records by design. A name alone cannot
// say whose it is, so the check is a warning, not a verdict: a person either takes the name out or
// confirms it is not a child's. To keep the warnings worth reading it passes over
//  - every word of a name the board knows as a professional's or an agency's (the directory's
//    agencies and officers, the app's accounts), in any case: so a child who shares a first name
//    with an officer is missed when written alone;
//  - capitalised words that routinely start sentences or name services, roles, places and days;
//  - a given name that is also an ordinary English word ("will", "grace", "rose", "jack") unless it
//    is written as a name, with a capital inside a sentence;
//  - a lower-case surname after an unlisted given name: "zyxon okafor" is not caught (a surname list
//    would flag ordinary words far more often than it would find a child).
// Given names are the ONS's list for England and Wales (givenNames.ts says how it was made).
import { DISTINCT_GIVEN_NAMES, ORDINARY_WORD_GIVEN_NAMES } from './givenNames';

/** A capitalised word, including O’Brien, McDonald, Mary-Jane and a possessive ’s. */
const CAPITALISED = /^(?:[A-Z][’'])?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:[-’'][A-Z]?[a-z]+)*$/;
const WORD = /[\p{L}][\p{L}’'-]*/gu;
const bare = (word: string) => word.replace(/[’']s$/i, '').replace(/[-’']+$/, '');
const key = (word: string) => bare(word).toLocaleLowerCase('en-GB');

// Words that routinely start sentences or name services, roles and places (compared without case).
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
    'Threshold Category Case Ref Reference Initials Yes No Not None Also Then However Following After Before During Today Yesterday Tomorrow ' +
    'Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun'
  )
    .split(/\s+/)
    .map((w) => w.toLocaleLowerCase('en-GB')),
);

export interface IdentifierFinding {
  /** The words as written. */
  text: string;
  kind: 'full name' | 'given name';
}

/** The words of names the board knows are not a child's (agencies, officers, accounts), without case. */
export function knownWords(knownNames: readonly string[]): Set<string> {
  return new Set(
    knownNames
      .flatMap((n) => n.match(WORD) ?? [])
      .map(key)
      .filter(Boolean),
  );
}

function isGivenName(word: string, sentenceStart: boolean): boolean {
  const k = key(word);
  const parts = k.split('-');
  if (DISTINCT_GIVEN_NAMES.has(k) || parts.some((p) => DISTINCT_GIVEN_NAMES.has(p))) return true;
  // An ordinary word counts as a name only where it is written as one: capitalised, mid-sentence.
  return !sentenceStart && CAPITALISED.test(bare(word)) && ORDINARY_WORD_GIVEN_NAMES.has(k);
}

/**
 * What in the text may identify a child: a full name (two or more capitalised words in a row that
 * are not common or known words, or a listed given name followed by another unknown word, in any
 * case) or a single listed given name. A warning, not a verdict.
 */
export function possibleChildIdentifiers(text: string, known: ReadonlySet<string> | readonly string[] = []): IdentifierFinding[] {
  const knownSet = known instanceof Set ? known : knownWords(known as readonly string[]);
  const found = new Map<string, IdentifierFinding>();
  const add = (words: string[], kind: IdentifierFinding['kind']) => {
    const phrase = words.join(' ');
    const existing = found.get(phrase.toLocaleLowerCase('en-GB'));
    if (!existing || (existing.kind === 'given name' && kind === 'full name'))
      found.set(phrase.toLocaleLowerCase('en-GB'), { text: phrase, kind });
  };
  for (const sentence of text.split(/[.!?;:\n()[\],"“”]+/)) {
    let run: { word: string; capitalised: boolean; given: boolean }[] = [];
    let lastEnd = -1;
    const flush = () => {
      if (run.length >= 2)
        add(
          run.map((w) => w.word),
          'full name',
        );
      else if (run.length === 1 && run[0]!.given) add([run[0]!.word], 'given name');
      run = [];
    };
    [...sentence.matchAll(WORD)].forEach((match, index) => {
      const word = bare(match[0]);
      const start = match.index ?? 0;
      const adjacent = lastEnd >= 0 && /^\s+$/.test(sentence.slice(lastEnd, start));
      lastEnd = start + match[0].length;
      if (!adjacent) flush();
      const k = key(word);
      if (word === '' || COMMON.has(k) || knownSet.has(k)) return flush();
      const capitalised = CAPITALISED.test(word);
      const given = isGivenName(word, index === 0);
      // A lower-case word joins a name only after a given name ("jayden okafor"), never starts one.
      const surname = !capitalised && !given && run.length === 1 && run[0]!.given && looksLikeSurname(word);
      if (capitalised || given || surname) run.push({ word, capitalised, given });
      else flush();
    });
    flush();
  }
  return [...found.values()];
}

/**
 * A lower-case word that may be a surname after a given name: not a short function word. Without a
 * dictionary in the app this stays deliberately narrow (letters only, four or more), so the finding
 * may read "jayden said"; the given name is what matters and is caught either way.
 */
function looksLikeSurname(word: string): boolean {
  return /^\p{L}{4,}$/u.test(word) && !LOWER_FUNCTION_WORDS.has(word.toLocaleLowerCase('en-GB'));
}
const LOWER_FUNCTION_WORDS = new Set(
  'said says told asked was were has have had is are and but with from into onto about that this then than them they their there when where which while will would could should must been being also only just very not for the'.split(
    ' ',
  ),
);

/** Just the phrases (for a short warning). */
export function possibleFullNames(text: string, knownNames: readonly string[] = []): string[] {
  return possibleChildIdentifiers(text, knownNames).map((f) => f.text);
}

/** The finding in plain words, for a problem list. */
export function describeFinding(finding: IdentifierFinding): string {
  return finding.kind === 'full name' ? `“${finding.text}” looks like a person’s full name` : `“${finding.text}” looks like a given name`;
}

export const CASE_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9/_-]{0,29}$/;
export const INITIALS = /^[A-Za-z]{1,4}$/;
