import { useEffect, useState } from 'react';

/** Hash routes (#/agencies/3) work the same under app:// in the desktop app and http:// in the web mode. */
export function useRoute(): string[] {
  // A query after the path (#/escalations?drill=…) is for the page itself, not the route.
  const read = () => window.location.hash.replace(/^#\/?/, '').split('?')[0]!.split('/').filter(Boolean);
  const [parts, setParts] = useState(read);
  useEffect(() => {
    const onChange = () => setParts(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return parts;
}

export function href(...parts: (string | number)[]): string {
  return `#/${parts.map((p) => encodeURIComponent(String(p))).join('/')}`;
}
