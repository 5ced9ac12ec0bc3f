import type { Migration } from './migration';

/**
 * The chair's sign-off in the app (issue 16, item 4). A request is the coordinator asking the
 * chair to sign off a resolved or withdrawn case; the chair answers it once, signing off (which
 * closes the case) or declining with a reason, under their own account. At most one request per
 * case waits at a time. A closure now says how it was signed off: in the app by the chair's
 * account, or as the coordinator recorded it (a meeting, an e-mail, a letter, a call); closures
 * made before this keep how = NULL (the name was typed, the way not asked).
 */
export const chairSignOff: Migration = {
  version: 150,
  name: 'chair sign-off: requests the chair answers in the app, and how each closure was signed off',
  up(db) {
    db.exec(`
      CREATE TABLE sign_off_request (
        id INTEGER PRIMARY KEY,
        escalation_id INTEGER NOT NULL REFERENCES escalation(id),
        requested_at TEXT NOT NULL,
        requested_by TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        answer TEXT CHECK (answer IN ('signed_off', 'declined')),
        answered_at TEXT,
        answered_by TEXT,
        answered_by_user_id INTEGER REFERENCES app_user(id),
        decline_reason TEXT,
        CHECK ((answer IS NULL) = (answered_at IS NULL)),
        CHECK ((answer = 'declined') = (decline_reason IS NOT NULL))
      ) STRICT;
      CREATE UNIQUE INDEX sign_off_request_waiting ON sign_off_request(escalation_id) WHERE answer IS NULL;
      CREATE INDEX sign_off_request_case ON sign_off_request(escalation_id);

      ALTER TABLE escalation_closure ADD COLUMN how TEXT CHECK (how IN ('in_app', 'meeting', 'email', 'letter', 'phone'));
      ALTER TABLE escalation_closure ADD COLUMN signed_by_user_id INTEGER REFERENCES app_user(id);
    `);
  },
};
