import { describe, expect, it } from 'vitest';
import { migration001 } from '../../../../../electron/core/db/migrations/001-bases-pupils-placements';
import { migration002 } from '../../../../../electron/core/db/migrations/002-staff-audit';
import { migration003 } from '../../../../../electron/core/db/migrations/003-pupils-placements-calendar';
import { migration004 } from '../../../../../electron/core/db/migrations/004-shipped-calendar';
import { migration005 } from '../../../../../electron/core/db/migrations/005-registers';
import { databaseForEachTest, NOW } from './migration-db';

const BEFORE = [migration001, migration002, migration003, migration004];
const t = databaseForEachTest([...BEFORE, migration005]);
const { value } = t;

describe('migration 005: attendance registers', () => {
  it('brings a version 4 database to version 5 and gives every base its session times', () => {
    const old = t.upgrade(BEFORE, [...BEFORE, migration005]);
    const times = old.exec("SELECT b.name, s.session, s.starts_at, s.open_minutes FROM base_sessions s JOIN bases b ON b.id = s.base_id ORDER BY b.name, s.session")[0]?.values;
    expect(times).toEqual([
      ['Frederick Bird', 'AM', '09:00', 30],
      ['Frederick Bird', 'PM', '13:00', 30],
      ['Parkgate', 'AM', '09:00', 30],
      ['Parkgate', 'PM', '13:00', 30],
    ]);
    old.close();
  });

  it('keeps marks compact (WITHOUT ROWID, small keys) and never lets a register entry be deleted', () => {
    expect(String(value("SELECT sql FROM sqlite_master WHERE name = 'register_marks'"))).toMatch(/WITHOUT ROWID/);
    const baseId = String(value("SELECT id FROM bases WHERE name = 'Parkgate'"));
    t.db.run("INSERT INTO registers (base_id, date, session, taken_at) VALUES (?, '2026-11-23', 'AM', ?)", [baseId, NOW]);
    expect(() => t.db.run('DELETE FROM registers')).toThrow(/never deleted/);
    expect(() => t.db.run("INSERT INTO registers (base_id, date, session, taken_at) VALUES (?, '2026-11-23', 'AM', ?)", [baseId, NOW])).toThrow(/UNIQUE/);
    expect(() => t.db.run("UPDATE base_sessions SET open_minutes = 45")).toThrow(/CHECK/);
  });
});
