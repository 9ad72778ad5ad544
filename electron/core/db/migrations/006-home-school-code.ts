import { createAuditTriggers } from './audit-triggers';
import type { Migration } from './types';

/**
 * The code each home school enters in its own register when the pupil attended the Key. The Key is
 * education arranged by the local authority, so DfE's code is K; a local authority may ask its schools
 * for another approved educational activity code (B, say), so it is the provision's setting. Only the
 * approved educational activity codes count as attending, so only they are allowed.
 */
export const migration006: Migration = {
  version: 6,
  name: 'home school attended code',
  up(db) {
    db.exec(`
      ALTER TABLE provision ADD COLUMN home_school_attended_code TEXT NOT NULL DEFAULT 'K'
        CHECK (home_school_attended_code IN ('K', 'V', 'P', 'W', 'B'));
    `);
    // The audit triggers copy the row's columns as they were listed: list them again with the new one.
    createAuditTriggers(db, [{ table: 'provision', idColumn: 'id' }]);
  },
};
