// A legacy register's preview in plain lines, for the command line (the screen lays the same out).
import { LEGACY_FIELDS, LEGACY_FIELD_KEYS, VALUE_KINDS, type LegacyPreview } from './legacyRegister';

export function legacyPreviewText(p: LegacyPreview): string {
  const lines: string[] = [`${p.fileName}: ${p.rows.toLocaleString('en-GB')} rows.`, 'Columns:'];
  for (const field of LEGACY_FIELD_KEYS) {
    const column = p.columns[field];
    lines.push(
      `  ${LEGACY_FIELDS[field].label}: ${column === null ? 'not in the file' : `“${p.headings[column]}” (column ${column + 1})`}`,
    );
  }
  lines.push(`${p.ready.toLocaleString('en-GB')} cases ready to import; ${p.skippedCount.toLocaleString('en-GB')} rows skipped.`);
  for (const s of p.skipped) lines.push(`  skipped row ${s.row} (${s.reference}): ${s.why}`);
  for (const u of p.unknown)
    lines.push(`Not known: ${VALUE_KINDS[u.kind].toLowerCase()} “${u.text}”, on ${u.rows} row${u.rows === 1 ? '' : 's'}.`);
  if (p.problemCount > 0) {
    lines.push(
      `${p.problemCount.toLocaleString('en-GB')} problem${p.problemCount === 1 ? '' : 's'}${p.problemCount > p.problems.length ? ` (the first ${p.problems.length} shown)` : ''}:`,
    );
    for (const pr of p.problems) lines.push(`  row ${pr.row}, ${pr.column}: ${pr.message}`);
  }
  return lines.join('\n');
}
