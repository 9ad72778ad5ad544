import { createAuditTriggers } from './audit-triggers';
import type { Migration } from './types';

/**
 * The keyworker's record. A keyworker per placement (every change a new row, so the history stays);
 * the log (chronology) of contacts and actions per pupil, corrected only by adding a correction
 * (the original is kept, as register amendments keep theirs); replies owed; professionals outside
 * the Key and the pupils they work with; what follow-up visits found; the figures for the term
 * before a placement; and the provision's settings for all of this.
 */
export const migration007: Migration = {
  version: 7,
  name: 'keyworker log, professionals and follow-up',
  up(db) {
    db.exec(`
      CREATE TABLE keywork_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        reply_days_call INTEGER NOT NULL DEFAULT 2 CHECK (reply_days_call BETWEEN 0 AND 60),
        reply_days_email INTEGER NOT NULL DEFAULT 10 CHECK (reply_days_email BETWEEN 0 AND 60),
        school_holidays_count INTEGER NOT NULL DEFAULT 1 CHECK (school_holidays_count IN (0, 1)),
        -- JSON list of weeks after the end: [2, 6, 12].
        follow_up_weeks TEXT NOT NULL DEFAULT '[2,6,12]'
      ) STRICT;
      INSERT INTO keywork_settings (id) VALUES (1);

      CREATE TABLE keyworker_assignments (
        id TEXT PRIMARY KEY,
        placement_id TEXT NOT NULL REFERENCES placements(id),
        pupil_id TEXT NOT NULL REFERENCES pupils(id),
        seq INTEGER NOT NULL,
        staff_id TEXT NOT NULL REFERENCES staff(id),
        from_date TEXT NOT NULL,
        change_reason TEXT,
        assigned_by TEXT REFERENCES staff(id),
        assigned_at TEXT NOT NULL,
        UNIQUE (placement_id, seq)
      ) STRICT;
      CREATE INDEX keyworker_assignments_by_staff ON keyworker_assignments (staff_id);

      CREATE TABLE professionals (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) > 0),
        role TEXT NOT NULL,
        organisation TEXT,
        phone TEXT,
        email TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE pupil_professionals (
        pupil_id TEXT NOT NULL REFERENCES pupils(id),
        professional_id TEXT NOT NULL REFERENCES professionals(id),
        linked_at TEXT NOT NULL,
        PRIMARY KEY (pupil_id, professional_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX pupil_professionals_by_professional ON pupil_professionals (professional_id);

      CREATE TABLE log_entries (
        id TEXT PRIMARY KEY,
        pupil_id TEXT NOT NULL REFERENCES pupils(id),
        on_date TEXT NOT NULL,
        at_time TEXT NOT NULL CHECK (at_time GLOB '[0-2][0-9]:[0-5][0-9]'),
        contact_type TEXT NOT NULL CHECK (contact_type IN ('phone-call', 'email', 'meeting', 'home-visit', 'school-visit', 'outreach', 'tac-meeting', 'mentoring', 'other')),
        with_whom TEXT NOT NULL CHECK (with_whom IN ('parent-carer', 'home-school', 'professional', 'pupil', 'other')),
        with_name TEXT,
        professional_id TEXT REFERENCES professionals(id),
        school_id TEXT REFERENCES schools(id),
        summary TEXT NOT NULL CHECK (length(summary) > 0),
        needs_reply INTEGER NOT NULL DEFAULT 0 CHECK (needs_reply IN (0, 1)),
        due_on TEXT,
        owner_id TEXT REFERENCES staff(id),
        done_on TEXT,
        done_by TEXT REFERENCES staff(id),
        done_at TEXT,
        recorded_by TEXT REFERENCES staff(id),
        recorded_at TEXT NOT NULL,
        CHECK (needs_reply = 1 OR (due_on IS NULL AND done_on IS NULL)),
        CHECK (needs_reply = 0 OR due_on IS NOT NULL)
      ) STRICT;
      CREATE INDEX log_entries_by_pupil ON log_entries (pupil_id, on_date);
      CREATE INDEX log_entries_owed ON log_entries (owner_id, done_on, due_on);
      CREATE INDEX log_entries_by_school ON log_entries (school_id);

      CREATE TABLE log_corrections (
        entry_id TEXT NOT NULL REFERENCES log_entries(id),
        seq INTEGER NOT NULL,
        pupil_id TEXT NOT NULL REFERENCES pupils(id),
        on_date TEXT NOT NULL,
        at_time TEXT NOT NULL CHECK (at_time GLOB '[0-2][0-9]:[0-5][0-9]'),
        contact_type TEXT NOT NULL,
        with_whom TEXT NOT NULL,
        with_name TEXT,
        professional_id TEXT REFERENCES professionals(id),
        school_id TEXT REFERENCES schools(id),
        summary TEXT NOT NULL CHECK (length(summary) > 0),
        correction_reason TEXT NOT NULL CHECK (length(correction_reason) > 0),
        corrected_by TEXT REFERENCES staff(id),
        corrected_at TEXT NOT NULL,
        PRIMARY KEY (entry_id, seq)
      ) STRICT, WITHOUT ROWID;

      -- The log is evidence: an entry's words are never changed or deleted, only corrected by adding.
      CREATE TRIGGER log_entries_kept BEFORE DELETE ON log_entries
      BEGIN SELECT RAISE(ABORT, 'Log entries are never deleted'); END;
      CREATE TRIGGER log_entries_fixed BEFORE UPDATE OF pupil_id, on_date, at_time, contact_type, with_whom, with_name, professional_id, school_id, summary, needs_reply, recorded_by, recorded_at ON log_entries
      BEGIN SELECT RAISE(ABORT, 'A log entry is corrected by adding a correction, never changed'); END;
      CREATE TRIGGER log_corrections_kept BEFORE DELETE ON log_corrections
      BEGIN SELECT RAISE(ABORT, 'Log corrections are never deleted'); END;
      CREATE TRIGGER log_corrections_fixed BEFORE UPDATE ON log_corrections
      BEGIN SELECT RAISE(ABORT, 'Log corrections are never changed'); END;
      CREATE TRIGGER keyworker_assignments_kept BEFORE DELETE ON keyworker_assignments
      BEGIN SELECT RAISE(ABORT, 'Keyworker history is never deleted'); END;
      CREATE TRIGGER keyworker_assignments_fixed BEFORE UPDATE ON keyworker_assignments
      BEGIN SELECT RAISE(ABORT, 'Keyworker history is never changed'); END;

      -- What a follow-up visit (a placement step) found, as the home school reported it.
      CREATE TABLE follow_up_findings (
        event_id TEXT PRIMARY KEY REFERENCES placement_events(id),
        placement_id TEXT NOT NULL REFERENCES placements(id),
        pupil_id TEXT NOT NULL REFERENCES pupils(id),
        attendance_percent REAL CHECK (attendance_percent IS NULL OR attendance_percent BETWEEN 0 AND 100),
        suspensions INTEGER CHECK (suspensions IS NULL OR suspensions >= 0),
        going TEXT CHECK (going IS NULL OR going IN ('going-well', 'mostly-well', 'some-concerns', 'not-going-well')),
        actions_agreed TEXT
      ) STRICT;
      CREATE INDEX follow_up_findings_by_placement ON follow_up_findings (placement_id);

      -- From the referral: attendance and suspensions in the term before the placement.
      CREATE TABLE referral_before (
        placement_id TEXT PRIMARY KEY REFERENCES placements(id),
        pupil_id TEXT NOT NULL REFERENCES pupils(id),
        attendance_percent REAL CHECK (attendance_percent IS NULL OR attendance_percent BETWEEN 0 AND 100),
        suspensions INTEGER CHECK (suspensions IS NULL OR suspensions >= 0),
        recorded_by TEXT REFERENCES staff(id),
        recorded_at TEXT NOT NULL
      ) STRICT;
    `);
    // Everything here is low-volume (a few thousand log entries a year at most): audited like the rest.
    createAuditTriggers(db, [
      { table: 'keywork_settings', idColumn: 'id' },
      { table: 'keyworker_assignments', idColumn: 'placement_id', pupilColumn: 'pupil_id' },
      { table: 'professionals', idColumn: 'id' },
      { table: 'pupil_professionals', idColumn: 'professional_id', pupilColumn: 'pupil_id' },
      { table: 'log_entries', idColumn: 'id', pupilColumn: 'pupil_id' },
      { table: 'log_corrections', idColumn: 'entry_id', pupilColumn: 'pupil_id' },
      { table: 'follow_up_findings', idColumn: 'placement_id', pupilColumn: 'pupil_id' },
      { table: 'referral_before', idColumn: 'placement_id', pupilColumn: 'pupil_id' },
    ]);
  },
};
