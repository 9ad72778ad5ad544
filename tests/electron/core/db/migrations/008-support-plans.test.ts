import { describe, expect, it } from 'vitest';
import { databaseForEachTest, migrationsUpTo, NOW } from './migration-db';
import { addPupilAndPlacement, PLACEMENT, PUPIL } from './placement-rows';

const t = databaseForEachTest();
const { value } = t;
const PLAN = '44444444-4444-4444-8444-444444444444';
const VERSION = '55555555-5555-4555-8555-555555555555';

function addPlan(): void {
  addPupilAndPlacement(t.db);
  t.db.exec(`INSERT INTO support_plans (id, placement_id, pupil_id, created_at) VALUES ('${PLAN}', '${PLACEMENT}', '${PUPIL}', '${NOW}')`);
  t.db.exec(`INSERT INTO plan_versions (id, plan_id, number, content, created_at, updated_at) VALUES ('${VERSION}', '${PLAN}', 1, '{"outcomes":[]}', '${NOW}', '${NOW}')`);
}

describe('migration 008: support plans and SEMH measures', () => {
  it('brings a version 7 database to version 8; a plan reviews every 6 weeks unless changed, one per placement', () => {
    t.upgrade(migrationsUpTo(7), migrationsUpTo(8)).close();
    addPlan();
    expect(value(`SELECT review_every_weeks FROM support_plans WHERE id = '${PLAN}'`)).toBe(6);
    expect(() => t.db.exec(`INSERT INTO support_plans (id, placement_id, pupil_id, created_at) VALUES ('other', '${PLACEMENT}', '${PUPIL}', '${NOW}')`)).toThrow(/UNIQUE/);
  });

  it('lets a draft change, but never a reviewed version; ratings stay on the scale and are missing only at a start review', () => {
    addPlan();
    t.db.exec(`UPDATE plan_versions SET content = '{"outcomes":[1]}' WHERE id = '${VERSION}'`);
    t.db.exec(`UPDATE plan_versions SET status = 'reviewed' WHERE id = '${VERSION}'`);
    expect(() => t.db.exec(`UPDATE plan_versions SET content = '{}' WHERE id = '${VERSION}'`)).toThrow(/reviewed plan version cannot change/);
    expect(() => t.db.exec(`DELETE FROM plan_versions WHERE id = '${VERSION}'`)).toThrow(/never deleted/);
    t.db.exec(`INSERT INTO plan_reviews (id, plan_id, version_id, kind, held_on, attendees, recorded_at) VALUES ('r1', '${PLAN}', '${VERSION}', 'interim', '2026-10-19', 'Mum', '${NOW}')`);
    expect(() => t.db.exec(`INSERT INTO plan_review_ratings (review_id, outcome_id, kind, rating, decision) VALUES ('r1', 'o1', 'interim', 3, 'achieved')`)).toThrow(/CHECK/);
    expect(() => t.db.exec(`INSERT INTO plan_review_ratings (review_id, outcome_id, kind, rating, decision) VALUES ('r1', 'o1', 'interim', NULL, 'achieved')`)).toThrow(/CHECK/);
    expect(() => t.db.exec(`UPDATE plan_reviews SET held_on = '2026-10-20' WHERE id = 'r1'`)).toThrow(/never changed/);
    // The plan tables keep their own history: nothing copied into the audit log.
    expect(value(`SELECT count(*) FROM audit_log WHERE entity IN ('support_plans', 'plan_versions', 'plan_reviews')`)).toBe(0);
  });

  it('audits measures row by row, so a correction keeps the old scores', () => {
    addPlan();
    t.db.exec(`INSERT INTO semh_measures (id, pupil_id, placement_id, measure, point, taken_on, scores, recorded_at) VALUES ('m1', '${PUPIL}', '${PLACEMENT}', 'leuven', 'baseline', '2026-09-01', '{"wellbeing":2,"involvement":3}', '${NOW}')`);
    t.db.exec(`UPDATE semh_measures SET scores = '{"wellbeing":3,"involvement":3}' WHERE id = 'm1'`);
    expect(value(`SELECT json_extract(before, '$.scores') FROM audit_log WHERE entity = 'semh_measures' AND action = 'update'`)).toBe('{"wellbeing":2,"involvement":3}');
    expect(() => t.db.exec(`INSERT INTO semh_measures (id, pupil_id, placement_id, measure, point, taken_on, scores, recorded_at) VALUES ('m2', '${PUPIL}', '${PLACEMENT}', 'iq', 'baseline', '2026-09-01', '{}', '${NOW}')`)).toThrow(/CHECK/);
  });
});
