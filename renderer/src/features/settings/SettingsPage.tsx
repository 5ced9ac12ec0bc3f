import { useState } from 'react';
import { BUILT_IN_CATEGORIES } from '../../../../shared/domain/escalation';
import { useActiveProfile } from '../escalations/useActiveProfile';
import { ReadOnlyNote } from '../accounts/ReadOnlyNote';
import { useCan } from '../accounts/sessionContext';
import { BoardDetailsForm } from './BoardDetailsForm';
import { CalendarSection } from './CalendarSection';
import { EditProfileForm } from './EditProfileForm';
import { NamedListSection } from './NamedListSection';
import { PolicySection } from './PolicySection';
import { TimescaleCorrectionForm } from './TimescaleCorrectionForm';
import { usePageTitle } from '../../lib/pageTitle';

export function SettingsPage() {
  usePageTitle('Board settings');
  const { settings, reloadSettings, profile, reloadProfile, error } = useActiveProfile();
  const [editNotice, setEditNotice] = useState('');
  // Each form is offered only to a role the server accepts it from; the settings stay readable to all.
  const editsPolicy = useCan('profiles:saveEdited');
  const correctsTimescale = useCan('profiles:correctTimescale');
  const changesAny = useCan('settings:update');
  const reloadAll = () => {
    reloadSettings();
    reloadProfile();
  };
  if (error) return <p role="alert">{error.message}</p>;
  if (!settings) return <p role="status">Loading the board’s settings…</p>;
  return (
    <>
      <h1>Board settings</h1>
      <p className="lede">
        The board’s name, reporting year, escalation policy and working-day calendar, and the lists used to describe cases.
      </p>
      {!changesAny && <ReadOnlyNote channel="settings:update">Changing the board’s settings</ReadOnlyNote>}
      <BoardDetailsForm settings={settings} onSaved={reloadSettings} />
      <PolicySection
        settings={settings}
        active={profile?.profile ?? null}
        onSaved={() => {
          setEditNotice('');
          reloadAll();
        }}
      />
      {profile && (
        <>
          {editsPolicy && (
            <EditProfileForm
              baseProfileId={profile.id}
              settingsVersion={settings.version}
              base={profile.profile}
              notice={editNotice}
              onSaved={(message) => {
                setEditNotice(message);
                reloadSettings();
              }}
            />
          )}
          {correctsTimescale && (
            <TimescaleCorrectionForm
              key={`correct-${profile.id}`}
              profileId={profile.id}
              settingsVersion={settings.version}
              profile={profile.profile}
              onSaved={() => {
                setEditNotice('');
                reloadAll();
              }}
            />
          )}
        </>
      )}
      <CalendarSection settings={settings} onSaved={reloadSettings} />
      <NamedListSection
        title="Categories of disagreement"
        intro={`The policies’ own categories (${BUILT_IN_CATEGORIES.length} of them) plus any the board adds.`}
        itemLabel="Category"
        items={settings.categories}
        channel="categories:add"
        settingsVersion={settings.version}
        onSaved={reloadSettings}
      />
      <NamedListSection
        title="Learning themes"
        intro="Themes the learning hub looks for across cases. Tick them when a case is resolved."
        itemLabel="Learning theme"
        items={settings.themes}
        channel="themes:add"
        settingsVersion={settings.version}
        onSaved={reloadSettings}
      />
    </>
  );
}
