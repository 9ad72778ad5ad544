import type { Database as SqlJsDatabase, SqlJsStatic } from 'sql.js';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../../../electron/core/db/migrations';
import { migrate, schemaVersion } from '../../../../../electron/core/db/open';
import { loadSqlJs } from '../../../../../electron/core/db/sqljs';
import { auditFunctions } from '../audit-functions';

const NOW = '2026-11-23T09:00:00.000Z';
const BEFORE = migrations.filter((m) => m.version < 9);

let SQL: SqlJsStatic;
let db: SqlJsDatabase;
beforeAll(async () => {
  SQL = await loadSqlJs();
});

function fresh(list = migrations): SqlJsDatabase {
  const created = new SQL.Database();
  created.exec('PRAGMA foreign_keys = ON');
  auditFunctions({ now: NOW }).register(created);
  migrate(created, ':memory:', list);
  return created;
}

const value = (query: string) => db.exec(query)[0]?.values[0]?.[0];
const PUPIL = '11111111-1111-4111-8111-111111111111';
const SCHOOL = '22222222-2222-4222-8222-222222222222';
const PLACEMENT = '33333333-3333-4333-8333-333333333333';

function addPlacement(): void {
  db.exec(`INSERT INTO pupils (id, legal_first_name, legal_last_name, date_of_birth, created_at, updated_at) VALUES ('${PUPIL}', 'Ada', 'Lane', '2018-03-01', '${NOW}', '${NOW}')`);
  db.exec(`INSERT INTO schools (id, name, created_at, updated_at) VALUES ('${SCHOOL}', 'Willow Lane Primary', '${NOW}', '${NOW}')`);
  db.exec(`INSERT INTO placements (id, pupil_id, referring_school_id, referred_on, reason, created_at, updated_at) VALUES ('${PLACEMENT}', '${PUPIL}', '${SCHOOL}', '2026-09-01', 'Struggling to settle', '${NOW}', '${NOW}')`);
}

beforeEach(() => {
  db = fresh();
});
afterEach(() => db.close());

describe('migration 009: report texts', () => {
  it('brings a version 8 database to version 9; one row per placement, empty while drafting', () => {
    const old = fresh(BEFORE);
    expect(schemaVersion(old)).toBe(8);
    // Up to this migration only: later ones bring the file further still.
    migrate(old, ':memory:', migrations.filter((m) => m.version <= 9));
    expect(schemaVersion(old)).toBe(9);
    old.close();
    addPlacement();
    db.exec(`INSERT INTO report_texts (placement_id, pupil_id, updated_at) VALUES ('${PLACEMENT}', '${PUPIL}', '${NOW}')`);
    expect(value(`SELECT recommendations || needs_summary || what_helped FROM report_texts`)).toBe('');
    expect(() => db.exec(`INSERT INTO report_texts (placement_id, pupil_id, updated_at) VALUES ('${PLACEMENT}', '${PUPIL}', '${NOW}')`)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.exec(`INSERT INTO report_texts (placement_id, pupil_id, updated_at) VALUES ('nowhere', '${PUPIL}', '${NOW}')`)).toThrow(/FOREIGN KEY/);
  });

  it('audits each change with the pupil, so an earlier wording stays in the trail', () => {
    addPlacement();
    db.exec(`INSERT INTO report_texts (placement_id, pupil_id, recommendations, updated_at) VALUES ('${PLACEMENT}', '${PUPIL}', 'First words', '${NOW}')`);
    db.exec(`UPDATE report_texts SET recommendations = 'Second words' WHERE placement_id = '${PLACEMENT}'`);
    expect(value(`SELECT json_extract(before, '$.recommendations') FROM audit_log WHERE entity = 'report_texts' AND action = 'update'`)).toBe('First words');
    expect(value(`SELECT pupil_id FROM audit_log WHERE entity = 'report_texts' AND action = 'update'`)).toBe(PUPIL);
  });
});
