import { useState, type FormEvent } from 'react';
import { MIN_PASSPHRASE_LENGTH } from '../../../../shared/domain/recovery';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Feedback } from '../../components/Feedback';
import { call } from '../../lib/api';
import { usePageTitle } from '../../lib/pageTitle';
import { useAction } from '../../lib/useAction';

/**
 * The records are encrypted and this computer keeps no key for them (the desktop app where the
 * operating system has no keyring): the board's passphrase opens them. A board with no key yet
 * chooses one here, and is shown its recovery key once, to print and keep in the board's safe.
 */
export function UnlockRecordsScreen({ state, onOpen }: { state: 'locked' | 'new'; onOpen: () => void }) {
  return state === 'locked' ? <UnlockForm onOpen={onOpen} /> : <SetUpForm onOpen={onOpen} />;
}

function UnlockForm({ onOpen }: { onOpen: () => void }) {
  usePageTitle('Unlock the records');
  const action = useAction();
  const [passphrase, setPassphrase] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      () => call('records:unlock', { passphrase }),
      () => {
        onOpen();
        return 'Unlocked.';
      },
    );
  };
  return (
    <main id="main" className="sign-in">
      <h1>Unlock the records</h1>
      <p>The board&rsquo;s records on this computer are encrypted. Type the board&rsquo;s passphrase to open them.</p>
      <form noValidate onSubmit={submit} aria-label="Unlock the records">
        <ErrorSummary state={action} />
        <div className="field">
          <label htmlFor="records-passphrase">Passphrase</label>
          <input
            id="records-passphrase"
            name="passphrase"
            type="password"
            autoComplete="current-password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            autoFocus
          />
        </div>
        <button type="submit" disabled={action.busy}>
          Unlock
        </button>
      </form>
      <Feedback state={action} summarised />
      <p className="hint">
        Forgotten it? Whoever keeps the board&rsquo;s recovery key can set a new passphrase: npm run board -- passphrase --recovery.
      </p>
    </main>
  );
}

function SetUpForm({ onOpen }: { onOpen: () => void }) {
  usePageTitle('Protect the records with a passphrase');
  const action = useAction();
  const [form, setForm] = useState({ passphrase: '', repeatPassphrase: '' });
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(
      () => call('records:setUp', form),
      (made) => {
        setRecoveryKey(made.recoveryKey);
        return '';
      },
    );
  };
  if (recoveryKey)
    return (
      <main id="main" className="sign-in">
        <h1>The records&rsquo; recovery key</h1>
        <p>
          Print this page or write the key down, and keep it in the board&rsquo;s safe. It is shown this once. It opens the records if the
          passphrase is forgotten. If both are lost, nobody can read the records: that is what encrypting them is for.
        </p>
        <p className="recovery-key" aria-label="Recovery key">
          <code>{recoveryKey}</code>
        </p>
        <button type="button" onClick={onOpen}>
          I have kept the recovery key: carry on
        </button>
      </main>
    );
  return (
    <main id="main" className="sign-in">
      <h1>Protect the records with a passphrase</h1>
      <p>
        The board&rsquo;s records are encrypted on this computer, and it has no keyring to keep their key, so choose a passphrase for the
        board. Everyone who opens the app on this computer will need it.
      </p>
      <form noValidate onSubmit={submit} aria-label="Choose the records’ passphrase">
        <ErrorSummary state={action} />
        <div className="field">
          <label htmlFor="records-new-passphrase">Passphrase</label>
          <span className="hint" id="records-new-passphrase-hint">
            At least {MIN_PASSPHRASE_LENGTH} characters; a few random words work well.
          </span>
          <input
            id="records-new-passphrase"
            name="passphrase"
            type="password"
            aria-describedby="records-new-passphrase-hint"
            autoComplete="new-password"
            value={form.passphrase}
            onChange={(e) => setForm({ ...form, passphrase: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="records-repeat-passphrase">Passphrase again</label>
          <input
            id="records-repeat-passphrase"
            name="repeatPassphrase"
            type="password"
            autoComplete="new-password"
            value={form.repeatPassphrase}
            onChange={(e) => setForm({ ...form, repeatPassphrase: e.target.value })}
          />
        </div>
        <button type="submit" disabled={action.busy}>
          Encrypt the records
        </button>
      </form>
      <Feedback state={action} summarised />
    </main>
  );
}
