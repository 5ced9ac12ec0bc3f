// Two people, one case: every write to an existing case, panel, agency or the board's settings
// names the version of the record it was based on, and a write made on an older version is
// refused (the dispatcher checks it, electron/services/recordVersions.ts). This file holds what
// both ends share: the field, the kinds of record and the words of a refusal.
import { z } from 'zod';

export const RECORD_KINDS = ['case', 'panel', 'agency', 'settings'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** The version of the record the form (or the command) was based on: what the person saw when they started. */
export const basedOnVersion = z
  .number({ error: 'Say which version of the record this change was based on (a whole number from 1): reload the page and try again' })
  .int('The version this change was based on must be a whole number')
  .positive('The version this change was based on must be 1 or more');

export const versioned = { basedOnVersion };

/** Each record's version as the detail screens show it; a record nobody has changed since it was made is at 1. */
export const recordVersionSchema = z.number().int().positive();

const NOUN: Record<RecordKind, string> = {
  case: 'this case',
  panel: 'this panel',
  agency: 'this agency',
  settings: 'the board’s settings',
};

const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'Europe/London' });

export interface RecordChange {
  changedAt: string;
  changedBy: string;
  /** What they did, in plain words ("recorded a stage discussion"). */
  what: string;
}

/** The refusal a person reads when someone else changed the record after they opened it. */
export function staleMessage(kind: RecordKind, change: RecordChange): string {
  const at = new Date(change.changedAt);
  return (
    `${change.changedBy} changed ${NOUN[kind]} at ${TIME.format(at)} on ${DAY.format(at)} (${change.what}) after you opened it. ` +
    'Nothing of yours was saved; your text is still in the form. Look at their change, then save again.'
  );
}
