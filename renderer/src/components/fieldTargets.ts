// Finds the control a refusal is about, in the form on the screen: by its visible label (or legend),
// or by the control's name (the contract's key, for a refusal that names a key such as "userName").
// The words shown in the error summary are the label's, so the summary and the screen always agree.

export interface FieldTarget {
  /** What gets focus from the summary's link. */
  control: HTMLElement;
  /** Every control the problem covers (a date's day, month and year), each marked aria-invalid. */
  controls: HTMLElement[];
  /** The visible label or legend, as shown. */
  label: string;
  /** The field's box, where the inline message goes. */
  container: HTMLElement;
}

const CONTROLS = 'input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea';

function words(text: string): string {
  return text
    .replace(/[’‘]/g, "'")
    .replace(/\((optional|if any)\)/gi, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s:?.*]+$/, '')
    .toLowerCase();
}

/** "userName", "User name" and "user-name" compare alike. */
function squeezed(text: string): string {
  return words(text).replace(/[^a-z0-9]/g, '');
}

function visibleText(el: Element): string {
  // A label's own words, without an inline error message already placed in it.
  const copy = el.cloneNode(true) as Element;
  copy.querySelectorAll('.error-message, .visually-hidden').forEach((n) => n.remove());
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

interface Candidate extends FieldTarget {
  keys: string[];
}

function candidates(form: HTMLElement): Candidate[] {
  const found: Candidate[] = [];
  for (const control of Array.from(form.querySelectorAll<HTMLElement>(CONTROLS))) {
    const labelEl = (control as HTMLInputElement).labels?.[0];
    const label = labelEl ? visibleText(labelEl) : (control.getAttribute('aria-label') ?? '');
    const keys = [label, control.getAttribute('name') ?? ''].filter(Boolean);
    const container = (control.closest('.field, .field--check') as HTMLElement | null) ?? control.parentElement ?? form;
    if (label) found.push({ control, controls: [control], label, container, keys });
  }
  for (const fieldset of Array.from(form.querySelectorAll<HTMLFieldSetElement>('fieldset'))) {
    const legend = fieldset.querySelector(':scope > legend');
    const controls = Array.from(fieldset.querySelectorAll<HTMLElement>(CONTROLS));
    if (!legend || controls.length === 0) continue;
    const label = visibleText(legend);
    const key = fieldset.getAttribute('data-field') ?? '';
    // A date (day, month, year) is one answer: all three are marked. A group of separate questions is not.
    const one = fieldset.classList.contains('date-input') || controls.every((c) => (c as HTMLInputElement).type === 'radio');
    found.push({ control: controls[0]!, controls: one ? controls : [controls[0]!], label, container: fieldset, keys: [label, key] });
  }
  return found;
}

/**
 * The control a problem's `where` names: the whole phrase first ("Board membership, from"), then its
 * last part ("from"), then its first ("Actions, item 2, Due date" names the second "Due date").
 */
export function findField(form: HTMLElement, where: string): FieldTarget | null {
  const all = candidates(form);
  const parts = where.split(/,\s*/).filter(Boolean);
  const item = parts.map((p) => /^item (\d+)$/.exec(p)).find(Boolean);
  const named = parts.filter((p) => !/^item \d+$/.test(p));
  const tries = [where, named[named.length - 1], named[0]].filter((t): t is string => Boolean(t));
  for (const wanted of tries) {
    for (const same of [(k: string) => words(k) === words(wanted), (k: string) => squeezed(k) === squeezed(wanted)]) {
      const matches = all.filter((c) => c.keys.some(same));
      if (matches.length === 0) continue;
      const nth = item ? Number(item[1]) - 1 : 0;
      return matches[Math.min(nth, matches.length - 1)]!;
    }
  }
  return null;
}

/** The target of a field that refused its own value before sending (a date that is not a real date). */
export function targetOf(control: HTMLElement, label: string, wholeField: boolean): FieldTarget {
  const fieldset = control.closest('fieldset');
  const container = (fieldset ?? control.closest('.field') ?? control.parentElement) as HTMLElement;
  const controls = wholeField && fieldset ? Array.from(fieldset.querySelectorAll<HTMLElement>(CONTROLS)) : [control];
  return { control, controls, label, container };
}

/** Puts the message beside the field and marks its controls invalid; the returned function takes it all back. */
export function markField(target: FieldTarget, message: string, id: string): () => void {
  const note = document.createElement('p');
  note.className = 'error-message';
  note.id = id;
  const hidden = document.createElement('span');
  hidden.className = 'visually-hidden';
  hidden.textContent = 'Error: ';
  note.append(hidden, message);
  const { container } = target;
  // After the label or legend and its hint, just before the control: where GOV.UK puts it.
  const holder = Array.from(container.children).find((c) => c.contains(target.control)) ?? null;
  container.insertBefore(note, holder);
  container.classList.add('field--error');
  const restore = target.controls.map((c) => {
    const invalid = c.getAttribute('aria-invalid');
    const described = c.getAttribute('aria-describedby');
    c.setAttribute('aria-invalid', 'true');
    c.setAttribute('aria-describedby', [id, described].filter(Boolean).join(' '));
    return () => {
      if (invalid === null) c.removeAttribute('aria-invalid');
      else c.setAttribute('aria-invalid', invalid);
      if (described === null) c.removeAttribute('aria-describedby');
      else c.setAttribute('aria-describedby', described);
    };
  });
  return () => {
    note.remove();
    if (!container.querySelector(':scope > .error-message')) container.classList.remove('field--error');
    restore.forEach((r) => r());
  };
}
