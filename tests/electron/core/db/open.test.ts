import { readFile } from 'node:fs/promises';
import type { Database as SqlJsDatabase, SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataFile } from '../../../../electron/core/data-file';
import { APPLICATION_ID, LATEST_VERSION, createDatabase, loadDatabase, migrate, schemaVersion } from '../../../../electron/core/db/open';
import { migrations } from '../../../../electron/core/db/migrations';
import type { Migration } from '../../../../electron/core/db/migrations/types';
import { loadSqlJs } from '../../../../electron/core/db/sqljs';
import { FileRefused } from '../../../../electron/core/errors';
import { tempFolder } from '../../../helpers/core';
import { expectUntouched, snapshot, writeDataFileBytes } from '../files';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSqlJs();
});

const scalar = (db: SqlJsDatabase, query: string) => db.exec(query)[0]?.values[0]?.[0];
const tables = (db: SqlJsDatabase) =>
  (db.exec("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")[0]?.values ?? []).map((row) => row[0]);

function seededBases(db: SqlJsDatabase) {
  const rows = db.exec(`
    SELECT b.name, b.host_school, b.places, group_concat(k.key_stage, '+')
    FROM bases b JOIN (SELECT * FROM base_key_stages ORDER BY key_stage) k ON k.base_id = b.id
    GROUP BY b.id ORDER BY b.name`)[0]?.values;
  return rows ?? [];
}

/** A database file stamped as ours, at the given schema version, as bytes. */
function ourDatabaseAt(version: number): Uint8Array {
  const db = new SQL.Database();
  db.exec(`PRAGMA application_id = ${APPLICATION_ID}; PRAGMA user_version = ${version}`);
  const bytes = db.export();
  db.close();
  return bytes;
}

const step = (version: number, up: (db: SqlJsDatabase) => void): Migration => ({ version, name: `step ${version}`, up });

