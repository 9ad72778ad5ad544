import type { Database as SqlJsDatabase, SqlJsStatic } from 'sql.js';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migration001 } from '../../../../../electron/core/db/migrations/001-bases-pupils-placements';
import { migrate, schemaVersion } from '../../../../../electron/core/db/open';
import { loadSqlJs } from '../../../../../electron/core/db/sqljs';

let SQL: SqlJsStatic;
let db: SqlJsDatabase;
beforeAll(async () => {
  SQL = await loadSqlJs();
});
beforeEach(() => {
  db = new SQL.Database();
  db.exec('PRAGMA foreign_keys = ON');
  migrate(db, ':memory:', [migration001]);
});
afterEach(() => db.close());

const rows = (query: string) => db.exec(query)[0]?.values ?? [];
const baseId = (name: string) => String(rows(`SELECT id FROM bases WHERE name = '${name}'`)[0]?.[0]);
const NOW = '2026-11-23T09:00:00.000Z';

function addPupil(id = 'pupil-1') {
  db.run("INSERT INTO pupils VALUES (?, 'Ava', 'Marlow', NULL, '2019-03-04', ?)", [id, NOW]);
}

describe('migration 001: bases, pupils and placements', () => {
  it('is version 1 and brings a fresh database to version 1', () => {
    expect(migration001.version).toBe(1);
    expect(schemaVersion(db)).toBe(1);
  });

  it('creates the five tables, all STRICT', () => {
    const tables = rows("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    expect(tables).toEqual([
      ['base_key_stages', 1],
      ['bases', 1],
      ['placements', 1],
      ['provision', 1],
      ['pupils', 1],
    ]);
  });

  it('seeds the two bases as the Key runs them, each with a random UUID', () => {
    const bases = rows('SELECT id, name, host_school, places FROM bases ORDER BY places DESC');
    expect(bases.map((b) => b.slice(1))).toEqual([
      ['Parkgate', 'Parkgate Primary School', 24],
      ['Frederick Bird', 'Frederick Bird Primary School', 12],
    ]);
    for (const [id] of bases) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(rows(`SELECT key_stage FROM base_key_stages WHERE base_id = '${baseId('Parkgate')}' ORDER BY 1`)).toEqual([['KS1'], ['KS2']]);
    expect(rows(`SELECT key_stage FROM base_key_stages WHERE base_id = '${baseId('Frederick Bird')}'`)).toEqual([['KS1']]);
    expect(rows('SELECT count(*) FROM provision')).toEqual([[0]]);
  });

  it('refuses values of the wrong type (STRICT) and places below 1', () => {
    const id = baseId('Parkgate');
    expect(() => db.run(`UPDATE bases SET places = 'many' WHERE id = ?`, [id])).toThrow(/cannot store TEXT/);
    expect(() => db.run('UPDATE bases SET places = 0 WHERE id = ?', [id])).toThrow(/CHECK/);
    expect(rows(`SELECT places FROM bases WHERE id = '${id}'`)).toEqual([[24]]);
  });

  it('keeps base names unique whatever their case', () => {
    expect(() =>
      db.run("INSERT INTO bases VALUES ('b3', 'PARKGATE', 'Elsewhere Primary', 5, ?, ?)", [NOW, NOW]),
    ).toThrow(/UNIQUE/);
  });

  it('accepts only KS1 and KS2 as key stages, and only for bases that exist', () => {
    expect(() => db.run("INSERT INTO base_key_stages VALUES (?, 'KS3')", [baseId('Frederick Bird')])).toThrow(/CHECK/);
    expect(() => db.run("INSERT INTO base_key_stages VALUES ('no-such-base', 'KS2')")).toThrow(/FOREIGN KEY/);
  });

  it('removes a base’s key stages with the base', () => {
    const id = baseId('Parkgate');
    db.run('DELETE FROM bases WHERE id = ?', [id]);
    expect(rows(`SELECT count(*) FROM base_key_stages WHERE base_id = '${id}'`)).toEqual([[0]]);
  });

  it('allows one provision row only', () => {
    db.run("INSERT INTO provision VALUES (1, 'The Key', 0, ?)", [NOW]);
    expect(() => db.run("INSERT INTO provision VALUES (2, 'Another', 0, ?)", [NOW])).toThrow(/CHECK/);
    expect(() => db.run("UPDATE provision SET is_demo = 2")).toThrow(/CHECK/);
  });

  it('places a pupil at a base, and refuses placements for unknown pupils or bases or ending before they start', () => {
    addPupil();
    const base = baseId('Parkgate');
    db.run("INSERT INTO placements VALUES ('pl-1', 'pupil-1', ?, '2026-09-07', NULL, ?)", [base, NOW]);
    db.run("INSERT INTO placements VALUES ('pl-2', 'pupil-1', ?, '2026-09-07', '2026-09-07', ?)", [base, NOW]);
    expect(() => db.run("INSERT INTO placements VALUES ('pl-3', 'nobody', ?, '2026-09-07', NULL, ?)", [base, NOW])).toThrow(/FOREIGN KEY/);
    expect(() => db.run("INSERT INTO placements VALUES ('pl-4', 'pupil-1', 'nowhere', '2026-09-07', NULL, ?)", [NOW])).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.run("INSERT INTO placements VALUES ('pl-5', 'pupil-1', ?, '2026-09-07', '2026-09-06', ?)", [base, NOW]),
    ).toThrow(/CHECK/);
    expect(() => db.run('DELETE FROM pupils')).toThrow(/FOREIGN KEY/);
    expect(rows('SELECT id FROM placements ORDER BY id')).toEqual([['pl-1'], ['pl-2']]);
  });

  it('indexes placements by base and by pupil', () => {
    expect(rows("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'placements' AND sql IS NOT NULL ORDER BY name")).toEqual([
      ['placements_by_base'],
      ['placements_by_pupil'],
    ]);
  });
});
