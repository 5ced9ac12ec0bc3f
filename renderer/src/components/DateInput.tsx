import { useEffect, useId, useRef, useState } from 'react';
import { PROBLEM_ATTRIBUTE } from './ErrorSummary';

// The GOV.UK date input: day, month and year typed as numbers, in place of a browser date picker
// (Chromium's shows mm/dd/yyyy, the wrong way round for England). The form still gets one ISO date.

interface Parts {
  day: string;
  month: string;
  year: string;
}

const EMPTY: Parts = { day: '', month: '', year: '' };

function partsOf(iso: string): Parts {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1]! } : EMPTY;
}

export interface DateVerdict {
  /** The ISO date ('' while empty or not a real date). */
  iso: string;
  /** What is wrong, in words, and which part to go to; null when empty or right. */
  problem: { message: string; part: keyof Parts; whole: boolean } | null;
}

/** Reads day, month and year as a person typed them: "31 2 2026" and letters are refused in words. */
export function readDate(parts: Parts, name: string): DateVerdict {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return { iso: '', problem: null };
  const missing = (['day', 'month', 'year'] as const).filter((k) => !{ day, month, year }[k]);
  if (missing.length > 0) {
    const list = missing.length === 1 ? `a ${missing[0]}` : `a ${missing.slice(0, -1).join(', a ')} and a ${missing[missing.length - 1]}`;
    return { iso: '', problem: { message: `${name} must include ${list}`, part: missing[0]!, whole: false } };
  }
  const notNumber = (['day', 'month', 'year'] as const).find((k) => !/^\d+$/.test({ day, month, year }[k]));
  if (notNumber) return { iso: '', problem: { message: `${name} must be a real date, in numbers`, part: notNumber, whole: false } };
  if (year.length !== 4) return { iso: '', problem: { message: 'Year must include 4 numbers', part: 'year', whole: false } };
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  const real = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || d < 1 || real.getUTCMonth() !== m - 1 || real.getUTCDate() !== d)
    return { iso: '', problem: { message: `${name} must be a real date`, part: m < 1 || m > 12 ? 'month' : 'day', whole: false } };
  return { iso: `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, problem: null };
}

interface DateInputProps {
  /** The question, shown as the fieldset's legend ("Date raised"). */
  legend: string;
  /** ISO date, or '' for none. */
  value: string;
  onChange: (iso: string) => void;
  hint?: string;
  /** Base of the three inputs' ids (the day input gets `${id}-day`). */
  id?: string;
  disabled?: boolean;
}

/**
 * Three labelled text inputs in a fieldset. A date that is not a real one is marked on the fieldset
 * (data-problem) so that the form's ErrorSummary refuses it in words before anything is sent.
 */
export function DateInput({ legend, value, onChange, hint = 'For example, 27 3 2026', id, disabled }: DateInputProps) {
  const ownId = useId();
  const base = id ?? ownId;
  const [parts, setParts] = useState<Parts>(() => partsOf(value));
  // What this input last told the form: a different value from the form (reset, a draft restored) replaces the text.
  const told = useRef(value);
  useEffect(() => {
    if (value !== told.current) {
      told.current = value;
      setParts(partsOf(value));
    }
  }, [value]);
  const verdict = readDate(parts, legend);
  const set = (key: keyof Parts) => (e: { target: { value: string } }) => {
    const next = { ...parts, [key]: e.target.value };
    setParts(next);
    const iso = readDate(next, legend).iso;
    told.current = iso;
    if (iso !== value) onChange(iso);
  };
  const hintId = `${base}-hint`;
  const problem = verdict.problem
    ? { [PROBLEM_ATTRIBUTE]: verdict.problem.message, 'data-problem-at': `${base}-${verdict.problem.part}` }
    : {};
  return (
    <fieldset className="date-input" role="group" aria-describedby={hintId} {...problem}>
      <legend>{legend}</legend>
      <span id={hintId} className="hint">
        {hint}
      </span>
      <div className="date-input__items">
        {(['day', 'month', 'year'] as const).map((key) => (
          <div key={key} className={`date-input__item date-input__item--${key}`}>
            <label htmlFor={`${base}-${key}`}>{key[0]!.toUpperCase() + key.slice(1)}</label>
            <input
              id={`${base}-${key}`}
              name={`${base}-${key}`}
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              value={parts[key]}
              onChange={set(key)}
              disabled={disabled}
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}
