import type { Database as SqlJsDatabase, SqlJsStatic } from 'sql.js';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migration001 } from '../../../../../electron/core/db/migrations/001-bases-pupils-placements';
import { migration002 } from '../../../../../electron/core/db/migrations/002-staff-audit';
import { migrate, schemaVersion } from '../../../../../electron/core/db/open';
import { loadSqlJs } from '../../../../../electron/core/db/sqljs';
import { auditFunctions } from '../audit-functions';
import { rowObjects } from './migration-db';

let SQL: SqlJsStatic;
let db: SqlJsDatabase;
let audit: ReturnType<typeof auditFunctions>;
beforeAll(async () => {
  SQL = await loadSqlJs();
});
beforeEach(() => {
  db = new SQL.Database();
  db.exec('PRAGMA foreign_keys = ON');
  audit = auditFunctions({ now: '2026-11-23T09:00:00.000Z' });
  audit.register(db);
  migrate(db, ':memory:', [migration001, migration002]);
});
afterEach(() => db.close());

const rows = (query: string, params: Array<string | number | null> = []) => rowObjects(db, query, params);
const baseId = (name: string) => String(rows('SELECT id FROM bases WHERE name = ?', [name])[0]?.id);
const NOW = '2026-11-23T09:00:00.000Z';
const ROBIN = { id: 'staff-robin', name: 'Robin Ashdown' };

/** The audit entries after `seq`, with their JSON parsed. */
function entriesAfter(seq: number) {
  return rows('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq', [seq]).map((row) => ({
    ...row,
    before: row.before === null ? null : JSON.parse(String(row.before)),
    after: row.after === null ? null : JSON.parse(String(row.after)),
  }));
}
const lastSeq = () => Number(rows('SELECT coalesce(max(seq), 0) AS seq FROM audit_log')[0]?.seq);

function addStaff(id: string, username: string, roles = '["teacher"]') {
  db.run('INSERT INTO staff (id, name, username, roles, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)', [id, `Name of ${id}`, username, roles, NOW, NOW]);
}

