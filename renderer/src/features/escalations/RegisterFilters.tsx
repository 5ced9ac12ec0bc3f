import { useEffect, useState, type ReactNode } from 'react';
import type { AgencySummary } from '../../../../shared/domain/agency';
import { todayIso } from '../../../../shared/domain/dates';
import { DEADLINE_STATES, ESCALATION_STATUSES } from '../../../../shared/domain/escalation';
import type { PolicyStage } from '../../../../shared/domain/policyProfiles';
import { quarterOf, shiftQuarter } from '../../../../shared/domain/quarter';
import type { BoardSettings } from '../../../../shared/domain/settings';
import { LabelOptions, NamedOptions, StageOptions } from '../../components/Options';
import { NO_FILTERS, type Filters } from './registerQuery';

interface Props {
  filters: Filters;
  onChange: (filters: Filters) => void;
  agencies: readonly AgencySummary[];
  settings: BoardSettings | null;
  stages: readonly PolicyStage[];
}

const numberOrNull = (value: string) => (value === '' ? null : Number(value));

interface FilterSelectProps {
  id: string;
  label: string;
  value: string | number;
  onChange: (value: string) => void;
  /** The options, the "any" option first. */
  children: ReactNode;
}

/** One labelled drop-down filter; every filter but the search box is one of these. */
function FilterSelect({ id, label, value, onChange, children }: FilterSelectProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </div>
  );
}

/** The register's filters. The search box waits for a pause in typing before it asks again. */
export function RegisterFilters({ filters, onChange, agencies, settings, stages }: Props) {
  const [search, setSearch] = useState(filters.search);
  useEffect(() => {
    if (search.trim() === filters.search) return;
    const timer = window.setTimeout(() => onChange({ ...filters, search: search.trim() }), 250);
    return () => window.clearTimeout(timer);
  }, [search, filters, onChange]);

  const startMonth = settings?.quarterStartMonth ?? 4;
  const thisQuarter = quarterOf(todayIso(), startMonth);
  const quarters = Array.from({ length: 12 }, (_, i) => shiftQuarter(thisQuarter.key, -i, startMonth));
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => onChange({ ...filters, [key]: value });

  return (
    <form noValidate className="filters" aria-label="Filter the register" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="f-search">Case reference or initials</label>
        <input id="f-search" type="search" value={search} maxLength={60} autoComplete="off" onChange={(e) => setSearch(e.target.value)} />
      </div>
      <FilterSelect
        id="f-agency"
        label="Agency (raising or challenged)"
        value={filters.agencyId ?? ''}
        onChange={(v) => set('agencyId', numberOrNull(v))}
      >
        <option value="">Any agency</option>
        {agencies.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
            {a.retiredOn ? ' (retired)' : ''}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect id="f-stage" label="Current stage" value={filters.stage ?? ''} onChange={(v) => set('stage', numberOrNull(v))}>
        <option value="">Any stage</option>
        <StageOptions stages={stages} />
      </FilterSelect>
      <FilterSelect id="f-status" label="Status" value={filters.status} onChange={(v) => set('status', v as Filters['status'])}>
        <option value="any">Any status</option>
        <LabelOptions labels={ESCALATION_STATUSES} />
      </FilterSelect>
      <FilterSelect id="f-state" label="Deadline" value={filters.state} onChange={(v) => set('state', v as Filters['state'])}>
        <option value="any">Any deadline state</option>
        <LabelOptions labels={DEADLINE_STATES} />
      </FilterSelect>
      <FilterSelect id="f-category" label="Category" value={filters.categoryId ?? ''} onChange={(v) => set('categoryId', numberOrNull(v))}>
        <option value="">Any category</option>
        <NamedOptions items={settings?.categories ?? []} />
      </FilterSelect>
      <FilterSelect
        id="f-quarter"
        label="Opened in quarter"
        value={filters.quarter ?? ''}
        onChange={(v) => set('quarter', v === '' ? null : v)}
      >
        <option value="">Any quarter</option>
        {quarters.map((q) => (
          <option key={q.key} value={q.key}>
            {q.label}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect id="f-origin" label="Source" value={filters.origin} onChange={(v) => set('origin', v as Filters['origin'])}>
        <option value="any">Any source</option>
        <option value="board">Logged by the board</option>
        <option value="agency_return">An agency’s quarterly return</option>
      </FilterSelect>
      <button
        type="button"
        className="button--secondary"
        onClick={() => {
          setSearch('');
          onChange({ ...NO_FILTERS, sort: filters.sort, direction: filters.direction, drill: filters.drill });
        }}
      >
        Clear filters
      </button>
    </form>
  );
}
