import { useId } from 'react';
import { describeFinding, possibleChildIdentifiers } from '../../../shared/domain/childIdentifiers';

interface Props {
  /** All the free text about to be saved, joined. */
  text: string;
  /** Names that are known not to be a child's (agencies, officers). */
  knownNames: readonly string[];
  confirmed: boolean;
  onConfirmedChange: (confirmed: boolean) => void;
}

/**
 * A live warning when free text looks as if it holds a child's name: the same check the dispatcher
 * makes before saving (shared/domain/childIdentifiers.ts). The app stores a case reference and
 * initials at most, so the user either takes the name out or confirms it is not a child's.
 */
export function ChildNameCheck({ text, knownNames, confirmed, onConfirmedChange }: Props) {
  const id = useId();
  const findings = possibleChildIdentifiers(text, knownNames);
  if (findings.length === 0) return null;
  return (
    <div className="warning" aria-live="polite">
      <p>
        <strong>This may include a person’s name:</strong> {findings.map(describeFinding).join('; ')}. Never record a child’s name: use the
        case reference and initials.
      </p>
      <div className="field field--check">
        <input id={id} type="checkbox" checked={confirmed} onChange={(e) => onConfirmedChange(e.target.checked)} />
        <label htmlFor={id}>I confirm this is not a child’s name</label>
      </div>
    </div>
  );
}
