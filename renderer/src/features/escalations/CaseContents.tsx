interface Props {
  /** Section heading ids on the page, in order, with the words to show. */
  sections: readonly { id: string; label: string }[];
}

/** Scrolls to a section of the case page and moves focus to its heading, so reading goes on from there. */
export function jumpTo(id: string): void {
  const heading = document.getElementById(id);
  if (!heading) return;
  heading.setAttribute('tabindex', '-1');
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
}

/**
 * "On this page": jumps to a section of a long case. Buttons rather than links, because the
 * address's # part is the app's route.
 */
export function CaseContents({ sections }: Props) {
  return (
    <nav aria-label="On this page" className="contents">
      <ul>
        {sections.map((s) => (
          <li key={s.id}>
            <button type="button" className="link-button" onClick={() => jumpTo(s.id)}>
              {s.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
