import type { Database as SqlJsDatabase, SqlJsStatic } from 'sql.js';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../../../electron/core/db/migrations';
import { migrate, schemaVersion } from '../../../../../electron/core/db/open';
import { loadSqlJs } from '../../../../../electron/core/db/sqljs';
import { addPupilAndPlacement, freshDatabase, NOW, PLACEMENT, PUPIL } from './placement-rows';

const BEFORE = migrations.filter((m) => m.version < 9);

let SQL: SqlJsStatic;
let db: SqlJsDatabase;
beforeAll(async () => {
  SQL = await loadSqlJs();
});

const fresh = (list = migrations) => freshDatabase(SQL, list);
const value = (query: string) => db.exec(query)[0]?.values[0]?.[0];
const addPlacement = () => addPupilAndPlacement(db);

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
