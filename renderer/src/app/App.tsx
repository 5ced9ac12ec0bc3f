import { AgencyDirectoryPage } from '../features/agencies/AgencyDirectoryPage';
import { AgencyPage } from '../features/agencies/AgencyPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { DeadlinesPage } from '../features/deadlines/DeadlinesPage';
import { CasePage } from '../features/escalations/CasePage';
import { NewEscalationPage } from '../features/escalations/NewEscalationPage';
import { RegisterPage } from '../features/escalations/RegisterPage';
import { PanelsRoute } from '../features/panels/PanelsRoute';
import { SettingsPage } from '../features/settings/SettingsPage';
import { ReturnsPage } from '../features/returns/ReturnsPage';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { SessionGate } from '../features/accounts/SessionGate';
import { OnlyFor } from '../features/accounts/ReadOnlyNote';
import { offers, useSession } from '../features/accounts/sessionContext';
import type { Channel } from '../../../shared/contract';
import { ROLE_LABELS } from '../../../shared/domain/accounts';
import { RetentionPage } from '../features/retention/RetentionPage';
import { AccessRecordPage } from '../features/access/AccessRecordPage';
import { AuditAlarm } from '../features/recovery/AuditAlarm';
import { ContactNotice } from '../components/ContactNotice';
import { BackupsPage } from '../features/recovery/BackupsPage';
import { DamagedScreen } from '../features/recovery/DamagedScreen';
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
  const [section = HOME, id] = route;
  switch (section) {
    case 'escalations':
      if (id === 'new')
        return (
          <OnlyFor channel="escalations:create" title="Log an escalation" what="Logging an escalation">
            <NewEscalationPage />
          </OnlyFor>
        );
      if (id && /^\d+$/.test(id)) return <CasePage key={id} escalationId={Number(id)} />;
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
  // The records' health comes first: a file that failed its integrity check is not open, so there
  // are no accounts to sign in to, and the window offers a backup instead. (While the records are
  // open, this answers only someone signed in; a refusal here just means "sign in first".)
  const health = useChannel('desk:health', {});
  if (health.data?.damage) return <DamagedScreen damage={health.data.damage} />;
  if (!health.data && !health.error) {
    return (
      <main id="main" className="sign-in">
        <p role="status">Opening Escalation Desk…</p>
      </main>
    );
  }
  return (
    <SessionGate>
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
        <Page route={route} />
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
