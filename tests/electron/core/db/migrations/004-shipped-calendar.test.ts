import type { Database as SqlJsDatabase, SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { migration001 } from '../../../../../electron/core/db/migrations/001-bases-pupils-placements';
import { migration002 } from '../../../../../electron/core/db/migrations/002-staff-audit';
import { migration003 } from '../../../../../electron/core/db/migrations/003-pupils-placements-calendar';
import { migration004 } from '../../../../../electron/core/db/migrations/004-shipped-calendar';
import { migrate, schemaVersion } from '../../../../../electron/core/db/open';
import { loadSqlJs } from '../../../../../electron/core/db/sqljs';
import { countSchoolDays, typicalTerms, type Closure, type Term } from '../../../../../shared/domain/calendar';
import { freshDatabase, NOW, rowObjects as rows } from './migration-db';

const UP_TO_3 = [migration001, migration002, migration003];
const ALL = [...UP_TO_3, migration004];

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSqlJs();
});

const database = (migrations = ALL) => freshDatabase(SQL, migrations);

function yearOf(db: SqlJsDatabase, year: number): { terms: Term[]; closures: Closure[] } {
  const terms = rows(db, 'SELECT name, starts_on, ends_on FROM terms WHERE academic_year = ? ORDER BY starts_on', [year]).map(
    (r) => ({ name: r.name, startsOn: r.starts_on, endsOn: r.ends_on }) as Term,
  );
  const closures = rows(db, 'SELECT date, kind, name FROM closures WHERE date BETWEEN ? AND ? ORDER BY date', [`${year}-09-01`, `${year + 1}-08-31`]) as unknown as Closure[];
  return { terms, closures };
}

describe('migration 004: the shipped school calendar', () => {
  it('gives a new data file 2023/24 to 2030/31, each with 190 pupil days and 5 INSET placeholders, and no audit entries', () => {
    const db = database();
    expect(schemaVersion(db)).toBe(4);
    expect(rows(db, 'SELECT DISTINCT academic_year AS y FROM terms ORDER BY y').map((r) => r.y)).toEqual([2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030]);
    for (let year = 2023; year <= 2030; year++) {
      const { terms, closures } = yearOf(db, year);
      expect(terms).toEqual(typicalTerms(year));
      expect(countSchoolDays(terms, closures), `${year}`).toBe(190);
      const inset = closures.filter((c) => c.kind === 'inset');
      expect(inset).toHaveLength(5);
      for (const day of inset) expect(day.name).toContain('check with your local authority');
    }
    expect(rows(db, "SELECT name FROM closures WHERE date = '2026-12-28'")).toEqual([{ name: 'Boxing Day (substitute day)' }]);
    expect(rows(db, 'SELECT count(*) AS n FROM audit_log')).toEqual([{ n: 0 }]);
    // The calendar is still audited afterwards.
    db.run("INSERT INTO closures (date, kind, name) VALUES ('2026-10-09', 'closure', 'Polling day')");
    expect(rows(db, 'SELECT entity, entity_id FROM audit_log')).toEqual([{ entity: 'closures', entity_id: '2026-10-09' }]);
    db.close();
  });

  it('never rewrites the calendar of a provision in use: it only adds the shipped years the file has nothing for', () => {
    const db = database(UP_TO_3);
    db.run("INSERT INTO provision (id, name, is_demo, created_at) VALUES (1, 'The Key', 0, ?)", [NOW]);
    // The provision's own dates for 2025/26 and an INSET day of its own in 2030/31 (a year with no terms yet).
    db.run("UPDATE terms SET ends_on = '2026-07-21' WHERE academic_year = 2025 AND name = 'Summer 2'");
    db.run("INSERT INTO closures (date, kind, name) VALUES ('2025-09-01', 'inset', 'INSET day')");
    db.run("INSERT INTO closures (date, kind, name) VALUES ('2030-09-02', 'inset', 'INSET day')");
    const before = rows(db, 'SELECT * FROM terms WHERE academic_year BETWEEN 2024 AND 2030 ORDER BY academic_year, name');
    const closuresBefore = rows(db, "SELECT * FROM closures WHERE date BETWEEN '2024-09-01' AND '2031-08-31' ORDER BY date");
    const trailBefore = Number(rows(db, 'SELECT max(rowid) AS n FROM audit_log')[0]?.n);

    expect(migrate(db, ':memory:', ALL)).toEqual({ from: 3, to: 4 });
    expect(rows(db, 'SELECT * FROM terms WHERE academic_year BETWEEN 2024 AND 2030 ORDER BY academic_year, name')).toEqual(before);
    expect(rows(db, "SELECT * FROM closures WHERE date BETWEEN '2024-09-01' AND '2031-08-31' ORDER BY date")).toEqual(closuresBefore);
    // 2023/24 had nothing: it is added whole, and the trail says Key Desk added it.
    const added = yearOf(db, 2023);
    expect(added.terms).toEqual(typicalTerms(2023));
    expect(countSchoolDays(added.terms, added.closures)).toBe(190);
    // 2030/31 has an INSET day of the provision's own: its dates are left for the provision to enter.
    expect(yearOf(db, 2030).terms).toEqual([]);
    const trail = rows(db, "SELECT DISTINCT staff_name, entity_id FROM audit_log WHERE entity = 'terms' AND rowid > ?", [trailBefore]);
    expect(trail).toEqual([{ staff_name: 'Key Desk', entity_id: '2023' }]);
    db.close();
  });
});
