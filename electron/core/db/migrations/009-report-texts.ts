import { createAuditTriggers } from './audit-triggers';
import type { Migration } from './types';

/**
 * What staff write for a placement's reintegration report before printing it: the recommendations for
 * the home school (required before a report is issued, may be empty while drafting) and optional
 * additions to the summary of needs and to what has helped. One row per placement, audited row by row
 * (few rows, rarely changed), so an earlier wording stays in the trail.
 */
export const migration009: Migration = {
  version: 9,
  name: 'report texts',
  up(db) {
    db.exec(`
      CREATE TABLE report_texts (
        placement_id TEXT PRIMARY KEY REFERENCES placements(id),
        pupil_id TEXT NOT NULL REFERENCES pupils(id),
        recommendations TEXT NOT NULL DEFAULT '' CHECK (length(recommendations) <= 6000),
        needs_summary TEXT NOT NULL DEFAULT '' CHECK (length(needs_summary) <= 4000),
        what_helped TEXT NOT NULL DEFAULT '' CHECK (length(what_helped) <= 4000),
        updated_by TEXT REFERENCES staff(id),
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX report_texts_by_pupil ON report_texts (pupil_id);
    `);
    createAuditTriggers(db, [{ table: 'report_texts', idColumn: 'placement_id', pupilColumn: 'pupil_id' }]);
  },
};
