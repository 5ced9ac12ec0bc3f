import { useEffect } from 'react';
import { useChannel } from '../../lib/useChannel';

/**
 * The records' health: is the file open or damaged, and does the audit trail match. While the
 * whole trail is still being walked in the background, asks again every two seconds, so a change
 * found there is shown without a reload.
 */
export function useDeskHealth() {
  const health = useChannel('desk:health', {});
  const { data, reload } = health;
  const checking = data?.audit?.state === 'checking';
  useEffect(() => {
    if (!checking) return;
    const timer = setTimeout(reload, 2000);
    return () => clearTimeout(timer);
  }, [checking, data, reload]);
  return health;
}
