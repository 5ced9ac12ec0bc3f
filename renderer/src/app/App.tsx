import { Suspense } from 'react';
import {
  AccessRecordPage,
  AccountsPage,
  AgencyDirectoryPage,
  AgencyPage,
  BackupsPage,
  CasePage,
  DashboardPage,
  DeadlinesPage,
  LegacyImportPage,
  NewEscalationPage,
  PanelsRoute,
  RegisterPage,
  RetentionPage,
  ReturnsPage,
  SettingsPage,
} from './lazyPages';
import { SessionGate } from '../features/accounts/SessionGate';
import { OnlyFor } from '../features/accounts/ReadOnlyNote';
import { offers, useSession } from '../features/accounts/sessionContext';
import type { Channel } from '../../../shared/contract';
import { ROLE_LABELS } from '../../../shared/domain/accounts';
import { AuditAlarm } from '../features/recovery/AuditAlarm';
import { ContactNotice } from '../components/ContactNotice';
import { RecordsUnavailable } from '../features/recovery/RecordsUnavailable';
import { useDeskHealth } from '../features/recovery/useDeskHealth';
import { href, useRoute } from '../lib/route';
import { call } from '../lib/api';
import { useChannel } from '../lib/useChannel';
import { ConnectionGate } from '../features/connection/ConnectionGate';

// Each section names the channel its page reads: a role that may not call it is not offered the link
// (the same map the server enforces; a page a role may read but not change is shown read-only).
const SECTIONS: readonly { key: string; label: string; reads: Channel }[] = [
  { key: 'escalations', label: 'Register', reads: 'escalations:list' },
  { key: 'deadlines', label: 'Deadlines', reads: 'escalations:overdue' },
  { key: 'panels', label: 'Panels', reads: 'panels:list' },
  { key: 'dashboard', label: 'Learning hub', reads: 'dashboard:quarter' },
  { key: 'returns', label: 'Returns', reads: 'returns:status' },
  { key: 'agencies', label: 'Agency directory', reads: 'agencies:list' },
  { key: 'settings', label: 'Settings', reads: 'settings:get' },
  { key: 'accounts', label: 'Accounts', reads: 'session:changePassword' },
  { key: 'retention', label: 'Retention', reads: 'retention:review' },
  { key: 'backups', label: 'Backups', reads: 'backups:list' },
  { key: 'access', label: 'Access record', reads: 'access:search' },
];

// The app still opens on the agency directory (a new board starts there, and its browser test
// expects it); the register is one click away.
const HOME = 'agencies';

function Page({ route }: { route: string[] }) {
  const [section = HOME, id, action] = route;
  switch (section) {
    case 'escalations':
      if (id === 'new')
        return (
          <OnlyFor channel="escalations:create" title="Log an escalation" what="Logging an escalation">
            <NewEscalationPage />
          </OnlyFor>
        );
      if (id === 'import')
        return (
          <OnlyFor channel="legacy:import" title="Import a legacy register" what="Importing a legacy register">
            <LegacyImportPage />
          </OnlyFor>
        );
      if (id && /^\d+$/.test(id)) return <CasePage key={id} escalationId={Number(id)} action={action} />;
      return <RegisterPage />;
    case 'deadlines':
      return <DeadlinesPage />;
    case 'panels':
      return <PanelsRoute parts={route.slice(1)} />;
    case 'dashboard':
      return <DashboardPage quarterKey={id} />;
    case 'settings':
      return <SettingsPage />;
    case 'returns':
      return <ReturnsPage />;
    case 'accounts':
      return <AccountsPage />;
    case 'retention':
      return <RetentionPage />;
    case 'backups':
      return <BackupsPage />;
    case 'access':
      return <AccessRecordPage />;
    case 'agencies':
    default:
      return id ? <AgencyPage agencyId={Number(id)} /> : <AgencyDirectoryPage />;
  }
}

/** Where the records are comes first (the desktop app's first start; connected, the server is named above every screen). */
export function App() {
  return (
    <ConnectionGate>
      <Records />
    </ConnectionGate>
  );
}

function Records() {
  // Who is signed in comes first: anyone may ask. Only when the desk cannot answer (a records file
  // that failed its integrity check is not open, so there are no accounts to sign in to) does the
  // window ask the records' health, and offer a backup. Asking the health first, which answers
  // only someone signed in, logged a refused call on every page load.
  return (
    <SessionGate unavailable={(error, retry) => <RecordsUnavailable error={error} retry={retry} />}>
      <Shell />
    </SessionGate>
  );
}

/** Who is signed in, with the two ways to leave the desk safely. */
function SignedInAs() {
  const { user, refresh } = useSession();
  const leave = (channel: 'session:lock' | 'session:signOut') => () => void call(channel, {}).finally(refresh);
  return (
    <div className="shell__user">
      <p>
        {user.displayName} · {ROLE_LABELS[user.role]}
      </p>
      <button type="button" className="button--secondary" onClick={leave('session:lock')}>
        Lock
      </button>
      <button type="button" className="button--secondary" onClick={leave('session:signOut')}>
        Sign out
      </button>
    </div>
  );
}

function Shell() {
  const route = useRoute();
  const info = useChannel('app:info', {});
  const health = useDeskHealth();
  const current = route[0] ?? HOME;
  const { user } = useSession();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell__header">
        <p className="shell__title">Escalation Desk</p>
        <nav aria-label="Main">
          <ul>
            {SECTIONS.filter((s) => offers(user, s.reads)).map((s) => (
              <li key={s.key}>
                <a href={href(s.key)} aria-current={current === s.key ? 'page' : undefined}>
                  {s.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <SignedInAs />
      </header>
      <main id="main" tabIndex={-1}>
        <ContactNotice />
        <AuditAlarm audit={health.data?.audit} />
        {/* Each screen's script loads when it is first opened (lazyPages.ts). */}
        <Suspense fallback={<p role="status">Loading…</p>}>
          <Page route={route} />
        </Suspense>
      </main>
      <footer className="shell__footer">
        {info.data && (
          <p>
            {/* The local web mode, the board server and a desktop app connected to it all answer 'web': name the folder, not which. */}
            Version {info.data.version} ·{' '}
            {info.data.mode === 'web'
              ? `records kept in ${info.data.dataFolder} on the machine that serves them`
              : `desktop · records kept in ${info.data.dataFolder}`}
          </p>
        )}
      </footer>
    </div>
  );
}
