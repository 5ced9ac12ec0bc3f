import { useCan } from '../accounts/sessionContext';
import { useCallback, useEffect, useState } from 'react';
import { FIGURES, type Drill } from '../../../../shared/domain/dashboard';
import { quarterFromKey } from '../../../../shared/domain/quarter';
import { href } from '../../lib/route';
import { readDrillFromHash } from '../dashboard/drillLink';
import { useChannel } from '../../lib/useChannel';
import { plural } from '../../components/formatting';
import { NO_FILTERS, type Filters } from './registerQuery';
import { RegisterFilters } from './RegisterFilters';
import { RegisterTable } from './RegisterTable';
import { useActiveProfile } from './useActiveProfile';
import { useRegisterPages } from './useRegisterPages';
import { usePageTitle } from '../../lib/pageTitle';

function DrillNote({ drill, startMonth }: { drill: Drill; startMonth: number }) {
  return (
    <div className="drill-note">
      <p>
        Showing the cases behind the learning hub’s figure <strong>“{FIGURES[drill.figure]}”</strong> for{' '}
        {quarterFromKey(drill.quarter, startMonth).label}
        {drill.origin !== 'any' && (drill.origin === 'board' ? ', board-level only' : ', from agencies’ returns only')}. The filters below
        narrow it further.
      </p>
      <p>
        <a href={href('escalations')}>Show the whole register</a>
      </p>
    </div>
  );
}

/** The drill spec in the address ("#/escalations?drill=…"), as text, following the address as it changes. */
function useDrillText(): string {
  const read = () => JSON.stringify(readDrillFromHash(window.location.hash));
  const [text, setText] = useState(read);
  useEffect(() => {
    const onChange = () => setText(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return text;
}

/** The register. Opened from a learning hub figure ("#/escalations?drill=…") it lists exactly the cases behind it. */
export function RegisterPage() {
  usePageTitle('Escalation register');
  const drill = useDrillText();
  return <Register key={drill} drill={JSON.parse(drill) as Drill | null} />;
}

function Register({ drill }: { drill: Drill | null }) {
  const [filters, setFilters] = useState<Filters>(() => ({ ...NO_FILTERS, drill }));
  const onChange = useCallback((f: Filters) => setFilters(f), []);
  const agencies = useChannel('agencies:list', { includeRetired: true });
  const { settings, profile } = useActiveProfile();
  const register = useRegisterPages(filters);
  const logs = useCan('escalations:create');
  const importsRegister = useCan('legacy:import');
  const total = register.total;

  return (
    <>
      <div className="title-row">
        <h1>Escalation register</h1>
        {(logs || importsRegister) && (
          <div className="title-row__actions">
            {importsRegister && (
              <a className="button-link button-link--secondary" href={href('escalations', 'import')}>
                Import a legacy register
              </a>
            )}
            {logs && (
              <a className="button-link" href={href('escalations', 'new')}>
                Log an escalation
              </a>
            )}
          </div>
        )}
      </div>
      <p className="lede">
        Every professional disagreement referred to the board, open and closed. Choose a case reference to see its whole history.
      </p>
      {filters.drill && <DrillNote drill={filters.drill as Drill} startMonth={settings?.quarterStartMonth ?? 4} />}

      <section aria-labelledby="register-filters">
        <h2 id="register-filters" className="visually-hidden">
          Filters
        </h2>
        <RegisterFilters
          filters={filters}
          onChange={onChange}
          agencies={agencies.data ?? []}
          settings={settings}
          stages={profile?.profile.stages ?? []}
        />
      </section>

      <section aria-labelledby="register-rows">
        <h2 id="register-rows" className="visually-hidden">
          Escalations
        </h2>
        <p role="status" className="count" aria-busy={register.loading}>
          {total === null
            ? 'Reading the register…'
            : `${plural(total, 'escalation matches', 'escalations match')}${register.loading ? ' (updating…)' : ''}`}
        </p>
        {register.error && <p role="alert">{register.error}</p>}
        {total === 0 && !register.loading && (
          <p>
            {JSON.stringify(filters) === JSON.stringify(NO_FILTERS) ? 'No escalations logged yet.' : 'No escalation matches these filters.'}
          </p>
        )}
        {total !== null && total > 0 && (
          <RegisterTable
            total={total}
            rowAt={register.rowAt}
            ensureRange={register.ensureRange}
            filters={filters}
            onSort={(sort, direction) => setFilters({ ...filters, sort, direction })}
          />
        )}
      </section>
    </>
  );
}
