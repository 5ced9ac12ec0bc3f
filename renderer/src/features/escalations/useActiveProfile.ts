import { useCallback, useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../../shared/contract';
import { call } from '../../lib/api';
import { onSettledChange } from '../../lib/liveChanges';
import { useChannel } from '../../lib/useChannel';

type StoredProfile = ChannelOutput<'profiles:get'>;

/** The board's settings and the policy it works to now (stages, timescales). */
export function useActiveProfile() {
  const settings = useChannel('settings:get', {});
  const profileId = settings.data?.activeProfileId ?? null;
  const [profile, setProfile] = useState<StoredProfile | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (profileId === null) return;
    let live = true;
    call('profiles:get', { profileId }).then(
      (p) => live && setProfile(p),
      () => live && setProfile(null),
    );
    return () => {
      live = false;
    };
  }, [profileId, generation]);
  const reloadProfile = useCallback(() => setGeneration((g) => g + 1), []);
  // A timescale corrected by someone else keeps the profile's id: read it again on every change, as useChannel does.
  useEffect(() => onSettledChange(reloadProfile), [reloadProfile]);
  return {
    settings: settings.data,
    reloadSettings: settings.reload,
    profile: profile && profile.id === profileId ? profile : null,
    reloadProfile,
    error: settings.error,
  };
}
