import { useEffect } from 'react';

// One title per screen and state (WCAG 2.4.2): "Register – Escalation Desk", and "Error: " in front
// while an error summary is on the screen, so a screen reader hears a refusal as soon as the page is read.
const APP = 'Escalation Desk';
let screen: string | null = null;
let summariesShown = 0;

function apply(): void {
  document.title = `${summariesShown > 0 ? 'Error: ' : ''}${screen ? `${screen} – ${APP}` : APP}`;
}

/** The screen's name in the browser tab and window title. Call it once per screen, from the page itself. */
export function usePageTitle(name: string | null): void {
  useEffect(() => {
    screen = name;
    apply();
  }, [name]);
}

/** While `shown`, the title starts "Error: " (used by the error summary, so every form does it alike). */
export function useErrorInTitle(shown: boolean): void {
  useEffect(() => {
    if (!shown) return;
    summariesShown += 1;
    apply();
    return () => {
      summariesShown -= 1;
      apply();
    };
  }, [shown]);
}
