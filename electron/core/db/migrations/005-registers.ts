import { createAuditTriggers } from './audit-triggers';
import type { Migration } from './types';

/**
 * Attendance registers. A register is one base, one school day, one session (AM or PM). Each pupil on
 * it has one mark row holding whether they were expected at the Key that session (fixed when the
 * register was taken, so a later calendar change cannot move past attendance) and their current code;
 * every change after the register was submitted or closed is an amendment row keeping the old code,
 * the new one, the reason, who and when. Marks and amendments are their own audit: they are never
 * deleted, and they are not copied into the JSON audit log (150,000 marks must stay small), so marks
 * use small integer keys and WITHOUT ROWID.
 */
export const migration005: Migration = {
  version: 5,
  name: 'attendance registers',
  up(db) {
    db.exec(`
      -- When each base's sessions start (local time) and how long the register stays open (at most 30 minutes).
      CREATE TABLE base_sessions (
        base_id TEXT NOT NULL REFERENCES bases(id),
        session TEXT NOT NULL CHECK (session IN ('AM', 'PM')),
        starts_at TEXT NOT NULL CHECK (starts_at GLOB '[0-2][0-9]:[0-5][0-9]'),
        open_minutes INTEGER NOT NULL DEFAULT 30 CHECK (open_minutes BETWEEN 1 AND 30),
        PRIMARY KEY (base_id, session)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO base_sessions (base_id, session, starts_at) SELECT id, 'AM', '09:00' FROM bases;
      INSERT INTO base_sessions (base_id, session, starts_at) SELECT id, 'PM', '13:00' FROM bases;

      CREATE TABLE registers (
        n INTEGER PRIMARY KEY,
        base_id TEXT NOT NULL REFERENCES bases(id),
        date TEXT NOT NULL,
        session TEXT NOT NULL CHECK (session IN ('AM', 'PM')),
        -- When it was first marked and by whom ("taken by").
        taken_at TEXT NOT NULL,
        taken_by TEXT REFERENCES staff(id),
        submitted_at TEXT,
        submitted_by TEXT REFERENCES staff(id),
        UNIQUE (base_id, date, session)
      ) STRICT;
      CREATE INDEX registers_by_date ON registers (date);

      -- Small numbers for the people on marks, so 150,000 marks do not each carry two UUIDs.
      CREATE TABLE register_people (
        n INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE
      ) STRICT;

      CREATE TABLE register_marks (
        register_n INTEGER NOT NULL REFERENCES registers(n),
        pupil_n INTEGER NOT NULL REFERENCES register_people(n),
        placement_id TEXT NOT NULL REFERENCES placements(id),
        expected INTEGER NOT NULL CHECK (expected IN (0, 1)),
        code TEXT,
        minutes_late INTEGER CHECK (minutes_late IS NULL OR minutes_late BETWEEN 1 AND 600),
        marked_by INTEGER REFERENCES register_people(n),
        -- Seconds since 1970 (UTC): compact for a high-volume row.
        marked_at INTEGER,
        -- Why a pupil not in the day's plan was added to the register.
        note TEXT,
        PRIMARY KEY (register_n, pupil_n),
        CHECK (code IS NOT NULL OR minutes_late IS NULL)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX register_marks_by_pupil ON register_marks (pupil_n, register_n);

      CREATE TABLE register_amendments (
        register_n INTEGER NOT NULL,
        pupil_n INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        old_code TEXT,
        old_minutes_late INTEGER,
        new_code TEXT NOT NULL,
        new_minutes_late INTEGER,
        reason TEXT NOT NULL CHECK (length(reason) > 0),
        amended_by TEXT REFERENCES staff(id),
        amended_at TEXT NOT NULL,
        PRIMARY KEY (register_n, pupil_n, seq),
        FOREIGN KEY (register_n, pupil_n) REFERENCES register_marks (register_n, pupil_n)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX register_amendments_by_time ON register_amendments (amended_at);

      -- Register entries are kept at least six years: never deleted, amendments never changed.
      CREATE TRIGGER register_marks_kept BEFORE DELETE ON register_marks
      BEGIN SELECT RAISE(ABORT, 'Register entries are never deleted'); END;
      CREATE TRIGGER registers_kept BEFORE DELETE ON registers
      BEGIN SELECT RAISE(ABORT, 'Registers are never deleted'); END;
      CREATE TRIGGER register_marks_expected_fixed BEFORE UPDATE OF expected ON register_marks
        WHEN OLD.expected = 1 AND NEW.expected = 0
      BEGIN SELECT RAISE(ABORT, 'Who was expected at a register is fixed when it is taken'); END;
      CREATE TRIGGER register_amendments_kept BEFORE DELETE ON register_amendments
      BEGIN SELECT RAISE(ABORT, 'Register amendments are never deleted'); END;
      CREATE TRIGGER register_amendments_fixed BEFORE UPDATE ON register_amendments
      BEGIN SELECT RAISE(ABORT, 'Register amendments are never changed'); END;
    `);
    // Session times are low-volume settings: audited like the rest. Marks are their own history.
    createAuditTriggers(db, [{ table: 'base_sessions', idColumn: 'base_id' }]);
  },
};
