import { describe, expect, it } from 'vitest';
import { databaseForEachTest, migrationsUpTo, NOW } from './migration-db';
import { addPupilAndPlacement, PLACEMENT, PUPIL } from './placement-rows';

const t = databaseForEachTest();
const { value } = t;
const addPlacement = () => addPupilAndPlacement(t.db);

describe('migration 009: report texts', () => {
  it('brings a version 8 database to version 9; one row per placement, empty while drafting', () => {
    // Up to this migration only: later ones bring the file further still.
    t.upgrade(migrationsUpTo(8), migrationsUpTo(9)).close();
    addPlacement();
    t.db.exec(`INSERT INTO report_texts (placement_id, pupil_id, updated_at) VALUES ('${PLACEMENT}', '${PUPIL}', '${NOW}')`);
    expect(value(`SELECT recommendations || needs_summary || what_helped FROM report_texts`)).toBe('');
    expect(() => t.db.exec(`INSERT INTO report_texts (placement_id, pupil_id, updated_at) VALUES ('${PLACEMENT}', '${PUPIL}', '${NOW}')`)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => t.db.exec(`INSERT INTO report_texts (placement_id, pupil_id, updated_at) VALUES ('nowhere', '${PUPIL}', '${NOW}')`)).toThrow(/FOREIGN KEY/);
  });

  it('audits each change with the pupil, so an earlier wording stays in the trail', () => {
    addPlacement();
    t.db.exec(`INSERT INTO report_texts (placement_id, pupil_id, recommendations, updated_at) VALUES ('${PLACEMENT}', '${PUPIL}', 'First words', '${NOW}')`);
    t.db.exec(`UPDATE report_texts SET recommendations = 'Second words' WHERE placement_id = '${PLACEMENT}'`);
    expect(value(`SELECT json_extract(before, '$.recommendations') FROM audit_log WHERE entity = 'report_texts' AND action = 'update'`)).toBe('First words');
    expect(value(`SELECT pupil_id FROM audit_log WHERE entity = 'report_texts' AND action = 'update'`)).toBe(PUPIL);
  });
});
