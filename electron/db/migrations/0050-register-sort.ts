import type { Migration } from './migration';
import { INDEX } from '../indexes';

export const registerSort: Migration = {
  version: 50,
  name: 'indexes that serve the register sorted by due date or by stage',
  up(db) {
    // One column each, so the index (with its rowid) matches ORDER BY <column>, id exactly and a
    // sorted page is read straight off the index instead of sorting a million rows.
    db.exec(`
      CREATE INDEX ${INDEX.escalationSortDue} ON escalation(current_due_on);
      CREATE INDEX escalation_sort_stage ON escalation(current_stage);
      CREATE INDEX escalation_sort_status ON escalation(status);
    `);
  },
};
