import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../../electron/core/db/migrations';
import { databaseForEachTest, migrationsUpTo, NOW } from './migration-db';
import { addPupilAndPlacement, PLACEMENT } from './placement-rows';

const t = databaseForEachTest();
const { value } = t;
const addPlacement = () => addPupilAndPlacement(t.db);

const issue = (id: string, version: number, data = '{"summary":"Settled well"}') =>
  t.db.exec(
    `INSERT INTO issued_reports (id, kind, placement_id, version, data, file_name, issued_by_name, issued_at) VALUES ('${id}', 'reintegration', '${PLACEMENT}', ${version}, '${data}', 'Lane Ada - Reintegration report - 2026-11-23.pdf', 'Sam Manager', '${NOW}')`,
  );

describe('migration 010: issued reports', () => {
  it(`brings an older database to version ${migrations.at(-1)?.version}; each version of a placement's report is kept once`, () => {
    t.upgrade(migrationsUpTo(9), migrations).close();
    addPlacement();
    issue('r1', 1);
    issue('r2', 2);
    expect(() => issue('r3', 2)).toThrow(/UNIQUE/);
    expect(() => issue('r4', 3, 'not json')).toThrow(/CHECK/);
    expect(value(`SELECT json_extract(data, '$.summary') FROM issued_reports WHERE id = 'r2'`)).toBe('Settled well');
  });

  it('never lets an issued report change or go', () => {
    addPlacement();
    issue('r1', 1);
    expect(() => t.db.exec(`UPDATE issued_reports SET data = '{"summary":"Changed"}' WHERE id = 'r1'`)).toThrow(/never changed/);
    expect(() => t.db.exec(`DELETE FROM issued_reports WHERE id = 'r1'`)).toThrow(/never deleted/);
    expect(value(`SELECT json_extract(data, '$.summary') FROM issued_reports WHERE id = 'r1'`)).toBe('Settled well');
  });

  it('belongs to a placement or a base', () => {
    expect(() =>
      t.db.exec(`INSERT INTO issued_reports (id, kind, version, data, file_name, issued_by_name, issued_at) VALUES ('x', 'fire-list', 1, '{}', 'f.pdf', 'Sam', '${NOW}')`),
    ).toThrow(/CHECK/);
  });
});
