import { useChannel } from './useChannel';

/** Names the board knows are not a child's, for the live child-name warning: its agencies. */
export function useKnownNames(): string[] {
  const agencies = useChannel('agencies:list', { includeRetired: true });
  return (agencies.data ?? []).map((a) => a.name);
}
