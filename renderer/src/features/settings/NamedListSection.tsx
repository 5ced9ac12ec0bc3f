import { useId, useState, type FormEvent } from 'react';
import type { BoardSettings } from '../../../../shared/domain/settings';
import { ChildNameCheck } from '../../components/ChildNameCheck';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Feedback } from '../../components/Feedback';
import { call } from '../../lib/api';
import { useVersionedAction } from '../../lib/useVersionedAction';
import { useCan } from '../accounts/sessionContext';
import { useKnownNames } from '../../lib/useKnownNames';

interface Props {
  settingsVersion: number;
  title: string;
  intro: string;
  itemLabel: string;
  items: BoardSettings['categories'];
  channel: 'categories:add' | 'themes:add';
  onSaved: () => void;
}

/** A list the board keeps (categories of disagreement, learning themes) with a form to add to it. */
export function NamedListSection({ title, intro, itemLabel, items, channel, settingsVersion, onSaved }: Props) {
  const id = useId();
  const action = useVersionedAction(settingsVersion);
  const [name, setName] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const knownNames = useKnownNames();
  const adds = useCan(channel);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action
      .run(
        (basedOnVersion) => call(channel, { basedOnVersion, name, confirmedNoChildName: confirmed }),
        () => {
          onSaved();
          return `Added “${name.trim()}”.`;
        },
      )
      .then((saved) => saved && setName(''));
  };
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="hint">{intro}</p>
      <ul className="chips" aria-label={title}>
        {items.map((i) => (
          <li key={i.id}>{i.name}</li>
        ))}
      </ul>
      {adds && (
        <>
          <form noValidate className="form-row" onSubmit={submit} onChange={action.start} aria-label={`Add a ${itemLabel.toLowerCase()}`}>
            <ErrorSummary state={action} />
            <div className="field">
              <label htmlFor={`${id}-name`}>New {itemLabel.toLowerCase()}</label>
              <input id={`${id}-name`} className="input--long" value={name} onChange={(e) => setName(e.target.value)} />
            </div>
            <button type="submit" disabled={action.busy}>
              Add {itemLabel.toLowerCase()}
            </button>
          </form>
          <ChildNameCheck text={name} knownNames={knownNames} confirmed={confirmed} onConfirmedChange={setConfirmed} />
        </>
      )}
      <Feedback state={action} summarised />
    </section>
  );
}
