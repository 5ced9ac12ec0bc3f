import type { Migration } from './migration';
import { BUILT_IN_CATEGORIES_AT_0020, BUILT_IN_PROFILES_AT_0020 } from './0020-built-ins';
import { INDEX } from '../indexes';

export const escalations: Migration = {
  version: 20,
  name: 'board settings, policy profiles, calendar, escalations, stages, notifications, outcomes',
  up(db) {
    db.exec(`
      CREATE TABLE board_setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      -- A profile row is never changed once an escalation uses it, except a timescale
      -- correction, which is audited; an edited policy is a new row.
      CREATE TABLE policy_profile (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        version INTEGER NOT NULL,
        based_on TEXT,
        definition_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (key, version)
      ) STRICT;

      CREATE TABLE closure_day (date TEXT PRIMARY KEY, reason TEXT NOT NULL) STRICT;
      CREATE TABLE category (id INTEGER PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE, built_in INTEGER NOT NULL DEFAULT 0) STRICT;
      CREATE TABLE learning_theme (id INTEGER PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE) STRICT;

      CREATE TABLE escalation (
        id INTEGER PRIMARY KEY,
        reference TEXT NOT NULL,
        reference_key TEXT NOT NULL,
        child_initials TEXT NOT NULL DEFAULT '',
        origin TEXT NOT NULL DEFAULT 'board' CHECK (origin IN ('board', 'agency_return')),
        profile_id INTEGER NOT NULL REFERENCES policy_profile(id),
        raising_agency_id INTEGER NOT NULL REFERENCES agency(id),
        raising_worker_role TEXT NOT NULL,
        raising_worker_email TEXT NOT NULL DEFAULT '',
        category_id INTEGER NOT NULL REFERENCES category(id),
        child_status TEXT NOT NULL,
        summary TEXT NOT NULL,
        opened_on TEXT NOT NULL,
        immediate_risk INTEGER NOT NULL CHECK (immediate_risk IN (0, 1)),
        referral_to TEXT,
        referral_made_on TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'withdrawn', 'closed')),
        first_stage INTEGER NOT NULL,
        highest_stage INTEGER NOT NULL,
        -- The open stage and its deadline, kept on the case so the register and the overdue
        -- list are single indexed lookups at any size. NULL once the case is no longer open.
        current_stage INTEGER,
        current_due_on TEXT,
        current_due_soon_from TEXT,
        -- Immediate risk: the working day by which the case had to go up (NULL when it does not apply).
        same_day_deadline TEXT,
        first_stage_ended_on TEXT,
        ended_on TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX ${INDEX.escalationByReference} ON escalation(reference_key);
      CREATE INDEX ${INDEX.escalationByOpened} ON escalation(opened_on);
      CREATE INDEX ${INDEX.escalationByStatusDue} ON escalation(status, current_due_on);
      CREATE INDEX ${INDEX.escalationByStatusOpened} ON escalation(status, opened_on);
      CREATE INDEX escalation_by_raising_agency ON escalation(raising_agency_id, opened_on);
      CREATE INDEX ${INDEX.escalationByCategory} ON escalation(category_id, opened_on);
      CREATE INDEX ${INDEX.escalationByStage} ON escalation(current_stage, opened_on);
      CREATE INDEX ${INDEX.escalationImmediateRisk} ON escalation(opened_on) WHERE immediate_risk = 1;

      CREATE TABLE escalation_challenged (
        escalation_id INTEGER NOT NULL REFERENCES escalation(id),
        agency_id INTEGER NOT NULL REFERENCES agency(id),
        PRIMARY KEY (escalation_id, agency_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX escalation_challenged_by_agency ON escalation_challenged(agency_id, escalation_id);

      CREATE TABLE stage_entry (
        id INTEGER PRIMARY KEY,
        escalation_id INTEGER NOT NULL REFERENCES escalation(id),
        stage_number INTEGER NOT NULL,
        started_on TEXT NOT NULL,
        timescale_days INTEGER,
        due_on TEXT,
        due_soon_from TEXT,
        ended_on TEXT,
        end_reason TEXT,
        discussion TEXT NOT NULL DEFAULT '',
        decision TEXT NOT NULL DEFAULT '',
        participants TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX stage_entry_by_escalation ON stage_entry(escalation_id, id);
      CREATE INDEX stage_entry_open ON stage_entry(escalation_id) WHERE ended_on IS NULL;

      -- What due date was shown, when and why: re-working a deadline adds a row, never edits one.
      CREATE TABLE due_date_history (
        id INTEGER PRIMARY KEY,
        stage_entry_id INTEGER NOT NULL REFERENCES stage_entry(id),
        due_on TEXT,
        recorded_at TEXT NOT NULL,
        reason TEXT NOT NULL
      ) STRICT;
      CREATE INDEX due_date_history_by_stage ON due_date_history(stage_entry_id);
      CREATE TRIGGER due_date_history_no_update BEFORE UPDATE ON due_date_history
        BEGIN SELECT RAISE(ABORT, 'Due date history cannot be changed'); END;
      CREATE TRIGGER due_date_history_no_delete BEFORE DELETE ON due_date_history
        BEGIN SELECT RAISE(ABORT, 'Due date history cannot be deleted'); END;

      CREATE TABLE notification (
        id INTEGER PRIMARY KEY,
        escalation_id INTEGER NOT NULL REFERENCES escalation(id),
        kind TEXT NOT NULL,
        required_since TEXT NOT NULL,
        made_on TEXT,
        made_by TEXT,
        method TEXT,
        UNIQUE (escalation_id, kind)
      ) STRICT;
      CREATE INDEX notification_outstanding ON notification(required_since) WHERE made_on IS NULL;

      CREATE TABLE outcome (
        escalation_id INTEGER PRIMARY KEY REFERENCES escalation(id),
        resolved_on TEXT NOT NULL,
        statement TEXT NOT NULL,
        effect TEXT NOT NULL CHECK (effect IN ('upheld', 'changed', 'partly_changed')),
        agreed_by TEXT NOT NULL,
        policy_gap INTEGER NOT NULL CHECK (policy_gap IN (0, 1)),
        policy_gap_note TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX outcome_policy_gap ON outcome(resolved_on) WHERE policy_gap = 1;

      CREATE TABLE outcome_action (
        id INTEGER PRIMARY KEY,
        escalation_id INTEGER NOT NULL REFERENCES escalation(id),
        description TEXT NOT NULL,
        owner TEXT NOT NULL,
        due_on TEXT NOT NULL,
        done_on TEXT
      ) STRICT;
      CREATE INDEX outcome_action_by_escalation ON outcome_action(escalation_id);

      CREATE TABLE escalation_theme (
        escalation_id INTEGER NOT NULL REFERENCES escalation(id),
        theme_id INTEGER NOT NULL REFERENCES learning_theme(id),
        PRIMARY KEY (escalation_id, theme_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX escalation_theme_by_theme ON escalation_theme(theme_id);

      CREATE TABLE escalation_withdrawal (escalation_id INTEGER PRIMARY KEY REFERENCES escalation(id), on_date TEXT NOT NULL, reason TEXT NOT NULL) STRICT;
      CREATE TABLE escalation_closure (escalation_id INTEGER PRIMARY KEY REFERENCES escalation(id), on_date TEXT NOT NULL, chair_name TEXT NOT NULL) STRICT;
    `);
    const now = new Date().toISOString();
    const insertProfile = db.prepare(
      'INSERT INTO policy_profile (key, version, based_on, definition_json, created_at) VALUES (?, 1, NULL, ?, ?)',
    );
    for (const profile of BUILT_IN_PROFILES_AT_0020) insertProfile.run(profile.key, JSON.stringify(profile), now);
    const insertCategory = db.prepare('INSERT INTO category (name, name_key, built_in) VALUES (?, ?, 1)');
    for (const name of BUILT_IN_CATEGORIES_AT_0020) insertCategory.run(name, name.toLocaleLowerCase('en-GB'));
    const setting = db.prepare('INSERT INTO board_setting (key, value) VALUES (?, ?)');
    setting.run('board_name', 'Safeguarding Children Board');
    setting.run('quarter_start_month', '4');
  },
};
