import { describe, expect, it } from 'vitest';
import { migration001 } from '../../../../../electron/core/db/migrations/001-bases-pupils-placements';
import { migration002 } from '../../../../../electron/core/db/migrations/002-staff-audit';
import { migration003 } from '../../../../../electron/core/db/migrations/003-pupils-placements-calendar';
import { migrate, schemaVersion } from '../../../../../electron/core/db/open';
import { databaseForEachTest, NOW, rowObjects as rows } from './migration-db';

const ALL = [migration001, migration002, migration003];
const t = databaseForEachTest(ALL);

const baseId = (name: string) => String(rows(t.db, 'SELECT id FROM bases WHERE name = ?', [name])[0]?.id);

function addPupil(id: string, upn: string | null = null) {
  t.db.run('INSERT INTO pupils (id, legal_first_name, legal_last_name, date_of_birth, created_at, updated_at, upn) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    id, 'Ava', 'Marlow', '2019-03-04', NOW, NOW, upn,
  ]);
}
function addSchool(id: string, name: string) {
  t.db.run('INSERT INTO schools (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)', [id, name, NOW, NOW]);
}
function refer(id: string, pupilId: string, extra: Record<string, string | number | null> = {}) {
  const columns = ['id', 'pupil_id', 'referring_school_id', 'referred_on', 'reason', 'created_at', 'updated_at', ...Object.keys(extra)];
  const values = [id, pupilId, 'school-1', '2026-10-01', 'Struggling at lunchtimes', NOW, NOW, ...Object.values(extra)];
  t.db.run(`INSERT INTO placements (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, values);
}

describe('migration 003: pupils, referrals, placements and school calendar', () => {
  it('brings a version 2 database to version 3, keeping its pupils and turning placements into started ones', () => {
    const old = t.fresh([migration001, migration002]);
    const parkgate = String(rows(old, "SELECT id FROM bases WHERE name = 'Parkgate'")[0]?.id);
    old.run("INSERT INTO pupils VALUES ('pupil-1', 'Ava', 'Marlow', NULL, '2019-03-04', ?)", [NOW]);
    old.run("INSERT INTO pupils VALUES ('pupil-2', 'Ben', 'Ossory', 'Benny', '2018-10-11', ?)", [NOW]);
    old.run("INSERT INTO placements VALUES ('placement-1', 'pupil-1', ?, '2026-09-07', NULL, ?)", [parkgate, NOW]);
    old.run("INSERT INTO placements VALUES ('placement-2', 'pupil-2', ?, '2025-01-06', '2025-07-04', ?)", [parkgate, NOW]);
    old.run("INSERT INTO pupils VALUES ('pupil-3', 'Cy', 'Penrose', NULL, '2019-02-11', ?)", [NOW]);
    old.run("INSERT INTO placements VALUES ('placement-3', 'pupil-3', ?, '2098-09-01', '2099-03-01', ?)", [parkgate, NOW]);

    expect(migrate(old, ':memory:', ALL)).toEqual({ from: 2, to: 3 });
    expect(schemaVersion(old)).toBe(3);
    const pupil = rows(old, "SELECT * FROM pupils WHERE id = 'pupil-2'")[0];
    expect(pupil).toMatchObject({ preferred_name: 'Benny', sen_status: 'none', pathway: 'early-intervention', child_in_care: 0, year_group_offset: 0, updated_at: NOW });
    const placements = rows(old, 'SELECT * FROM placements ORDER BY id');
    expect(placements).toHaveLength(3);
    // Still running: 26 weeks planned from the start.
    expect(placements[0]).toMatchObject({ pupil_id: 'pupil-1', decision: 'accepted', base_id: parkgate, start_date: '2026-09-07', planned_end: '2027-03-05', end_date: null, outcome: null });
    expect(placements[1]).toMatchObject({ start_date: '2025-01-06', end_date: '2025-07-04', outcome: 'other' });
    // An end date still to come was the plan.
    expect(placements[2]).toMatchObject({ start_date: '2098-09-01', planned_end: '2099-03-01', end_date: null, outcome: null });
    expect(rows(old, 'SELECT name FROM schools')).toEqual([{ name: 'Home school not recorded' }]);
    expect(rows(old, "SELECT name FROM sqlite_master WHERE name = 'placements_001'")).toEqual([]);
    old.close();
  });

  it('ships six half terms for 2024/25 to 2029/30 and every England and Wales bank holiday from 2024 to 2030', () => {
    const years = rows(t.db, 'SELECT academic_year, count(*) AS n FROM terms GROUP BY academic_year ORDER BY academic_year');
    expect(years).toEqual([2024, 2025, 2026, 2027, 2028, 2029].map((academic_year) => ({ academic_year, n: 6 })));
    const holidays = (year: number) =>
      rows(t.db, "SELECT date FROM closures WHERE kind = 'bank-holiday' AND date LIKE ? ORDER BY date", [`${year}-%`]).map((r) => r.date);
    // As listed in the domain primer.
    expect(holidays(2025)).toEqual(['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26']);
    expect(holidays(2026)).toEqual(['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']);
    expect(holidays(2024)).toHaveLength(8);
    expect(holidays(2030)).toHaveLength(8);
  });

  it('keeps a pupil to one open referral or placement, but keeps declined and ended ones as history', () => {
    addSchool('school-1', 'Elmfield Primary School');
    addPupil('pupil-1');
    refer('p-1', 'pupil-1', { decision: 'declined', decided_on: '2026-10-08' });
    refer('p-2', 'pupil-1', { decision: 'accepted', decided_on: '2026-10-08', base_id: baseId('Parkgate'), start_date: '2026-10-12', planned_end: '2027-04-30', end_date: '2026-10-30', outcome: 'moved-school' });
    refer('p-3', 'pupil-1');
    expect(() => refer('p-4', 'pupil-1')).toThrow(/UNIQUE/);
  });

  it('refuses a start date before acceptance, an accepted referral without a base, and an end before the start', () => {
    addSchool('school-1', 'Elmfield Primary School');
    addPupil('pupil-1');
    expect(() => refer('p-1', 'pupil-1', { start_date: '2026-11-02', planned_end: '2027-05-01' })).toThrow(/CHECK/);
    expect(() => refer('p-1', 'pupil-1', { decision: 'accepted', decided_on: '2026-10-08' })).toThrow(/CHECK/);
    expect(() =>
      refer('p-1', 'pupil-1', { decision: 'accepted', decided_on: '2026-10-08', base_id: baseId('Parkgate'), start_date: '2026-11-02', planned_end: '2027-05-01', end_date: '2026-10-30', outcome: 'other' }),
    ).toThrow(/CHECK/);
    expect(rows(t.db, 'SELECT count(*) AS n FROM placements')).toEqual([{ n: 0 }]);
  });

  it('keeps UPNs unique and school names unique whatever their case', () => {
    addPupil('pupil-1', 'B801200005001');
    expect(() => addPupil('pupil-2', 'B801200005001')).toThrow(/UNIQUE/);
    addPupil('pupil-3');
    addPupil('pupil-4');
    addSchool('school-1', 'Elmfield Primary School');
    expect(() => addSchool('school-2', 'ELMFIELD primary school')).toThrow(/UNIQUE/);
  });

  it('logs changes to the new tables against the pupil they are about, with the new pupil columns', () => {
    addSchool('school-1', 'Elmfield Primary School');
    addPupil('pupil-1');
    t.db.run("UPDATE pupils SET sen_status = 'ehcp' WHERE id = 'pupil-1'");
    t.db.run("INSERT INTO contacts VALUES ('c-1', 'pupil-1', 'Dana Marlow', 'Mother', NULL, NULL, 1, ?, ?)", [NOW, NOW]);
    refer('p-1', 'pupil-1');
    t.db.run("INSERT INTO placement_events VALUES ('e-1', 'p-1', 'pupil-1', 'referred', '2026-10-01', NULL, NULL, ?)", [NOW]);
    const entries = rows(t.db, "SELECT action, entity, entity_id, after FROM audit_log WHERE pupil_id = 'pupil-1' ORDER BY seq");
    expect(entries.map((e) => `${e.action} ${e.entity}`)).toEqual(['insert pupils', 'update pupils', 'insert contacts', 'insert placements', 'insert placement_events']);
    expect(JSON.parse(String(entries[1]?.after))).toMatchObject({ sen_status: 'ehcp', upn: null });
    expect(entries[4]?.entity_id).toBe('p-1');
  });
});
