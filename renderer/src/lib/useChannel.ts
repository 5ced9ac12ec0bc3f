import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract';
import { call } from './api';
import { onSettledChange } from './liveChanges';

export interface Loaded<T> {
  data: T | null;
  error: Error | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Reads a channel and re-reads it when the input changes, when reload() is called, and when someone
 * else changes the records (liveChanges.ts). The last answer stays on screen while the next one
 * loads, so lists do not flash empty after every change and forms built from it are not remounted.
 */
export function useChannel<C extends Channel>(channel: C, input: ChannelInput<C>): Loaded<ChannelOutput<C>> {
  const [generation, setGeneration] = useState(0);
  const request = `${channel}|${generation}|${JSON.stringify(input)}`;
  const [answer, setAnswer] = useState<{ request: string; data: ChannelOutput<C> | null; error: Error | null }>({
    request: '',
    data: null,
    error: null,
  });
  // The generation a change elsewhere asked for: its failure leaves the last answer on screen.
  const liveGeneration = useRef(-1);
  useEffect(() => {
    let live = true;
    const payload = JSON.parse(request.slice(request.indexOf('|', request.indexOf('|') + 1) + 1)) as ChannelInput<C>;
    const fromElsewhere = liveGeneration.current === Number(request.split('|')[1]);
    call(channel, payload).then(
      (data) => live && setAnswer({ request, data, error: null }),
      (error: unknown) =>
        live &&
        // A re-read prompted by someone else's change that fails leaves the last answer as it was.
        setAnswer((last) =>
          fromElsewhere ? { ...last, request } : { request, data: null, error: error instanceof Error ? error : new Error(String(error)) },
        ),
    );
    return () => {
      live = false;
    };
  }, [channel, request]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  useEffect(
    () =>
      onSettledChange(() =>
        setGeneration((g) => {
          liveGeneration.current = g + 1;
          return g + 1;
        }),
      ),
    [],
  );
  return { data: answer.data, error: answer.error, loading: answer.request !== request, reload };
}
