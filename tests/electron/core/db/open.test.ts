import type { Database as SqlJsDatabase } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { Keyring } from '../../../../electron/core/crypto/keyring';
import { newRecoverySecret } from '../../../../electron/core/crypto/recovery-key';
import { DataFile, SealedDataFile } from '../../../../electron/core/data-file';
import { APPLICATION_ID, LATEST_VERSION, createDatabase, loadDatabase, migrate, schemaVersion } from '../../../../electron/core/db/open';
import { migrations } from '../../../../electron/core/db/migrations';
import type { Migration } from '../../../../electron/core/db/migrations/types';
import { loadSqlJs, type PatchedSqlJs } from '../../../../electron/core/db/sqljs';
import { FileRefused } from '../../../../electron/core/errors';
import { TEST_SCRYPT, tempFolder } from '../../../helpers/core';
import { databaseOnDisk, expectUntouched, snapshot, writeDataFileBytes } from '../files';
import { auditFunctions } from './audit-functions';

let SQL: PatchedSqlJs;
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
    expect(tables(db)).toEqual(
      expect.arrayContaining(['audit_log', 'base_key_stages', 'bases', 'placements', 'provision', 'pupils', 'staff', 'staff_bases']),
    );
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
    const db = createDatabase(SQL, auditFunctions().register);
    db.export();
    expect(scalar(db, 'PRAGMA foreign_keys')).toBe(1);
    expect(() => db.run("INSERT INTO contacts (id, pupil_id, name, relationship, parental_responsibility, created_at, updated_at) VALUES ('c', 'no-pupil', 'Dana', 'Mother', 1, 'now', 'now')")).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('prepares the connection (the audit functions) before any migration runs', () => {
    const versions: number[] = [];
    const db = createDatabase(SQL, (d) => {
      versions.push(schemaVersion(d));
      auditFunctions().register(d);
    });
    expect(versions).toEqual([0]);
    // With the functions in place, a change to an audited table is logged.
    db.run("UPDATE bases SET places = 30 WHERE name = 'Parkgate'");
    expect(scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'update' AND entity = 'bases'")).toBe(1);
    db.close();
  });

  it('audits every table but the log itself, the registers and support plans (their own history), with every column, for insert, update and delete', () => {
    // A migration that adds a table, or a column to an audited table, must (re)create its triggers.
    // Registers keep every mark and amendment themselves: copying 150,000 marks into the log would bloat it.
    // Support plans keep every version and review, and write one short event per change instead; so do
    // issued reports, which are never changed and hold the whole report's data.
    const SELF_AUDITED = ['registers', 'register_people', 'register_marks', 'register_amendments', 'support_plans', 'plan_versions', 'plan_reviews', 'plan_review_ratings', 'issued_reports'];
    const db = createDatabase(SQL, auditFunctions().register);
    const audited = tables(db).map(String).filter((t) => t !== 'audit_log' && !t.startsWith('sqlite_') && !SELF_AUDITED.includes(t));
    const triggers = new Map(
      (db.exec("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'")[0]?.values ?? []).map(([name, sql]) => [String(name), String(sql)]),
    );
    for (const table of SELF_AUDITED) expect(triggers.has(`audit_${table}_insert`), `${table} copied into the audit log`).toBe(false);
    for (const table of audited) {
      const columns = (db.exec(`SELECT name FROM pragma_table_info('${table}')`)[0]?.values ?? []).map(([name]) => String(name));
      for (const [event, rows] of [['insert', ['NEW']], ['update', ['OLD', 'NEW']], ['delete', ['OLD']]] as const) {
        const sql = triggers.get(`audit_${table}_${event}`);
        expect(sql, `no ${event} trigger on ${table}`).toBeDefined();
        for (const row of rows) for (const column of columns) expect(sql, `${table} ${event} ${row}.${column}`).toContain(`'${column}', ${row}.${column}`);
      }
    }
    db.close();
  });

  it('cannot change an audited table on a connection without the audit functions', () => {
    const db = createDatabase(SQL);
    expect(() => db.run("UPDATE bases SET places = 30 WHERE name = 'Parkgate'")).toThrow(/no such function: audit_/);
    expect(scalar(db, "SELECT places FROM bases WHERE name = 'Parkgate'")).toBe(24);
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

/** A keyring for a test file, with a recovery slot so the file it seals can be read back. */
async function testKeyring(): Promise<Keyring> {
  const keyring = Keyring.create({ demo: false, scrypt: TEST_SCRYPT });
  await keyring.setRecoveryKey(newRecoverySecret());
  return keyring;
}

describe('loadDatabase and DataFile.unlock with older and newer files', () => {
  it('migrates a Key Desk file from an older version and saves it, sealed, at the latest version', async () => {
    const folder = await tempFolder();
    try {
      const keyring = await testKeyring();
      await writeDataFileBytes(folder.path, keyring.sealFile(ourDatabaseAt(0)));
      const sealed = await SealedDataFile.read(folder.path);
      expect(sealed).not.toBeNull();
      if (!sealed) return;
      const file = await DataFile.unlock(sealed, keyring);
      // Saved at once, before anyone changes anything.
      expect(file.hasUnsavedChanges).toBe(false);
      const onDisk = await databaseOnDisk(folder.path, keyring);
      expect(schemaVersion(onDisk)).toBe(LATEST_VERSION);
      expect(seededBases(onDisk)).toHaveLength(2);
      onDisk.close();
      await file.close();
    } finally {
      await folder.cleanup();
    }
  });

  it('refuses a file from a newer version as too-new and leaves it byte-for-byte as it was', async () => {
    const folder = await tempFolder();
    try {
      const keyring = await testKeyring();
      const path = await writeDataFileBytes(folder.path, keyring.sealFile(ourDatabaseAt(LATEST_VERSION + 1)));
      const before = await snapshot(path);
      const sealed = await SealedDataFile.read(folder.path);
      expect(sealed).not.toBeNull();
      if (!sealed) return;
      await expect(DataFile.unlock(sealed, keyring, { saveDelayMs: 5 })).rejects.toMatchObject({ name: 'FileRefused', kind: 'too-new', path });
      await new Promise((resolve) => setTimeout(resolve, 300)); // longer than any save delay
      await expectUntouched(path, before);
    } finally {
      await folder.cleanup();
    }
  });

  it('refuses, as damaged, a file sealed under another data key, leaving it as it was', async () => {
    const folder = await tempFolder();
    try {
      const path = await writeDataFileBytes(folder.path, (await testKeyring()).sealFile(ourDatabaseAt(LATEST_VERSION)));
      const before = await snapshot(path);
      const sealed = await SealedDataFile.read(folder.path);
      if (!sealed) throw new Error('no data file');
      await expect(DataFile.unlock(sealed, await testKeyring())).rejects.toMatchObject({ name: 'FileRefused', kind: 'corrupt', path });
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

  it('prepares the loaded connection before migrating it', () => {
    const v1 = new SQL.Database();
    v1.exec(`PRAGMA application_id = ${APPLICATION_ID}`);
    migrate(v1, ':memory:', migrations.slice(0, 1));
    const versions: number[] = [];
    const { db } = loadDatabase(SQL, v1.export(), ':memory:', (d) => {
      versions.push(schemaVersion(d));
      auditFunctions().register(d);
    });
    v1.close();
    expect(versions).toEqual([1]);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    db.close();
  });
});
