// The dashboard's way into the register: a drill spec in the URL, so a figure, a bar or a matrix
// cell opens exactly the cases behind it (the register lists them with the same SQL predicate).
import { drillSchema, type DrillInput } from '../../../../shared/domain/dashboard';

/** "#/escalations?drill=<encoded JSON>" for the register to read. */
export function drillHref(drill: DrillInput): string {
  return `#/escalations?drill=${encodeURIComponent(JSON.stringify(drill))}`;
}

/** The drill spec in a location hash, or null when there is none or it is not a valid one. */
export function readDrillFromHash(hash: string): DrillInput | null {
  const query = hash.indexOf('?');
  if (query < 0) return null;
  const raw = new URLSearchParams(hash.slice(query + 1)).get('drill');
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = drillSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Follows a drill from a chart (a bar is not a link, so a click on it moves the hash itself). */
export function openDrill(drill: DrillInput): void {
  window.location.hash = drillHref(drill).slice(1);
}
