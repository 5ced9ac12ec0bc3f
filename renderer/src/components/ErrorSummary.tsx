import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { ActionState } from '../lib/useAction';
import { useErrorInTitle } from '../lib/pageTitle';
import { findField, markField, targetOf, type FieldTarget } from './fieldTargets';

/** A field's own refusal before anything is sent: set as data-problem on the field (see DateInput). */
export const PROBLEM_ATTRIBUTE = 'data-problem';

interface Entry {
  /** The line in the summary, in the words on the screen ("User name: Already taken"). */
  text: string;
  /** The line beside the field. */
  inline: string;
  target: FieldTarget | null;
}

interface Shown {
  message: string | null;
  entries: Entry[];
}

/** Problems the form's fields know of before sending (a date that is not a real date). */
function ownProblems(form: HTMLFormElement): Entry[] {
  return Array.from(form.querySelectorAll<HTMLElement>(`[${PROBLEM_ATTRIBUTE}]`)).map((el) => {
    const message = el.getAttribute(PROBLEM_ATTRIBUTE)!;
    const at = el.getAttribute('data-problem-at');
    const control = (at && form.querySelector<HTMLElement>(`[id="${CSS.escape(at)}"]`)) || el.querySelector<HTMLElement>('input') || el;
    return { text: message, inline: message, target: targetOf(control, message, el.getAttribute('data-problem-whole') === 'true') };
  });
}

const unplaced = (p: { where: string; message: string }): Entry => ({ text: `${p.where}: ${p.message}`, inline: p.message, target: null });

/**
 * The GOV.UK error summary, placed first inside a form: "There is a problem", focused when it
 * appears, each entry a link to its field; the field gets the message beside it and aria-invalid.
 * It shows the form's refusal from the desk, and, before anything is sent, fields that refuse
 * their own value (it holds the submission back while any does).
 */
export function ErrorSummary({ state }: { state: Pick<ActionState, 'error'> }) {
  // The form this summary heads (it is placed inside it), found once it is on the screen.
  const [form, setForm] = useState<HTMLFormElement | null>(null);
  const slot = useCallback((el: HTMLDivElement | null) => setForm(el?.closest('form') ?? null), []);
  const box = useRef<HTMLDivElement>(null);
  const idBase = useId();
  const [own, setOwn] = useState<Entry[] | null>(null);
  const { error } = state;

  // Fields that know their value is wrong stop the submission here, before the form's own handler runs.
  useEffect(() => {
    if (!form) return;
    const onSubmit = (event: Event) => {
      const problems = ownProblems(form);
      if (problems.length > 0) {
        event.preventDefault();
        event.stopPropagation();
      }
      setOwn(problems.length > 0 ? problems : null);
    };
    form.addEventListener('submit', onSubmit);
    return () => form.removeEventListener('submit', onSubmit);
  }, [form]);

  // The desk's refusal, matched to the fields of the form on the screen.
  const shown = useMemo<Shown | null>(() => {
    if (own) return { message: null, entries: own };
    if (!error || !form) return error ? { message: error.message, entries: error.problems.map(unplaced) } : null;
    const entries = error.problems.map((p) => {
      const target = findField(form, p.where);
      return { text: `${target?.label ?? p.where}: ${p.message}`, inline: p.message, target };
    });
    // In the order the fields are on the screen, as GOV.UK lists them; problems with no field first.
    entries.sort((a, b) => {
      if (!a.target || !b.target) return a.target ? 1 : b.target ? -1 : 0;
      return a.target.control.compareDocumentPosition(b.target.control) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    return { message: error.message, entries };
  }, [error, own, form]);

  // Inline messages and aria-invalid, taken back when the summary changes or goes.
  useLayoutEffect(() => {
    if (!shown) return;
    const undo = shown.entries.map((e, i) => (e.target ? markField(e.target, e.inline, `${idBase}-error-${i}`) : () => {}));
    return () => undo.forEach((u) => u());
  }, [shown, idBase]);

  useEffect(() => {
    if (shown) box.current?.focus();
  }, [shown]);

  useErrorInTitle(shown !== null);

  const go = (target: FieldTarget) => (event: MouseEvent) => {
    event.preventDefault();
    target.container.scrollIntoView({ block: 'start' });
    target.control.focus();
  };

  return (
    <div ref={slot}>
      {shown && (
        <div ref={box} className="error-summary" tabIndex={-1} aria-labelledby={`${idBase}-title`}>
          <div role="alert">
            <h2 id={`${idBase}-title`} className="error-summary__title">
              There is a problem
            </h2>
            {shown.message && <p>{shown.message}</p>}
            {shown.entries.length > 0 && (
              <ul className="error-summary__list">
                {shown.entries.map((e, i) => (
                  <li key={i}>
                    {e.target ? (
                      <a href={`#${e.target.control.id}`} onClick={go(e.target)}>
                        {e.text}
                      </a>
                    ) : (
                      e.text
                    )}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
