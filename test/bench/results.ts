// One line of the benchmark table, and the table itself: the app's figure beside the raw
// library's, the ratio between them, the goal, and whether the goal was met.

export interface Result {
  measure: string;
  /** Escalations in the database, or rows in the file, for this line. */
  size: number;
  sizeUnit?: string;
  app: string;
  raw: string;
  /** App over raw: a rate's share (higher is better) or a time's multiple (lower is better). */
  ratio: string;
  goal: string;
  /** null when the line has no goal of its own (shown for context). */
  met: boolean | null;
  /** Why a goal was missed, or what a figure is made of: printed under the table. */
  notes?: string[];
}

export const ms = (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : n >= 100 ? `${Math.round(n)} ms` : `${n.toFixed(1)} ms`);
export const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
export const count = (n: number) => n.toLocaleString('en-GB');
export const perSecond = (n: number) => `${count(Math.round(n))}/s`;
export const share = (app: number, raw: number) => (raw > 0 ? `${(app / raw).toFixed(2)} of raw` : '—');
export const times = (app: number, raw: number) => (raw > 0 ? `${(app / raw).toFixed(2)}x raw` : '—');

function sizeLabel(r: Result): string {
  const n =
    r.size >= 1_000_000 && r.size % 1_000_000 === 0
      ? `${r.size / 1_000_000}M`
      : r.size >= 1000 && r.size % 1000 === 0
        ? `${r.size / 1000}k`
        : count(r.size);
  return r.sizeUnit ? `${n} ${r.sizeUnit}` : n;
}

const verdict = (r: Result) => (r.met === null ? '—' : r.met ? 'met' : 'NOT MET');
const HEADERS = ['measure', 'size', 'app', 'raw', 'ratio', 'goal', 'met?'];
const cells = (r: Result) => [r.measure, sizeLabel(r), r.app, r.raw, r.ratio, r.goal, verdict(r)];

export function textTable(results: readonly Result[]): string {
  const rows = [HEADERS, ...results.map(cells)];
  const widths = HEADERS.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function markdownTable(results: readonly Result[]): string {
  const escape = (c: string) => c.replace(/\|/g, '\\|');
  return [
    `| ${HEADERS.join(' | ')} |`,
    `| ${HEADERS.map(() => '---').join(' | ')} |`,
    ...results.map((r) => `| ${cells(r).map(escape).join(' | ')} |`),
  ].join('\n');
}

export function notesOf(results: readonly Result[]): string[] {
  return results.flatMap((r) => (r.notes ?? []).map((n) => `${r.measure} (${sizeLabel(r)}): ${n}`));
}

/** Median of a few timed runs: one slow run on a shared machine does not decide the figure. */
export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}
