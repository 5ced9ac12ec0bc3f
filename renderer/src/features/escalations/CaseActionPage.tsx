import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { EscalationDetail } from '../../../../shared/domain/escalation';
import { ReadOnlyNote } from '../accounts/ReadOnlyNote';
import { useCan } from '../accounts/sessionContext';
import { href } from '../../lib/route';
import { DeadlineBadge } from '../../components/DeadlineBadge';
import { CASE_ACTIONS, type CaseActionKey } from './caseActions';

interface Props {
  detail: EscalationDetail;
  action: CaseActionKey;
  /** The action's form, given the case (rendered only when the action applies and the role may take it). */
  children: ReactNode;
}

/**
 * One action on one case, on its own page (#/escalations/<id>/<action>): the case named at the top,
 * the form, and the way back. A saved form returns to the case page, which says what was done.
 * The window title is set by the case page, which knows whether an action is open.
 */
export function CaseActionPage({ detail: d, action, children }: Props) {
  const spec = CASE_ACTIONS[action];
  const may = useCan(spec.channel);
  const notNow = spec.notNow(d);
  // Whether the action applied when this page opened. If the case changes under it (someone else
  // withdraws it, or moves it up), the form stays, with what was typed, under a warning; the save is
  // then refused in words, and nothing typed is lost before the person has read it.
  const [openedOn, setOpenedOn] = useState({ action, applied: notNow === null });
  if (openedOn.action !== action) setOpenedOn({ action, applied: notNow === null });
  const changedUnder = notNow !== null && openedOn.action === action && openedOn.applied;
  const heading = useRef<HTMLHeadingElement>(null);
  // A new page to whoever reads it: start at its heading, not where the case page was scrolled to.
  useEffect(() => {
    window.scrollTo(0, 0);
    heading.current?.focus({ preventScroll: true });
  }, [action]);
  const stage = d.currentStage;
  return (
    <>
      <p>
        <a href={href('escalations', d.id)}>← Back to case {d.reference}</a>
      </p>
      <p className="caption">
        Case {d.reference}
        {d.childInitials && ` · ${d.childInitials}`}
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {spec.title}
      </h1>
      {stage && d.status === 'open' && (
        <p className="lede">
          Stage {stage.number}: {stage.name}{' '}
          <DeadlineBadge state={stage.state} dueOn={stage.dueOn} workingDaysLeft={stage.workingDaysLeft} />
        </p>
      )}
      {!may ? (
        <ReadOnlyNote channel={spec.channel}>{spec.title}</ReadOnlyNote>
      ) : (
        // One shape whatever the case's state, so the form keeps its place (and what was typed) when a warning appears above it.
        <>
          {changedUnder ? (
            <p className="warning" role="alert">
              The case changed while this page was open. {notNow} What you typed is still below: copy what you need before going back to the
              case.
            </p>
          ) : (
            notNow && <p className="warning">{notNow}</p>
          )}
          {(!notNow || changedUnder) && children}
        </>
      )}
      {may && (!notNow || changedUnder) && (
        <p>
          <a href={href('escalations', d.id)}>Cancel and go back to the case</a>
        </p>
      )}
    </>
  );
}
