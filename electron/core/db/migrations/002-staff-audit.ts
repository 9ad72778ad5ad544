import { createAuditTriggers } from './audit-triggers';
import type { Migration } from './types';

/** Staff accounts, the append-only audit log, and triggers that log every change to every table. */
export const migration002: Migration = {
  version: 2,
  name: 'staff and audit log',
  up(db) {
    db.exec(`
      ALTER TABLE provision ADD COLUMN auto_lock_minutes INTEGER NOT NULL DEFAULT 5 CHECK (auto_lock_minutes BETWEEN 1 AND 60);

      CREATE TABLE staff (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        username TEXT NOT NULL COLLATE NOCASE,
        roles TEXT NOT NULL CHECK (json_valid(roles) AND json_array_length(roles) >= 1),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        removed_at TEXT
      ) STRICT;
      -- A username is unique among current staff; a removed person's name can be reused.
      CREATE UNIQUE INDEX staff_username ON staff (username) WHERE removed_at IS NULL;

      CREATE TABLE staff_bases (
        staff_id TEXT NOT NULL REFERENCES staff(id),
        base_id TEXT NOT NULL REFERENCES bases(id),
        PRIMARY KEY (staff_id, base_id)
      ) STRICT;

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        staff_id TEXT,
        staff_name TEXT,
        action TEXT NOT NULL,
        entity TEXT,
        entity_id TEXT,
        pupil_id TEXT,
        before TEXT,
        after TEXT,
        detail TEXT
      ) STRICT;
      CREATE INDEX audit_by_time ON audit_log (at);
      CREATE INDEX audit_by_staff ON audit_log (staff_id, at);
      CREATE INDEX audit_by_pupil ON audit_log (pupil_id, at);

      CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'The audit log cannot be changed.'); END;
      CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'The audit log cannot be changed.'); END;
    `);
    createAuditTriggers(db, [
      { table: 'provision', idColumn: 'id' },
      { table: 'bases', idColumn: 'id' },
      { table: 'base_key_stages', idColumn: 'base_id' },
      { table: 'pupils', idColumn: 'id', pupilColumn: 'id' },
      { table: 'placements', idColumn: 'id', pupilColumn: 'pupil_id' },
      { table: 'staff', idColumn: 'id' },
      { table: 'staff_bases', idColumn: 'staff_id' },
    ]);
  },
};
