// Policy profiles as stored: the five built-ins and each board's edited copies, every one a
// numbered version. An escalation points at the version it was opened under. Reading only:
// changing the board's policy is profiles.ts.
import { parseStoredProfile, type PolicyProfile } from '../../shared/domain/policyProfiles';
import type { ProfileSummary } from '../../shared/domain/settings';
import type { ReadableDb, WritableDb } from '../db/types';
import { NotFoundError } from './errors';
import { bulkCaches, cachedIn } from './bulkWrite';

// Every stored definition is read through parseStoredProfile (shared/domain/policyProfiles.ts):
// checked against the schema, never trusted as cast, with fields that older versions lack given
// their built-in's answer.

/** Every stored version by id, for lists that show cases opened under several versions. */
export function profilesById(db: AnyDb): Map<number, PolicyProfile> {
  const rows = db.prepare('SELECT id, based_on, definition_json FROM policy_profile').all() as {
    id: number;
    based_on: string | null;
    definition_json: string;
  }[];
  return new Map(rows.map((r) => [r.id, parseStoredProfile(r.definition_json, r.based_on)]));
}

type AnyDb = ReadableDb | WritableDb;

interface ProfileRow {
  id: number;
  key: string;
  version: number;
  based_on: string | null;
  definition_json: string;
  created_at: string;
}

export interface StoredProfile {
  id: number;
  version: number;
  profile: PolicyProfile;
}

export function loadProfile(db: AnyDb, profileId: number): StoredProfile {
  return cachedIn(
    db,
    (c) => c.profiles,
    profileId,
    () => {
      const row = db.prepare('SELECT * FROM policy_profile WHERE id = ?').get(profileId) as ProfileRow | undefined;
      if (!row) throw new NotFoundError(`There is no policy profile with id ${profileId}.`);
      return { id: row.id, version: row.version, profile: parseStoredProfile(row.definition_json, row.based_on) };
    },
  );
}

export function activeProfileId(db: AnyDb): number | null {
  const bulk = bulkCaches(db);
  if (bulk?.activeProfileId !== undefined) return bulk.activeProfileId;
  const row = db.prepare("SELECT value FROM board_setting WHERE key = 'active_profile_id'").get() as { value: string } | undefined;
  const id = row ? Number(row.value) : null;
  if (bulk) bulk.activeProfileId = id;
  return id;
}

export function listProfiles(db: AnyDb): ProfileSummary[] {
  const active = activeProfileId(db);
  return (db.prepare('SELECT * FROM policy_profile ORDER BY based_on IS NOT NULL, key, version').all() as ProfileRow[]).map((r) => ({
    id: r.id,
    key: r.key,
    name: parseStoredProfile(r.definition_json, r.based_on).name,
    version: r.version,
    basedOn: r.based_on,
    createdAt: r.created_at,
    active: r.id === active,
  }));
}
