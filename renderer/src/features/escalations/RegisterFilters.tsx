import { useEffect, useState } from 'react';
import type { AgencySummary } from '../../../../shared/domain/agency';
import { todayIso } from '../../../../shared/domain/dates';
import { DEADLINE_STATES, ESCALATION_STATUSES } from '../../../../shared/domain/escalation';
import type { PolicyStage } from '../../../../shared/domain/policyProfiles';
import { quarterOf, shiftQuarter } from '../../../../shared/domain/quarter';
import type { BoardSettings } from '../../../../shared/domain/settings';
import { NO_FILTERS, type Filters } from './registerQuery';

interface Props {
  filters: Filters;
  onChange: (filters: Filters) => void;
  agencies: readonly AgencySummary[];
  settings: BoardSettings | null;
  stages: readonly PolicyStage[];
}

const numberOrNull = (value: string) => (value === '' ? null : Number(value));

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
        <label htmlFor="f-search">Case reference</label>
        <input id="f-search" type="search" value={search} maxLength={60} autoComplete="off" onChange={(e) => setSearch(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="f-agency">Agency (raising or challenged)</label>
        <select id="f-agency" value={filters.agencyId ?? ''} onChange={(e) => set('agencyId', numberOrNull(e.target.value))}>
          <option value="">Any agency</option>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
              {a.retiredOn ? ' (retired)' : ''}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-stage">Current stage</label>
        <select id="f-stage" value={filters.stage ?? ''} onChange={(e) => set('stage', numberOrNull(e.target.value))}>
          <option value="">Any stage</option>
          {stages.map((s) => (
            <option key={s.number} value={s.number}>
              Stage {s.number}: {s.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-status">Status</label>
        <select id="f-status" value={filters.status} onChange={(e) => set('status', e.target.value as Filters['status'])}>
          <option value="any">Any status</option>
          {Object.entries(ESCALATION_STATUSES).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-state">Deadline</label>
        <select id="f-state" value={filters.state} onChange={(e) => set('state', e.target.value as Filters['state'])}>
          <option value="any">Any deadline state</option>
          {Object.entries(DEADLINE_STATES).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-category">Category</label>
        <select id="f-category" value={filters.categoryId ?? ''} onChange={(e) => set('categoryId', numberOrNull(e.target.value))}>
          <option value="">Any category</option>
          {settings?.categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-quarter">Opened in quarter</label>
        <select id="f-quarter" value={filters.quarter ?? ''} onChange={(e) => set('quarter', e.target.value === '' ? null : e.target.value)}>
          <option value="">Any quarter</option>
          {quarters.map((q) => (
            <option key={q.key} value={q.key}>
              {q.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-origin">Source</label>
        <select id="f-origin" value={filters.origin} onChange={(e) => set('origin', e.target.value as Filters['origin'])}>
          <option value="any">Any source</option>
          <option value="board">Logged by the board</option>
          <option value="agency_return">An agency’s quarterly return</option>
        </select>
      </div>
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
