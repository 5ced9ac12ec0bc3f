// The indexes that queries name (INDEXED BY), so that SQLite cannot drift to a worse plan as its
// statistics change. One list, used by the migrations that create them and the queries that name
// them; test/db/indexes.test.ts holds it to the schema of a newly migrated store. Renaming one is a
// new migration, never an edit here alone.
export const INDEX = {
  accessEntryByCase: 'access_entry_by_case',
  accessEntryByPerson: 'access_entry_by_person',
  escalationAgencyPairs: 'escalation_agency_pairs',
  escalationAtStage: 'escalation_at_stage',
  escalationByCategory: 'escalation_by_category',
  escalationByInitials: 'escalation_by_initials',
  escalationByOpened: 'escalation_by_opened',
  escalationByOrigin: 'escalation_by_origin',
  escalationByReference: 'escalation_by_reference',
  escalationByReturn: 'escalation_by_return',
  escalationByStage: 'escalation_by_stage',
  escalationByStatusDue: 'escalation_by_status_due',
  escalationByStatusOpened: 'escalation_by_status_opened',
  escalationDashEnded: 'escalation_dash_ended',
  escalationDashOpened: 'escalation_dash_opened',
  escalationDashResolved: 'escalation_dash_resolved',
  escalationDashWithdrawn: 'escalation_dash_withdrawn',
  escalationImmediateRisk: 'escalation_immediate_risk',
  escalationOpenByDue: 'escalation_open_by_due',
  escalationSortDue: 'escalation_sort_due',
  escalationStageByStatus: 'escalation_stage_by_status',
  escalationWithDue: 'escalation_with_due',
} as const;

export type IndexName = (typeof INDEX)[keyof typeof INDEX];
