import { formatUkDate } from '../../../../shared/domain/dates';
import type { EscalationDetail } from '../../../../shared/domain/escalation';
import { DeadlineBadge } from '../../components/DeadlineBadge';
import { formatUkDateTime } from '../../components/formatting';
import { describeParticipant } from '../../../../shared/domain/stageParticipants';

type Stage = EscalationDetail['stages'][number];

function Text({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value || <span className="muted">Not recorded</span>}</dd>
    </div>
  );
}

function StageCard({ stage: s, open }: { stage: Stage; open: boolean }) {
  const history = s.dueDateHistory.length > 1 ? s.dueDateHistory : [];
  return (
    <li className={`card ${open ? 'card--current' : ''}`}>
      <h3>
        Stage {s.number}: {s.name}
        {open && <span className="muted"> (current)</span>}
      </h3>
      <dl className="facts facts--compact">
        <div>
          <dt>Started</dt>
          <dd>{formatUkDate(s.startedOn)}</dd>
        </div>
        {s.countedFrom && (
          <div>
            <dt>Deadline counted from</dt>
            <dd>{formatUkDate(s.countedFrom)}</dd>
          </div>
        )}
        <div>
          <dt>Timescale</dt>
          <dd>
            {s.timescaleWorkingDays === null
              ? 'Not set'
              : s.timescaleWorkingDays === 0
                ? 'The same working day'
                : `${s.timescaleWorkingDays} working days`}
          </dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd>
            {s.dueOn ? formatUkDate(s.dueOn) : 'No due date'}
            {open && s.state && (
              <>
                {' '}
                <DeadlineBadge state={s.state} compact />
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>Ended</dt>
          <dd>{s.endedOn ? `${formatUkDate(s.endedOn)}${s.endReason ? ` (${s.endReason})` : ''}` : 'Still open'}</dd>
        </div>
      </dl>
      {s.discussion || s.decision || s.participants || s.people.length ? (
        <dl className="facts facts--text">
          <Text label="Discussion" value={s.discussion} />
          <Text label="Decision" value={s.decision} />
          <Text label="People who took part" value={s.people.map(describeParticipant).join('; ')} />
          {s.participants && <Text label="Notes on who took part" value={s.participants} />}
          {s.participants && (
            <Text label="Names read from those notes" value={s.namesFromText.length ? s.namesFromText.join('; ') : 'None recognised'} />
          )}
        </dl>
      ) : (
        <p className="muted">No discussion or decision recorded at this stage.</p>
      )}
      {history.length > 0 && (
        <details>
          <summary>Due date history ({history.length} entries)</summary>
          <ul>
            {history.map((h, i) => (
              <li key={i}>
                {h.dueOn ? formatUkDate(h.dueOn) : 'No due date'}, recorded {formatUkDateTime(h.recordedAt)}: {h.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

export function StagesSection({ detail }: { detail: EscalationDetail }) {
  const openStageId = detail.status === 'open' ? detail.stages.find((s) => s.endedOn === null)?.id : undefined;
  return (
    <section aria-labelledby="stages">
      <h2 id="stages">Stages</h2>
      <ol className="cards">
        {detail.stages.map((s) => (
          <StageCard key={s.id} stage={s} open={s.id === openStageId} />
        ))}
      </ol>
    </section>
  );
}
