import type { Database as SqlJsDatabase } from 'sql.js';
import { NOW } from './migration-db';

export const PUPIL = '11111111-1111-4111-8111-111111111111';
export const SCHOOL = '22222222-2222-4222-8222-222222222222';
export const PLACEMENT = '33333333-3333-4333-8333-333333333333';

/** One pupil (Ada Lane), a home school and a referral for her. */
export function addPupilAndPlacement(db: SqlJsDatabase): void {
  db.exec(`INSERT INTO pupils (id, legal_first_name, legal_last_name, date_of_birth, created_at, updated_at) VALUES ('${PUPIL}', 'Ada', 'Lane', '2018-03-01', '${NOW}', '${NOW}')`);
  db.exec(`INSERT INTO schools (id, name, created_at, updated_at) VALUES ('${SCHOOL}', 'Willow Lane Primary', '${NOW}', '${NOW}')`);
  db.exec(`INSERT INTO placements (id, pupil_id, referring_school_id, referred_on, reason, created_at, updated_at) VALUES ('${PLACEMENT}', '${PUPIL}', '${SCHOOL}', '2026-09-01', 'Struggling to settle', '${NOW}', '${NOW}')`);
}
