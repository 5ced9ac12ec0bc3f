import { useCallback, useEffect, useState } from 'react';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract';
import { call } from './api';

export interface Loaded<T> {
  data: T | null;
  error: Error | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Reads a channel and re-reads it when the input changes or reload() is called. The last answer
 * stays on screen while the next one loads, so lists do not flash empty after every change.
 */
export function useChannel<C extends Channel>(channel: C, input: ChannelInput<C>): Loaded<ChannelOutput<C>> {
  const [generation, setGeneration] = useState(0);
  const request = `${channel}|${generation}|${JSON.stringify(input)}`;
  const [answer, setAnswer] = useState<{ request: string; data: ChannelOutput<C> | null; error: Error | null }>({
    request: '',
    data: null,
    error: null,
  });
  useEffect(() => {
    let live = true;
    const payload = JSON.parse(request.slice(request.indexOf('|', request.indexOf('|') + 1) + 1)) as ChannelInput<C>;
    call(channel, payload).then(
      (data) => live && setAnswer({ request, data, error: null }),
      (error: unknown) => live && setAnswer({ request, data: null, error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      live = false;
    };
  }, [channel, request]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data: answer.data, error: answer.error, loading: answer.request !== request, reload };
}
