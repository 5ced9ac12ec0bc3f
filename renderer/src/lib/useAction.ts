import { useCallback, useState } from 'react';
import { ApiError } from './api';
import type { Problem } from '../../../shared/result';

export interface ActionState {
  busy: boolean;
  error: { message: string; problems: Problem[] } | null;
  done: string | null;
}

/** Runs a change, keeps its refusal (message and the fields at fault) or its success line for the screen. */
export function useAction() {
  const [state, setState] = useState<ActionState>({ busy: false, error: null, done: null });
  const run = useCallback(async <T>(work: () => Promise<T>, success: (value: T) => string): Promise<T | null> => {
    setState({ busy: true, error: null, done: null });
    try {
      const value = await work();
      setState({ busy: false, error: null, done: success(value) });
      return value;
    } catch (error) {
      const problems = error instanceof ApiError ? error.problems : [];
      setState({ busy: false, error: { message: error instanceof Error ? error.message : String(error), problems }, done: null });
      return null;
    }
  }, []);
  const clear = useCallback(() => setState({ busy: false, error: null, done: null }), []);
  return { ...state, run, clear };
}
