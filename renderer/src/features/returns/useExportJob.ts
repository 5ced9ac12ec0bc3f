import { useCallback, useEffect, useRef, useState } from 'react';
import type { Delivery, JobView } from '../../../../shared/domain/exports';
import { call } from '../../lib/api';

export type ExportState =
  | { phase: 'idle' }
  | { phase: 'running'; job: JobView }
  | { phase: 'delivered'; job: JobView; delivery: Delivery }
  | { phase: 'failed'; message: string };

/**
 * Starts an export, follows its progress, and hands the finished file over: a download in the
 * web mode, a save dialog in the desktop app. The server does the work; this only watches.
 */
export function useExportJob() {
  const [state, setState] = useState<ExportState>({ phase: 'idle' });
  const timer = useRef<number | null>(null);
  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );

  const follow = useCallback((job: JobView) => {
    setState({ phase: 'running', job });
    const poll = async () => {
      try {
        const now = await call('exports:status', { jobId: job.jobId });
        if (now.state === 'running') {
          setState({ phase: 'running', job: now });
          timer.current = window.setTimeout(() => void poll(), 250);
        } else if (now.state === 'failed') {
          setState({ phase: 'failed', message: now.message });
        } else {
          const delivery = await call('exports:deliver', { jobId: job.jobId });
          if (delivery.how === 'download') {
            // The browser saves it where the person keeps downloads.
            const link = document.createElement('a');
            link.href = delivery.url;
            link.download = delivery.fileName;
            document.body.append(link);
            link.click();
            link.remove();
          }
          setState({ phase: 'delivered', job: now, delivery });
        }
      } catch (error) {
        setState({ phase: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    };
    void poll();
  }, []);

  const start = useCallback(
    async (begin: () => Promise<JobView>) => {
      try {
        follow(await begin());
      } catch (error) {
        setState({ phase: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    },
    [follow],
  );
  return { state, start };
}