describe('createDatabase: from nothing to the latest schema', () => {
  it('creates every table, stamps the version and the application id, and turns foreign keys on', () => {
    const db = createDatabase(SQL);
    expect(tables(db)).toEqual(expect.arrayContaining(['base_key_stages', 'bases', 'placements', 'provision', 'pupils']));
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(LATEST_VERSION).toBe(migrations.length);
    expect(scalar(db, 'PRAGMA application_id')).toBe(APPLICATION_ID);
    expect(scalar(db, 'PRAGMA foreign_keys')).toBe(1);
    db.close();
  });

  it('seeds Parkgate (24 places, KS1 and KS2) and Frederick Bird (12 places, KS1 only)', () => {
    const db = createDatabase(SQL);
    expect(seededBases(db)).toEqual([
      ['Frederick Bird', 'Frederick Bird Primary School', 12, 'KS1'],
      ['Parkgate', 'Parkgate Primary School', 24, 'KS1+KS2'],
    ]);
    db.close();
  });

  it('keeps foreign keys on after the database has been exported for a save', () => {
    const db = createDatabase(SQL);
    db.export();
    expect(scalar(db, 'PRAGMA foreign_keys')).toBe(1);
    expect(() => db.run("INSERT INTO placements (id, pupil_id, base_id, start_date, created_at) VALUES ('p', 'no-pupil', 'no-base', '2026-01-05', 'now')")).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

describe('migrate: all pending migrations in one transaction', () => {
  it('reports where it started and finished, and does nothing the second time', () => {
    const db = new SQL.Database();
    expect(migrate(db, ':memory:')).toEqual({ from: 0, to: LATEST_VERSION });
    expect(migrate(db, ':memory:')).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION });
    expect(seededBases(db)).toHaveLength(2);
    db.close();
  });

  it('rolls back every earlier migration when a later one fails, leaving user_version where it was', () => {
    const db = new SQL.Database();
    const list = [
      step(1, (d) => d.exec('CREATE TABLE first (id INTEGER PRIMARY KEY) STRICT')),
      step(2, (d) => d.exec('CREATE TABLE second (id INTEGER PRIMARY KEY) STRICT; INSERT INTO second VALUES (1)')),
      step(3, () => {
        throw new Error('migration 3 broke');
      }),
    ];
    expect(() => migrate(db, ':memory:', list)).toThrow('migration 3 broke');
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
    db.close();
  });

  it('rolls back the real first migration when a following one fails', () => {
    const db = new SQL.Database();
    const list = [...migrations, step(LATEST_VERSION + 1, (d) => d.exec('CREATE TABLE oops (x INT); SELECT * FROM missing_table'))];
    expect(() => migrate(db, ':memory:', list)).toThrow(/missing_table/);
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
    db.close();
  });

  it('leaves a database part-way along at its old version when the next batch fails', () => {
    const db = new SQL.Database();
    const one = step(1, (d) => d.exec('CREATE TABLE first (id INTEGER PRIMARY KEY) STRICT'));
    migrate(db, ':memory:', [one]);
    const list = [one, step(2, (d) => d.exec('CREATE TABLE second (id INT)')), step(3, (d) => d.exec('NOT SQL'))];
    expect(() => migrate(db, ':memory:', list)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['first']);
    db.close();
  });

  it('rolls back when a migration leaves a broken foreign key behind', () => {
    const db = new SQL.Database(); // foreign keys off, as a migration that rebuilds a table would have them
    const list = [
      step(1, (d) =>
        d.exec(`CREATE TABLE parent (id TEXT PRIMARY KEY) STRICT;
                CREATE TABLE child (parent_id TEXT REFERENCES parent(id)) STRICT;
                INSERT INTO child VALUES ('nobody')`),
      ),
    ];
    expect(() => migrate(db, ':memory:', list)).toThrow(/Foreign key check/);
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
    db.close();
  });

  it('refuses a database from a newer Key Desk as too-new, changing nothing', () => {
    const db = new SQL.Database();
    db.exec(`PRAGMA user_version = ${LATEST_VERSION + 1}`);
    let refused: unknown;
    try {
      migrate(db, '/data/keydesk.db');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(FileRefused);
    expect((refused as FileRefused).kind).toBe('too-new');
    expect((refused as FileRefused).path).toBe('/data/keydesk.db');
    expect((refused as FileRefused).message).toMatch(/newer version of Key Desk/);
    expect(schemaVersion(db)).toBe(LATEST_VERSION + 1);
    expect(tables(db)).toEqual([]);
    db.close();
  });
});

describe('loadDatabase and DataFile.open with older and newer files', () => {
  it('migrates a Key Desk file from an older version and saves it at the latest version', async () => {
    const folder = await tempFolder();
    try {
      const path = await writeDataFileBytes(folder.path, ourDatabaseAt(0));
      const file = await DataFile.open(folder.path);
      expect(file).not.toBeNull();
      await file?.close();
      const onDisk = new SQL.Database(await readFile(path));
      expect(schemaVersion(onDisk)).toBe(LATEST_VERSION);
      expect(seededBases(onDisk)).toHaveLength(2);
      onDisk.close();
    } finally {
      await folder.cleanup();
    }
  });

  it('refuses a file from a newer version as too-new and leaves it byte-for-byte as it was', async () => {
    const folder = await tempFolder();
    try {
      const path = await writeDataFileBytes(folder.path, ourDatabaseAt(LATEST_VERSION + 1));
      const before = await snapshot(path);
      await expect(DataFile.open(folder.path)).rejects.toMatchObject({ name: 'FileRefused', kind: 'too-new', path });
      await new Promise((resolve) => setTimeout(resolve, 300)); // longer than any save delay
      await expectUntouched(path, before);
    } finally {
      await folder.cleanup();
    }
  });

  it('says whether loading changed the database, so only migrated files are saved', () => {
    const current = createDatabase(SQL);
    const loaded = loadDatabase(SQL, current.export(), ':memory:');
    expect(loaded.migrated).toBe(false);
    expect(scalar(loaded.db, 'PRAGMA foreign_keys')).toBe(1);
    loaded.db.close();
    current.close();
    const old = loadDatabase(SQL, ourDatabaseAt(0), ':memory:');
    expect(old.migrated).toBe(true);
    old.db.close();
  });
});
