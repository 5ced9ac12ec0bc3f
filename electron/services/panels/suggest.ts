import { isBoardMemberOn } from '../../../shared/domain/agency';
import type { PanelDraft } from '../../../shared/domain/panel';
import { suggestPanels, type BoardMemberOnDate } from '../../../shared/domain/panelSuggestions';
import type { ReadContext } from '../context';
import { DomainError } from '../errors';
import { buildProposal, loadPanelAgency, officersOf } from './proposal';

/** Valid compositions the chair could use on that date, built from the board as it then stood. */
export function suggest(ctx: ReadContext, draft: PanelDraft) {
  if (draft.sitsOn === null)
    throw new DomainError('Choose the date the panel will sit, then ask for suggestions.', [{ where: 'Date', message: 'Required' }]);
  const date = draft.sitsOn;
  const proposal = buildProposal(ctx.db, ctx.now, draft);
  // Where the rule does not ask for full-board members (Birmingham's meeting), every active agency may sit.
  const fullBoardOnly = proposal.rule.membersMustBeFullBoard;
  const board: BoardMemberOnDate[] = (ctx.db.prepare('SELECT id FROM agency').all() as { id: number }[])
    .map(({ id }) => loadPanelAgency(ctx.db, id)!)
    .filter((a) => a.retiredOn === null || a.retiredOn > date)
    .filter((a) => !fullBoardOnly || isBoardMemberOn(a.memberships, date))
    .map((agency) => ({ agency, officers: officersOf(ctx.db, agency.id).filter((o) => o.leftOn === null || o.leftOn > date) }));
  const { seats: _seats, wherePossibleReason: _reason, ...rest } = proposal;
  const result = suggestPanels({ ...rest, board });
  return {
    explanation: result.explanation,
    compositions: result.compositions.map((seats) =>
      seats.map((s) => ({
        agencyId: s.agency?.id ?? null,
        agencyName: s.agency?.name ?? null,
        officerId: s.officer?.id ?? null,
        officerName: s.officer?.name ?? null,
      })),
    ),
  };
}
