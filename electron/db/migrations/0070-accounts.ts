import type { Migration } from './migration';

export const accounts: Migration = {
  version: 70,
  name: 'local user accounts with roles, and slowed sign-in attempts',
  up(db) {
    db.exec(`
      -- People who may sign in. Never deleted (the audit trail names them): an account that should
      -- no longer sign in is disabled. The password is a scrypt hash with its own salt and cost
      -- ("scrypt$N$r$p$salt$hash"), never the password.
      CREATE TABLE app_user (
        id INTEGER PRIMARY KEY,
        user_name TEXT NOT NULL,
        user_name_key TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('coordinator', 'chair', 'learning_hub', 'read_only')),
        password_hash TEXT NOT NULL,
        disabled_on TEXT,
        created_at TEXT NOT NULL,
        last_signed_in_at TEXT
      ) STRICT;

      -- Failed sign-ins per name typed (known or not, so a stranger cannot tell which names exist
      -- from how the app slows down). Cleared by a successful sign-in.
      CREATE TABLE sign_in_throttle (
        user_name_key TEXT PRIMARY KEY,
        failures INTEGER NOT NULL CHECK (failures >= 0),
        last_failed_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
