import type { SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { migration001 } from '../../../../../electron/core/db/migrations/001-bases-pupils-placements';
import { migration002 } from '../../../../../electron/core/db/migrations/002-staff-audit';
import { migration003 } from '../../../../../electron/core/db/migrations/003-pupils-placements-calendar';
import { migration004 } from '../../../../../electron/core/db/migrations/004-shipped-calendar';
import { migration005 } from '../../../../../electron/core/db/migrations/005-registers';
import { migration006 } from '../../../../../electron/core/db/migrations/006-home-school-code';
import { migrate, schemaVersion } from '../../../../../electron/core/db/open';
import { loadSqlJs } from '../../../../../electron/core/db/sqljs';
import { freshDatabase, NOW } from './migration-db';

const BEFORE = [migration001, migration002, migration003, migration004, migration005];

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSqlJs();
});

const fresh = (migrations = BEFORE) => freshDatabase(SQL, migrations);

describe('migration 006: the code home schools enter for a session at the Key', () => {
  it('brings a version 5 provision to version 6 with K, allows only approved educational activity codes, and audits a change', () => {
    const db = fresh();
    db.run("INSERT INTO provision (id, name, is_demo, created_at) VALUES (1, 'The Key', 0, ?)", [NOW]);
    migrate(db, ':memory:', [...BEFORE, migration006]);
    expect(schemaVersion(db)).toBe(6);
    expect(db.exec('SELECT home_school_attended_code FROM provision')[0]?.values).toEqual([['K']]);

    expect(() => db.run("UPDATE provision SET home_school_attended_code = '/'")).toThrow(/CHECK/);
    expect(() => db.run("UPDATE provision SET home_school_attended_code = 'I'")).toThrow(/CHECK/);
    db.run("UPDATE provision SET home_school_attended_code = 'B'");
    const logged = db.exec("SELECT before, after FROM audit_log WHERE entity = 'provision' AND action = 'update'")[0]?.values;
    expect(logged).toHaveLength(1);
    expect(JSON.parse(String(logged?.[0]?.[0])).home_school_attended_code).toBe('K');
    expect(JSON.parse(String(logged?.[0]?.[1])).home_school_attended_code).toBe('B');
    db.close();
  });
});
