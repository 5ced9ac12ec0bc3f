/** A timescale typed by a person: blank is "not set" (null), whole numbers are working days, anything else is undefined (not understood). */
export function parseTimescale(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  return /^\d{1,3}$/.test(t) ? Number(t) : undefined;
}

export const timescaleText = (days: number | null) =>
  days === null ? 'Not set' : days === 0 ? 'The same working day' : `${days} working day${days === 1 ? '' : 's'}`;