describe('migration 002: staff and audit log', () => {
  it('is version 2 and brings a version 1 database to version 2, keeping what was there', () => {
    const old = new SQL.Database();
    old.exec('PRAGMA foreign_keys = ON');
    auditFunctions().register(old);
    migrate(old, ':memory:', [migration001]);
    old.run("INSERT INTO provision VALUES (1, 'The Key', 0, ?)", [NOW]);
    old.run("INSERT INTO pupils VALUES ('pupil-1', 'Ava', 'Marlow', NULL, '2019-03-04', ?)", [NOW]);
    expect(migrate(old, ':memory:', [migration001, migration002])).toEqual({ from: 1, to: 2 });
    expect(migration002.version).toBe(2);
    expect(schemaVersion(old)).toBe(2);
    expect(old.exec('SELECT name, auto_lock_minutes FROM provision')[0]?.values).toEqual([['The Key', 5]]);
    expect(old.exec('SELECT legal_first_name FROM pupils')[0]?.values).toEqual([['Ava']]);
    // Nothing that was already there is logged as a change by the migration itself.
    expect(old.exec('SELECT count(*) FROM audit_log')[0]?.values).toEqual([[0]]);
    old.close();
  });

  it('adds staff, staff_bases and audit_log, all STRICT', () => {
    const tables = rows("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    expect(tables).toEqual([
      { name: 'audit_log', strict: 1 },
      { name: 'base_key_stages', strict: 1 },
      { name: 'bases', strict: 1 },
      { name: 'placements', strict: 1 },
      { name: 'provision', strict: 1 },
      { name: 'pupils', strict: 1 },
      { name: 'staff', strict: 1 },
      { name: 'staff_bases', strict: 1 },
    ]);
    expect(rows('SELECT name FROM pragma_table_info(?) ORDER BY cid', ['audit_log']).map((c) => c.name)).toEqual([
      'seq', 'at', 'staff_id', 'staff_name', 'action', 'entity', 'entity_id', 'pupil_id', 'before', 'after', 'detail',
    ]);
  });

  it('gives the provision an auto-lock of 5 minutes, between 1 and 60', () => {
    db.run("INSERT INTO provision (id, name, is_demo, created_at) VALUES (1, 'The Key', 0, ?)", [NOW]);
    expect(rows('SELECT auto_lock_minutes FROM provision')).toEqual([{ auto_lock_minutes: 5 }]);
    expect(() => db.run('UPDATE provision SET auto_lock_minutes = 0')).toThrow(/CHECK/);
    expect(() => db.run('UPDATE provision SET auto_lock_minutes = 61')).toThrow(/CHECK/);
    db.run('UPDATE provision SET auto_lock_minutes = 60');
    expect(rows('SELECT auto_lock_minutes FROM provision')).toEqual([{ auto_lock_minutes: 60 }]);
  });

  it('keeps usernames unique among current staff, whatever their case, but lets a removed person’s be reused', () => {
    addStaff('s1', 'r.ashdown');
    expect(() => addStaff('s2', 'R.Ashdown')).toThrow(/UNIQUE/);
    db.run("UPDATE staff SET removed_at = ? WHERE id = 's1'", [NOW]);
    addStaff('s2', 'R.Ashdown');
    expect(rows("SELECT id FROM staff WHERE username = 'r.ashdown' ORDER BY id")).toEqual([{ id: 's1' }, { id: 's2' }]);
  });

  it('needs at least one role, as a JSON list', () => {
    expect(() => addStaff('s1', 'a.person', '[]')).toThrow(/CHECK/);
    expect(() => addStaff('s2', 'b.person', 'teacher')).toThrow(/CHECK/);
    addStaff('s3', 'c.person', '["teacher","manager"]');
  });

  it('links staff to bases that exist only', () => {
    addStaff('s1', 'a.person');
    db.run('INSERT INTO staff_bases VALUES (?, ?)', ['s1', baseId('Parkgate')]);
    expect(() => db.run('INSERT INTO staff_bases VALUES (?, ?)', ['s1', baseId('Parkgate')])).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => db.run("INSERT INTO staff_bases VALUES ('s1', 'nowhere')")).toThrow(/FOREIGN KEY/);
    expect(() => db.run('INSERT INTO staff_bases VALUES (?, ?)', ['nobody', baseId('Parkgate')])).toThrow(/FOREIGN KEY/);
  });

  it('keeps the audit log append-only: rows can be added, never changed or removed', () => {
    db.run("INSERT INTO audit_log (at, staff_id, staff_name, action, detail) VALUES (?, NULL, 'Key Desk', 'signed-in', 'by hand')", [NOW]);
    const before = rows('SELECT * FROM audit_log ORDER BY seq');
    expect(before.length).toBeGreaterThan(0);
    expect(() => db.run("UPDATE audit_log SET staff_name = 'Someone else'")).toThrow(/The audit log cannot be changed/);
    expect(() => db.run("UPDATE audit_log SET detail = 'edited' WHERE action = 'signed-in'")).toThrow(/The audit log cannot be changed/);
    expect(() => db.run('DELETE FROM audit_log')).toThrow(/The audit log cannot be changed/);
    expect(() => db.run('DELETE FROM audit_log WHERE seq = 1')).toThrow(/The audit log cannot be changed/);
    expect(rows('SELECT * FROM audit_log ORDER BY seq')).toEqual(before);
  });

  it('logs an insert with the new values, who made it and when, from the registered functions', () => {
    audit.actor = ROBIN;
    audit.now = '2026-11-24T10:15:00.000Z';
    const seq = lastSeq();
    db.run("INSERT INTO pupils VALUES ('pupil-1', 'Ava', 'Marlow', NULL, '2019-03-04', ?)", [NOW]);
    expect(entriesAfter(seq)).toEqual([
      {
        seq: seq + 1,
        at: '2026-11-24T10:15:00.000Z',
        staff_id: 'staff-robin',
        staff_name: 'Robin Ashdown',
        action: 'insert',
        entity: 'pupils',
        entity_id: 'pupil-1',
        pupil_id: 'pupil-1',
        before: null,
        after: {
          id: 'pupil-1',
          legal_first_name: 'Ava',
          legal_last_name: 'Marlow',
          preferred_name: null,
          date_of_birth: '2019-03-04',
          created_at: NOW,
        },
        detail: null,
      },
    ]);
  });

  it('logs an update with the values before and after', () => {
    const id = baseId('Parkgate');
    audit.actor = ROBIN;
    const seq = lastSeq();
    db.run('UPDATE bases SET places = 30, updated_at = ? WHERE id = ?', ['2026-11-24T00:00:00.000Z', id]);
    const [entry, ...more] = entriesAfter(seq);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ action: 'update', entity: 'bases', entity_id: id, pupil_id: null, staff_id: 'staff-robin', staff_name: 'Robin Ashdown' });
    expect(entry?.before).toMatchObject({ id, name: 'Parkgate', places: 24 });
    expect(entry?.after).toMatchObject({ id, name: 'Parkgate', places: 30, updated_at: '2026-11-24T00:00:00.000Z' });
  });

  it('logs a delete with the values before, and names the pupil a placement was about', () => {
    db.run("INSERT INTO pupils VALUES ('pupil-1', 'Ava', 'Marlow', NULL, '2019-03-04', ?)", [NOW]);
    db.run("INSERT INTO placements VALUES ('pl-1', 'pupil-1', ?, '2026-09-07', NULL, ?)", [baseId('Frederick Bird'), NOW]);
    const seq = lastSeq();
    db.run("DELETE FROM placements WHERE id = 'pl-1'");
    expect(entriesAfter(seq)).toEqual([
      expect.objectContaining({
        action: 'delete',
        entity: 'placements',
        entity_id: 'pl-1',
        pupil_id: 'pupil-1',
        before: expect.objectContaining({ id: 'pl-1', pupil_id: 'pupil-1', start_date: '2026-09-07', end_date: null }),
        after: null,
      }),
    ]);
  });

  it('names Key Desk itself when nobody is signed in', () => {
    const seq = lastSeq();
    db.run("INSERT INTO provision (id, name, is_demo, created_at) VALUES (1, 'The Key', 0, ?)", [NOW]);
    expect(entriesAfter(seq)).toEqual([expect.objectContaining({ action: 'insert', entity: 'provision', staff_id: null, staff_name: 'Key Desk' })]);
  });

  it('logs link tables under the record that owns them', () => {
    addStaff('s1', 'a.person');
    const parkgate = baseId('Parkgate');
    const seq = lastSeq();
    db.run('INSERT INTO staff_bases VALUES (?, ?)', ['s1', parkgate]);
    db.run("DELETE FROM base_key_stages WHERE base_id = ? AND key_stage = 'KS2'", [parkgate]);
    expect(entriesAfter(seq)).toEqual([
      expect.objectContaining({ action: 'insert', entity: 'staff_bases', entity_id: 's1', after: { staff_id: 's1', base_id: parkgate } }),
      expect.objectContaining({ action: 'delete', entity: 'base_key_stages', entity_id: parkgate, before: { base_id: parkgate, key_stage: 'KS2' } }),
    ]);
  });

  it('logs nothing for a change that is refused', () => {
    const seq = lastSeq();
    expect(() => db.run('UPDATE bases SET places = 0')).toThrow(/CHECK/);
    expect(() => addStaff('s1', 'a.person', '[]')).toThrow(/CHECK/);
    expect(entriesAfter(seq)).toEqual([]);
  });

  it('watches every insert, update and delete on every table but the log itself', () => {
    const tables = rows("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit_log'").map((r) => String(r.name));
    const triggers = new Set(rows("SELECT name FROM sqlite_schema WHERE type = 'trigger'").map((r) => String(r.name)));
    expect(tables.length).toBe(7);
    for (const table of tables) {
      for (const event of ['insert', 'update', 'delete']) expect(triggers, `${table} ${event}`).toContain(`audit_${table}_${event}`);
    }
  });

  it('cannot change an audited table on a connection without the audit functions', () => {
    const bare = new SQL.Database(db.export());
    expect(() => bare.run("UPDATE bases SET places = 30 WHERE name = 'Parkgate'")).toThrow(/no such function: audit_now/);
    expect(bare.exec("SELECT places FROM bases WHERE name = 'Parkgate'")[0]?.values).toEqual([[24]]);
    bare.close();
  });
});
