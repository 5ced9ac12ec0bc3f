interface Props {
  /** What the page shows, in lower case: "escalation", "panel", "agency". */
  noun: string;
  /** The read's refusal. Without one the record is still on its way. */
  error: Error | null;
  /** Where to go instead when there is no such record. */
  backHref: string;
  backLabel: string;
}

/**
 * What a page for one record shows until it has that record: "not found" with a way back when the
 * read was refused, otherwise a loading line. The page decides when its record is there.
 */
export function NotLoaded({ noun, error, backHref, backLabel }: Props) {
  if (!error) return <p role="status">{`Loading the ${noun}…`}</p>;
  return (
    <>
      <h1>{`${noun.charAt(0).toUpperCase()}${noun.slice(1)} not found`}</h1>
      <p role="alert">{error.message}</p>
      <a href={backHref}>{backLabel}</a>
    </>
  );
}
