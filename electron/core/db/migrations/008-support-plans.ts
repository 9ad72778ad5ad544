import { createAuditTriggers } from './audit-triggers';
import type { Migration } from './types';

/**
 * My Support Plans and SEMH measures. A plan per placement, written in versions: a draft can change,
 * a reviewed version never does (a trigger refuses it, beside the service's own check). Reviews rate
 * each outcome of the version they reviewed. Versions and reviews are the plan's own history, so the
 * audit trail carries one short event per change instead of a copy of each row. Measures are few and
 * corrected rarely: audited row by row like the rest, so a correction's old scores stay in the trail.
 */
export const migration008: Migration = {
  version: 8,
  name: 'support plans and SEMH measures',
  up(db) {
    db.exec(`
      CREATE TABLE support_plans (
        id TEXT PRIMARY KEY,
        placement_id TEXT NOT NULL UNIQUE REFERENCES placements(id),
        pupil_id TEXT NOT NULL REFERENCES pupils(id),
        review_every_weeks INTEGER NOT NULL DEFAULT 6 CHECK (review_every_weeks BETWEEN 2 AND 26),
        created_by TEXT REFERENCES staff(id),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX support_plans_by_pupil ON support_plans (pupil_id);

      CREATE TABLE plan_versions (
        id TEXT PRIMARY KEY,
        plan_id TEXT NOT NULL REFERENCES support_plans(id),
        number INTEGER NOT NULL CHECK (number >= 1),
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'reviewed')),
        content TEXT NOT NULL CHECK (json_valid(content)),
        created_by TEXT REFERENCES staff(id),
        created_at TEXT NOT NULL,
        updated_by TEXT REFERENCES staff(id),
        updated_at TEXT NOT NULL,
        UNIQUE (plan_id, number)
      ) STRICT;

      CREATE TABLE plan_reviews (
        id TEXT PRIMARY KEY,
        plan_id TEXT NOT NULL REFERENCES support_plans(id),
        version_id TEXT NOT NULL REFERENCES plan_versions(id),
        kind TEXT NOT NULL CHECK (kind IN ('start', 'interim', 'end')),
        held_on TEXT NOT NULL,
        attendees TEXT NOT NULL CHECK (length(attendees) > 0),
        pupil_view TEXT NOT NULL DEFAULT '',
        parent_view TEXT NOT NULL DEFAULT '',
        recorded_by TEXT REFERENCES staff(id),
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX plan_reviews_by_plan ON plan_reviews (plan_id, held_on);
      -- One start and one end review per plan.
      CREATE UNIQUE INDEX plan_reviews_one_start_end ON plan_reviews (plan_id, kind) WHERE kind IN ('start', 'end');

      CREATE TABLE plan_review_ratings (
        review_id TEXT NOT NULL REFERENCES plan_reviews(id),
        outcome_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('start', 'interim', 'end')),
        rating INTEGER CHECK (rating IS NULL OR rating BETWEEN -2 AND 2),
        evidence TEXT NOT NULL DEFAULT '',
        next_steps TEXT NOT NULL DEFAULT '',
        decision TEXT NOT NULL CHECK (decision IN ('carried-forward', 'achieved')),
        PRIMARY KEY (review_id, outcome_id),
        CHECK (rating IS NOT NULL OR kind = 'start')
      ) STRICT, WITHOUT ROWID;

      -- A reviewed version is the record of what was agreed: never changed, never deleted.
      CREATE TRIGGER plan_versions_reviewed_fixed BEFORE UPDATE ON plan_versions
      WHEN OLD.status = 'reviewed'
      BEGIN SELECT RAISE(ABORT, 'A reviewed plan version cannot change: start a new draft'); END;
      CREATE TRIGGER plan_versions_reviewed_kept BEFORE DELETE ON plan_versions
      WHEN OLD.status = 'reviewed'
      BEGIN SELECT RAISE(ABORT, 'A reviewed plan version is never deleted'); END;
      CREATE TRIGGER plan_reviews_fixed BEFORE UPDATE ON plan_reviews
      BEGIN SELECT RAISE(ABORT, 'A review is never changed'); END;
      CREATE TRIGGER plan_reviews_kept BEFORE DELETE ON plan_reviews
      BEGIN SELECT RAISE(ABORT, 'A review is never deleted'); END;
      CREATE TRIGGER plan_review_ratings_fixed BEFORE UPDATE ON plan_review_ratings
      BEGIN SELECT RAISE(ABORT, 'A review is never changed'); END;
      CREATE TRIGGER plan_review_ratings_kept BEFORE DELETE ON plan_review_ratings
      BEGIN SELECT RAISE(ABORT, 'A review is never deleted'); END;

      CREATE TABLE semh_measures (
        id TEXT PRIMARY KEY,
        pupil_id TEXT NOT NULL REFERENCES pupils(id),
        placement_id TEXT NOT NULL REFERENCES placements(id),
        measure TEXT NOT NULL CHECK (measure IN ('sdq-teacher', 'sdq-parent', 'boxall', 'leuven')),
        point TEXT NOT NULL CHECK (point IN ('baseline', 'review', 'exit')),
        taken_on TEXT NOT NULL,
        scores TEXT NOT NULL CHECK (json_valid(scores)),
        completed_by TEXT,
        recorded_by TEXT REFERENCES staff(id),
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX semh_measures_by_pupil ON semh_measures (pupil_id, taken_on);
      CREATE INDEX semh_measures_by_placement ON semh_measures (placement_id);
    `);
    createAuditTriggers(db, [{ table: 'semh_measures', idColumn: 'id', pupilColumn: 'pupil_id' }]);
  },
};
