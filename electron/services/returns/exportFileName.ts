// File names for the workbooks the desk writes: lower-case letters, digits and hyphens around the
// quarter key, so they are safe on Windows, macOS and Linux and in an e-mail attachment.
import { quarterKeySchema } from '../../../shared/domain/quarter';

export type ExportKind = 'board-return' | 'agency-template';

const MAX_AGENCY_PART = 60;

/** "Avon & Somerset Police" -> "avon-and-somerset-police"; accents dropped, anything else becomes a hyphen. */
export function fileNamePart(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_AGENCY_PART)
    .replace(/^-+|-+$/g, '');
}

export function exportFileName(kind: ExportKind, quarter: string, agencyName?: string): string {
  // The key is checked, not cleaned: a quarter that is not YYYY-Qn is a caller's mistake.
  const key = quarterKeySchema.parse(quarter);
  if (kind === 'board-return') return `board-return-${key}.xlsx`;
  const agency = agencyName === undefined ? '' : fileNamePart(agencyName);
  return agency === '' ? `agency-return-template-${key}.xlsx` : `agency-return-template-${key}-${agency}.xlsx`;
}
