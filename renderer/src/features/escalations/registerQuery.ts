import type { RegisterQuery } from '../../../../shared/domain/escalation';

export type Filters = Required<Omit<RegisterQuery, 'offset' | 'limit' | 'cursor'>>;
export type SortKey = Filters['sort'];

export const NO_FILTERS: Filters = {
  search: '',
  agencyId: null,
  stage: null,
  status: 'any',
  state: 'any',
  categoryId: null,
  quarter: null,
  origin: 'any',
  sort: 'openedOn',
  direction: 'desc',
  drill: null,
};

export const PAGE_SIZE = 100;
