import { formatUkDate } from '../../../../shared/domain/dates';
import { href } from '../../lib/route';
import type { PanelOptions } from './panelDraft';

/** What the chair plans against: the policy's panel rule, the stage's due date, who is in dispute and who took part. */
export function PanelCaseFacts({ options: o }: { options: PanelOptions }) {
  return (
    <div className="panel-facts">
      <p className="panel-facts__rule">
        <strong>The rule:</strong> {o.ruleSummary}
      </p>
      <dl className="facts facts--compact">
        <div>
          <dt>Case</dt>
          <dd>
            <a href={href('escalations', o.escalationId)}>{o.reference}</a>
          </dd>
        </div>
        <div>
          <dt>Stage</dt>
          <dd>
            {o.stage.number}: {o.stage.name}
            {o.stage.dueOn && `, due ${formatUkDate(o.stage.dueOn)}`}
          </dd>
        </div>
        <div>
          <dt>Agencies in dispute</dt>
          <dd>{o.disputing.length ? o.disputing.map((d) => d.name).join(', ') : 'None recorded'}</dd>
        </div>
        <div>
          <dt>Parties to the disagreement</dt>
          <dd>{o.parties.length ? o.parties.join(', ') : 'None named on the stages'}</dd>
        </div>
        {o.partiesFromText.map((t, i) => (
          <div key={i}>
            <dt>Read from the notes of stage {t.stageNumber}</dt>
            <dd>
              “{t.text}”: {t.names.length ? `recognised ${t.names.join(', ')}` : 'no names recognised'}. Check the people recorded on the
              case if someone is missing.
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
