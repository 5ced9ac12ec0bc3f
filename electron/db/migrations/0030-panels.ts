import type { Migration } from './migration';

export const panels: Migration = {
  version: 30,
  name: 'chair decisions, resolution panels, seats and representations',
  up(db) {
    db.exec(`
      CREATE TABLE chair_decision (
        id INTEGER PRIMARY KEY,
        escalation_id INTEGER NOT NULL REFERENCES escalation(id),
        decided_on TEXT NOT NULL,
        route TEXT NOT NULL CHECK (route IN ('resolve_directly', 'multi_agency_meeting', 'resolution_panel', 'uninvolved_chair_meeting')),
        reasons TEXT NOT NULL,
        decided_by TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX chair_decision_by_escalation ON chair_decision(escalation_id);
      CREATE INDEX chair_decision_by_date ON chair_decision(decided_on);

      CREATE TABLE panel (
        id INTEGER PRIMARY KEY,
        escalation_id INTEGER NOT NULL REFERENCES escalation(id),
        sits_on TEXT NOT NULL,
        chair_officer_id INTEGER REFERENCES officer(id),
        chair_name TEXT NOT NULL,
        where_possible_reason TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
        cancel_reason TEXT,
        decision TEXT,
        decided_on TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX panel_by_date ON panel(sits_on);
      CREATE INDEX panel_by_escalation ON panel(escalation_id);

      CREATE TABLE panel_seat (
        panel_id INTEGER NOT NULL REFERENCES panel(id),
        seat INTEGER NOT NULL,
        agency_id INTEGER REFERENCES agency(id),
        officer_id INTEGER REFERENCES officer(id),
        PRIMARY KEY (panel_id, seat)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE panel_representation (
        id INTEGER PRIMARY KEY,
        panel_id INTEGER NOT NULL REFERENCES panel(id),
        from_agency_id INTEGER REFERENCES agency(id),
        from_person TEXT NOT NULL,
        received_on TEXT NOT NULL,
        summary TEXT NOT NULL
      ) STRICT;
      CREATE INDEX panel_representation_by_panel ON panel_representation(panel_id);
    `);
  },
};
