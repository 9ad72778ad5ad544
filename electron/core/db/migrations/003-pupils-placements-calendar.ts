import { randomUUID } from 'node:crypto';
import { englandBankHolidays } from '../../../../shared/domain/bank-holidays';
import { typicalTerms } from '../../../../shared/domain/calendar';
import { addDays } from '../../../../shared/domain/dates';
import { createAuditTriggers } from './audit-triggers';
import type { Migration } from './types';

/** Academic years shipped with a typical term pattern (bank holidays are shipped for 2024–2030). */
const FIRST_YEAR = 2024;
const LAST_YEAR = 2029;

/**
 * The pupil record in full, home schools, contacts, placements as one row per referral with its
 * history, and the school calendar. Placements from migration 001 become started placements.
 */
export const migration003: Migration = {
  version: 3,
  name: 'pupils, referrals, placements and school calendar',
  up(db) {
    db.exec(`
      CREATE TABLE schools (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE,
        senco_name TEXT,
        phone TEXT,
        email TEXT,
        address TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX schools_name ON schools (name);

      -- The pupil triggers copy a fixed column list: drop them while the table changes (recreated below),
      -- so filling in the new columns is not logged as staff edits either.
      DROP TRIGGER audit_pupils_insert;
      DROP TRIGGER audit_pupils_update;
      DROP TRIGGER audit_pupils_delete;
      ALTER TABLE pupils ADD COLUMN gender TEXT;
      ALTER TABLE pupils ADD COLUMN upn TEXT;
      -- Year groups the pupil is taught ahead of (+) or behind (-) their age: stays right year after year.
      ALTER TABLE pupils ADD COLUMN year_group_offset INTEGER NOT NULL DEFAULT 0 CHECK (year_group_offset BETWEEN -3 AND 3);
      ALTER TABLE pupils ADD COLUMN home_school_id TEXT REFERENCES schools(id);
      ALTER TABLE pupils ADD COLUMN sen_status TEXT NOT NULL DEFAULT 'none' CHECK (sen_status IN ('none', 'sen-support', 'ehcp'));
      ALTER TABLE pupils ADD COLUMN child_in_care INTEGER NOT NULL DEFAULT 0 CHECK (child_in_care IN (0, 1));
      ALTER TABLE pupils ADD COLUMN virtual_school_contact TEXT;
      ALTER TABLE pupils ADD COLUMN has_pep INTEGER NOT NULL DEFAULT 0 CHECK (has_pep IN (0, 1));
      ALTER TABLE pupils ADD COLUMN pathway TEXT NOT NULL DEFAULT 'early-intervention'
        CHECK (pathway IN ('early-intervention', 'specialist-semh', 'permanently-excluded'));
      ALTER TABLE pupils ADD COLUMN notes TEXT;
      ALTER TABLE pupils ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
      UPDATE pupils SET updated_at = created_at;
      CREATE UNIQUE INDEX pupils_upn ON pupils (upn) WHERE upn IS NOT NULL;
      CREATE INDEX pupils_by_name ON pupils (legal_last_name, legal_first_name, date_of_birth);

      CREATE TABLE contacts (
        id TEXT PRIMARY KEY,
        pupil_id TEXT NOT NULL REFERENCES pupils(id),
        name TEXT NOT NULL,
        relationship TEXT NOT NULL,
        phone TEXT,
        email TEXT,
        parental_responsibility INTEGER NOT NULL CHECK (parental_responsibility IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX contacts_by_pupil ON contacts (pupil_id);

      DROP TRIGGER audit_placements_insert;
      DROP TRIGGER audit_placements_update;
      DROP TRIGGER audit_placements_delete;
      ALTER TABLE placements RENAME TO placements_001;
      DROP INDEX placements_by_base;
      DROP INDEX placements_by_pupil;

      CREATE TABLE placements (
        id TEXT PRIMARY KEY,
        pupil_id TEXT NOT NULL REFERENCES pupils(id),
        referring_school_id TEXT NOT NULL REFERENCES schools(id),
        referred_on TEXT NOT NULL,
        reason TEXT NOT NULL,
        tried TEXT,
        decision TEXT CHECK (decision IN ('accepted', 'declined', 'deferred')),
        decided_on TEXT,
        decision_notes TEXT,
        base_id TEXT REFERENCES bases(id),
        key_visit_on TEXT,
        key_visit_skipped TEXT,
        home_visit_on TEXT,
        home_visit_skipped TEXT,
        start_date TEXT,
        home_school_day INTEGER NOT NULL DEFAULT 5 CHECK (home_school_day BETWEEN 1 AND 5),
        -- JSON [{fromWeek, homeDays}], or NULL for the Key's defaults.
        phases TEXT CHECK (phases IS NULL OR json_valid(phases)),
        planned_end TEXT,
        reintegration_from TEXT,
        key_days INTEGER,
        end_date TEXT,
        outcome TEXT CHECK (outcome IN ('returned-full-time', 'moved-school', 'special-school', 'withdrawn', 'other')),
        outcome_notes TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (decision IS NOT NULL OR start_date IS NULL),
        CHECK (decision = 'accepted' OR start_date IS NULL),
        CHECK (decision <> 'accepted' OR base_id IS NOT NULL),
        CHECK (start_date IS NULL OR planned_end >= start_date),
        CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date),
        CHECK ((end_date IS NULL) = (outcome IS NULL) OR decision = 'declined')
      ) STRICT;
      -- At most one referral or placement in progress per pupil.
      CREATE UNIQUE INDEX placements_one_open ON placements (pupil_id)
        WHERE end_date IS NULL AND (decision IS NULL OR decision <> 'declined');
      CREATE INDEX placements_by_base ON placements (base_id, start_date);
      CREATE INDEX placements_by_pupil ON placements (pupil_id, referred_on);

      CREATE TABLE placement_events (
        id TEXT PRIMARY KEY,
        placement_id TEXT NOT NULL REFERENCES placements(id),
        pupil_id TEXT NOT NULL REFERENCES pupils(id),
        step TEXT NOT NULL,
        on_date TEXT NOT NULL,
        notes TEXT,
        recorded_by TEXT REFERENCES staff(id),
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX placement_events_by_placement ON placement_events (placement_id, on_date);

      CREATE TABLE terms (
        academic_year INTEGER NOT NULL,
        name TEXT NOT NULL CHECK (name IN ('Autumn 1', 'Autumn 2', 'Spring 1', 'Spring 2', 'Summer 1', 'Summer 2')),
        starts_on TEXT NOT NULL,
        ends_on TEXT NOT NULL,
        PRIMARY KEY (academic_year, name),
        CHECK (ends_on >= starts_on)
      ) STRICT;

      CREATE TABLE closures (
        date TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('bank-holiday', 'inset', 'closure')),
        name TEXT NOT NULL
      ) STRICT;
    `);

    // Placements from migration 001 were started placements with no referral recorded: keep them as
    // accepted by a panel on their start date, referred by an unknown school. An end date still to come
    // was the plan, not an end: such a placement is still running, with that as its planned end (or
    // the usual 26 weeks when it had none); it has ended only if its end date has passed.
    const old = db.exec('SELECT id, pupil_id, base_id, start_date, end_date, created_at FROM placements_001')[0]?.values ?? [];
    if (old.length > 0) {
      const now = new Date().toISOString();
      const today = now.slice(0, 10);
      const schoolId = randomUUID();
      db.run('INSERT INTO schools (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)', [schoolId, 'Home school not recorded', now, now]);
      for (const row of old) {
        const [id, pupilId, baseId, start, end, created] = row as [string, string, string, string, string | null, string];
        const ended = end !== null && end < today ? end : null;
        const plannedEnd = end ?? addDays(start, 26 * 7 - 3);
        db.run(
          `INSERT INTO placements (id, pupil_id, referring_school_id, referred_on, reason, decision, decided_on, base_id,
             start_date, planned_end, end_date, outcome, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'Recorded before referrals were kept', 'accepted', ?, ?, ?, ?, ?, ?, ?, ?)`,
          [id, pupilId, schoolId, start, start, baseId, start, plannedEnd, ended, ended ? 'other' : null, created, now],
        );
      }
    }
    db.exec('DROP TABLE placements_001');

    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
      for (const term of typicalTerms(year)) {
        db.run('INSERT INTO terms (academic_year, name, starts_on, ends_on) VALUES (?, ?, ?, ?)', [year, term.name, term.startsOn, term.endsOn]);
      }
    }
    for (let year = 2024; year <= 2030; year++) {
      for (const holiday of englandBankHolidays(year)) {
        db.run("INSERT INTO closures (date, kind, name) VALUES (?, 'bank-holiday', ?)", [holiday.date, holiday.name]);
      }
    }

    createAuditTriggers(db, [
      { table: 'pupils', idColumn: 'id', pupilColumn: 'id' },
      { table: 'schools', idColumn: 'id' },
      { table: 'contacts', idColumn: 'id', pupilColumn: 'pupil_id' },
      { table: 'placements', idColumn: 'id', pupilColumn: 'pupil_id' },
      { table: 'placement_events', idColumn: 'placement_id', pupilColumn: 'pupil_id' },
      { table: 'terms', idColumn: 'academic_year' },
      { table: 'closures', idColumn: 'date' },
    ]);
  },
};
