import type { Database as SqlJsDatabase, SqlJsStatic } from 'sql.js';
import { migrations } from '../../../../../electron/core/db/migrations';
import { migrate } from '../../../../../electron/core/db/open';
import { auditFunctions } from '../audit-functions';

export const MIGRATION_NOW = '2026-11-23T09:00:00.000Z';

/** A new in-memory database, foreign keys on, the audit functions registered, migrated through `list`. */
export function migratedDb(SQL: SqlJsStatic, list = migrations): SqlJsDatabase {
  const created = new SQL.Database();
  created.exec('PRAGMA foreign_keys = ON');
  auditFunctions({ now: MIGRATION_NOW }).register(created);
  migrate(created, ':memory:', list);
  return created;
}

export const FIXTURE_IDS = {
  pupil: '11111111-1111-4111-8111-111111111111',
  school: '22222222-2222-4222-8222-222222222222',
  placement: '33333333-3333-4333-8333-333333333333',
} as const;

/** A pupil (Ada Lane), her school and a referral: what a placement's own records hang from. */
export function insertPlacement(db: SqlJsDatabase): void {
  const { pupil, school, placement } = FIXTURE_IDS;
  const now = MIGRATION_NOW;
  db.exec(`INSERT INTO pupils (id, legal_first_name, legal_last_name, date_of_birth, created_at, updated_at) VALUES ('${pupil}', 'Ada', 'Lane', '2018-03-01', '${now}', '${now}')`);
  db.exec(`INSERT INTO schools (id, name, created_at, updated_at) VALUES ('${school}', 'Willow Lane Primary', '${now}', '${now}')`);
  db.exec(`INSERT INTO placements (id, pupil_id, referring_school_id, referred_on, reason, created_at, updated_at) VALUES ('${placement}', '${pupil}', '${school}', '2026-09-01', 'Struggling to settle', '${now}', '${now}')`);
}
