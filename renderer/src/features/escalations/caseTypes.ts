import type { EscalationDetail } from '../../../../shared/domain/escalation';

/** What every form on the case page is given: the case as the server last read it, and a way to say it changed. */
export interface CaseFormProps {
  detail: EscalationDetail;
  /** Re-reads the case and shows the message in the page's status line. */
  onSaved: (message: string) => void;
}
