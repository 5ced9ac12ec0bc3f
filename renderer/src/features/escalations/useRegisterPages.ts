import { useCallback, useEffect, useRef, useState } from 'react';
import { registerCursorOf, type RegisterRow } from '../../../../shared/domain/escalation';
import { call } from '../../lib/api';
import { onSettledChange } from '../../lib/liveChanges';
import { PAGE_SIZE, type Filters } from './registerQuery';

interface PagesState {
  key: string;
  total: number | null;
  pages: Record<number, RegisterRow[]>;
  error: string | null;
}

/**
 * The register, read a page of rows at a time. Page 0 is read when the filters change (it also
 * gives the total); later pages are read when the list scrolls near them. A page next to one
 * already read continues from that page's last (or first) row, so the register reads it straight
 * from an index however deep it is; a page reached by a jump of the scroll bar is read by its
 * position. Answers for old filters are dropped, so a fast typist never sees rows from an earlier
 * search.
 */
export function useRegisterPages(filters: Filters) {
  const key = JSON.stringify(filters);
  const [state, setState] = useState<PagesState>({ key: '', total: null, pages: {}, error: null });
  const requested = useRef<{ key: string; pages: Set<number> }>({ key: '', pages: new Set() });
  // The pages read so far for the current filters, for continuing from a neighbour.
  const read = useRef<{ key: string; pages: Record<number, RegisterRow[]> }>({ key: '', pages: {} });
  useEffect(() => {
    read.current = { key: state.key, pages: state.pages };
  }, [state]);

  const load = useCallback(
    (page: number) => {
      if (requested.current.key !== key) requested.current = { key, pages: new Set() };
      if (requested.current.pages.has(page)) return;
      requested.current.pages.add(page);
      const query = JSON.parse(key) as Filters;
      const known = read.current.key === key ? read.current.pages : {};
      const before = known[page - 1];
      const after = known[page + 1];
      const start =
        before && before.length === PAGE_SIZE
          ? { cursor: registerCursorOf(before[PAGE_SIZE - 1]!, query.sort, 'after'), offset: 0 }
          : after && after.length > 0
            ? { cursor: registerCursorOf(after[0]!, query.sort, 'before'), offset: 0 }
            : { cursor: null, offset: page * PAGE_SIZE };
      call('escalations:list', { ...query, ...start, limit: PAGE_SIZE }).then(
        (answer) =>
          setState((s) => {
            if (requested.current.key !== key) return s;
            const pages = s.key === key ? s.pages : {};
            return { key, total: answer.total, pages: { ...pages, [page]: answer.rows }, error: null };
          }),
        (error: unknown) => {
          requested.current.pages.delete(page);
          setState((s) =>
            requested.current.key !== key
              ? s
              : {
                  key,
                  total: s.key === key ? s.total : null,
                  pages: s.key === key ? s.pages : {},
                  error: error instanceof Error ? error.message : String(error),
                },
          );
        },
      );
    },
    [key],
  );

  useEffect(() => load(0), [load]);

  // Someone else changed the records: the pages on hand are read again by position and replaced in
  // place, so the list stays on screen (and where it was scrolled) while they come.
  useEffect(
    () =>
      onSettledChange(() => {
        if (read.current.key !== key) return;
        const query = JSON.parse(key) as Filters;
        const held = Object.keys(read.current.pages).map(Number);
        for (const page of held.length > 0 ? held : [0]) {
          call('escalations:list', { ...query, cursor: null, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
            (answer) =>
              setState((s) => (s.key !== key ? s : { key, total: answer.total, pages: { ...s.pages, [page]: answer.rows }, error: null })),
            () => undefined,
          );
        }
      }),
    [key],
  );

  const current = state.key === key;
  const pages = state.pages;
  const rowAt = useCallback(
    (index: number): RegisterRow | undefined => (current ? pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE] : undefined),
    [current, pages],
  );
  const ensureRange = useCallback(
    (first: number, last: number) => {
      for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) load(p);
    },
    [load],
  );
  return {
    /** The total for the current filters; the last total while the first page loads. */
    total: state.total,
    loading: !current,
    error: state.error,
    rowAt,
    ensureRange,
  };
}
