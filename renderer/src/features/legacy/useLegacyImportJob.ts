import { useCallback, useEffect, useRef, useState } from 'react';
import type { LegacyJob } from '../../../../shared/domain/legacyRegister';
import { ApiError, call } from '../../lib/api';
import type { ActionState } from '../../lib/useAction';

/** How often the screen asks how the import is going. */
const POLL_MS = 300;

export interface LegacyImportJob {
  /** The import as the desk last told of it; null before one is started. */
  job: LegacyJob | null;
  starting: boolean;
  /** The desk's refusal to start (or to say how it is going), for the form's error summary. */
  error: ActionState['error'];
  start: (begin: () => Promise<LegacyJob>) => Promise<void>;
  cancel: () => Promise<void>;
  /** Takes a finished import's words off the screen (a new check starts afresh); one under way stays. */
  forget: () => void;
}

const refusal = (error: unknown): ActionState['error'] => ({
  message: error instanceof Error ? error.message : String(error),
  problems: error instanceof ApiError ? error.problems : [],
});

/**
 * Starts a legacy register import and follows it until it is done, failed or cancelled. The desk
 * writes the cases; this only watches, and asks it to stop when the coordinator cancels.
 */
export function useLegacyImportJob(): LegacyImportJob {
  const [job, setJob] = useState<LegacyJob | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<ActionState['error']>(null);
  const timer = useRef<number | null>(null);
  const stop = () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(() => stop, []);

  const follow = useCallback((jobId: string) => {
    const poll = async () => {
      try {
        const now = await call('legacy:status', { jobId });
        setJob(now);
        if (now.state === 'running') timer.current = window.setTimeout(() => void poll(), POLL_MS);
      } catch (e) {
        setError(refusal(e));
      }
    };
    timer.current = window.setTimeout(() => void poll(), POLL_MS);
  }, []);

  const start = useCallback(
    async (begin: () => Promise<LegacyJob>) => {
      stop();
      setStarting(true);
      setError(null);
      setJob(null);
      try {
        const started = await begin();
        setJob(started);
        if (started.state === 'running') follow(started.jobId);
      } catch (e) {
        setError(refusal(e));
      } finally {
        setStarting(false);
      }
    },
    [follow],
  );

  const jobId = job?.jobId;
  const cancel = useCallback(async () => {
    if (!jobId) return;
    try {
      // The answer says it is being cancelled; the next status says when it has been.
      const now = await call('legacy:cancel', { jobId });
      setJob((last) => (last?.state === 'running' ? now : last));
    } catch (e) {
      setError(refusal(e));
    }
  }, [jobId]);

  const forget = useCallback(() => {
    setJob((last) => (last?.state === 'running' ? last : null));
    setError(null);
  }, []);

  return { job, starting, error, start, cancel, forget };
}
