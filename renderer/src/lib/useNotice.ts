import { useCallback, useState } from 'react';

/**
 * A page's "saved" line: a form reports what it changed, the page re-reads its record and shows the
 * message. `initial` carries a message over from the page before (a flash).
 */
export function useNotice(reload: () => void, initial: string | (() => string) = '') {
  const [notice, setNotice] = useState(initial);
  const onSaved = useCallback(
    (message: string) => {
      setNotice(message);
      reload();
    },
    [reload],
  );
  const dismiss = useCallback(() => setNotice(''), []);
  return { notice, onSaved, dismiss };
}
