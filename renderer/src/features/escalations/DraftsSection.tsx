import { useRef, useState } from 'react';
import type { Draft, EscalationDetail } from '../../../../shared/domain/escalation';
import { Feedback } from '../../components/Feedback';
import { call } from '../../lib/api';
import { useAction } from '../../lib/useAction';

type Kind = 'outcome' | 'chair';
const TITLES: Record<Kind, string> = { outcome: 'Outcome letter to the raising worker', chair: 'Referral e-mail to the independent chair' };

function DraftView({ kind, draft }: { kind: Kind; draft: Draft }) {
  const box = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(draft.body);
      setCopied('Copied the text. Paste it into your e-mail.');
    } catch {
      box.current?.select();
      setCopied(document.execCommand('copy') ? 'Copied the text. Paste it into your e-mail.' : 'Select the text and copy it with Ctrl+C.');
    }
  };
  return (
    <div className="draft" role="group" aria-label={`Draft: ${TITLES[kind]}`}>
      <h3>{TITLES[kind]}</h3>
      <dl className="facts facts--lines">
        <div>
          <dt>To</dt>
          <dd>
            {draft.to || (
              <span className="muted">
                No address recorded{kind === 'chair' ? ': the coordinator can add the chair’s e-mail in Settings, under The board' : ''}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>Subject</dt>
          <dd>{draft.subject}</dd>
        </div>
      </dl>
      <div className="field field--wide">
        <label htmlFor={`draft-${kind}`}>Text of the e-mail (read only)</label>
        <textarea id={`draft-${kind}`} ref={box} readOnly rows={12} value={draft.body} />
      </div>
      <div className="form-row">
        <button type="button" onClick={() => void copy()} aria-label={`Copy the text: ${TITLES[kind].toLowerCase()}`}>
          Copy the text
        </button>
        <a className="button-link button-link--secondary" href={draft.mailto} aria-label={`Open in e-mail: ${TITLES[kind].toLowerCase()}`}>
          Open in e-mail
        </a>
      </div>
      <p role="status" className="feedback feedback--done">
        {copied}
      </p>
    </div>
  );
}

/** Drafts the app writes from the record: nothing is sent until a person sends it. */
export function DraftsSection({ detail }: { detail: EscalationDetail }) {
  const action = useAction();
  const [shown, setShown] = useState<{ kind: Kind; draft: Draft } | null>(null);
  const open = (kind: Kind) =>
    void action
      .run(
        () => call(kind === 'outcome' ? 'escalations:outcomeLetter' : 'escalations:chairReferral', { escalationId: detail.id }),
        () => '',
      )
      .then((draft) => draft && setShown({ kind, draft }));
  return (
    <section aria-labelledby="drafts">
      <h2 id="drafts">Letters and e-mails</h2>
      <p className="hint">The app drafts these from the record. Check them, then send them from your own e-mail.</p>
      <div className="form-row">
        <button
          type="button"
          className="button--secondary"
          disabled={action.busy}
          onClick={() => open('outcome')}
          aria-pressed={shown?.kind === 'outcome'}
        >
          {TITLES.outcome}
        </button>
        <button
          type="button"
          className="button--secondary"
          disabled={action.busy}
          onClick={() => open('chair')}
          aria-pressed={shown?.kind === 'chair'}
        >
          {TITLES.chair}
        </button>
      </div>
      <Feedback state={{ error: action.error, done: null }} />
      {shown && <DraftView key={`${shown.kind}-${shown.draft.subject}`} kind={shown.kind} draft={shown.draft} />}
    </section>
  );
}
