import { AgencyDirectoryPage } from '../features/agencies/AgencyDirectoryPage';
import { AgencyPage } from '../features/agencies/AgencyPage';
import { href, useRoute } from './route';
import { useChannel } from '../lib/useChannel';

const SECTIONS = [{ key: 'agencies', label: 'Agency directory' }] as const;

function Page({ route }: { route: string[] }) {
  const [section = 'agencies', id] = route;
  if (section === 'agencies' && id) return <AgencyPage agencyId={Number(id)} />;
  return <AgencyDirectoryPage />;
}

export function App() {
  const route = useRoute();
  const info = useChannel('app:info', {});
  const current = route[0] ?? 'agencies';
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell__header">
        <p className="shell__title">Escalation Desk</p>
        <nav aria-label="Main">
          <ul>
            {SECTIONS.map((s) => (
              <li key={s.key}>
                <a href={href(s.key)} aria-current={current === s.key ? 'page' : undefined}>
                  {s.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
      <footer className="shell__footer">
        {info.data && (
          <p>
            Version {info.data.version} · {info.data.mode === 'web' ? 'local web mode' : 'desktop'} · records kept in {info.data.dataFolder}
          </p>
        )}
      </footer>
    </div>
  );
}
