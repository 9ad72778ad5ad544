import { sql } from 'kysely';
import type { Database, Statement } from 'sql.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKysely, preparedStatements, type Db } from '../../../../electron/core/db/dialect';
import { loadSqlJs } from '../../../../electron/core/db/sqljs';

/** Whether sql.js has freed a statement (it then refuses to run it). */
const freed = (statement: Statement) => {
  try {
    statement.bind([]);
    statement.reset();
    return false;
  } catch (error) {
    return String(error).includes('Statement closed');
  }
};

let raw: Database;
let db: Db;
beforeEach(async () => {
  const SQL = await loadSqlJs();
  raw = new SQL.Database();
  // As the data file runs: exclusive locking first, so sql.js can keep a write-ahead log.
  raw.run('PRAGMA locking_mode = EXCLUSIVE');
  expect(raw.exec('PRAGMA journal_mode = WAL')[0]?.values[0]?.[0]).toBe('wal');
  raw.run('PRAGMA wal_autocheckpoint = 0');
  raw.run('CREATE TABLE marks (id INTEGER PRIMARY KEY, code TEXT NOT NULL)');
  db = createKysely(raw);
});
afterEach(() => raw.close());

describe('statements kept prepared', () => {
  it('prepares a query once however often it runs, with each run’s own values', async () => {
    const prepare = vi.spyOn(raw, 'prepare');
    for (let i = 1; i <= 50; i++) await sql`INSERT INTO marks (id, code) VALUES (${i}, ${`c${i}`})`.execute(db);
    const row = (id: number) => sql<{ code: string }>`SELECT code FROM marks WHERE id = ${id}`.execute(db).then((r) => r.rows[0]?.code);
    expect(await row(7)).toBe('c7');
    expect(await row(42)).toBe('c42');
    expect(await row(99)).toBeUndefined();
    expect(prepare.mock.calls.map(([text]) => text)).toEqual(['INSERT INTO marks (id, code) VALUES (?, ?)', 'SELECT code FROM marks WHERE id = ?']);
  });

  it('keeps at most its limit prepared, freeing the least recently used', () => {
    const prepare = preparedStatements(raw, 3);
    const [one, two, three] = ['SELECT 1', 'SELECT 2', 'SELECT 3'].map((text) => prepare(text).statement);
    expect(prepare('SELECT 1').statement).toBe(one); // used again: now the most recent
    const four = prepare('SELECT 4').statement; // one too many: frees SELECT 2
    expect([one, two, three, four].map((s) => freed(s!))).toEqual([false, true, false, false]);
    expect(prepare('SELECT 2').statement).not.toBe(two); // prepared afresh, freeing SELECT 3
    expect(freed(three!)).toBe(true);
  });

  it('leaves no statement holding the database after a run that failed, so a checkpoint can fold the log in', async () => {
    await sql`INSERT INTO marks (id, code) VALUES (1, 'a')`.execute(db);
    await expect(sql`INSERT INTO marks (id, code) VALUES (${1}, ${'b'})`.execute(db)).rejects.toThrow(/UNIQUE/);
    await expect(sql`INSERT INTO marks (id, code) VALUES (${2}, ${null})`.execute(db)).rejects.toThrow(/NOT NULL/);
    // A query whose rows were all read: reset too.
    expect((await sql`SELECT code FROM marks`.execute(db)).rows).toEqual([{ code: 'a' }]);
    expect(raw.exec('PRAGMA wal_checkpoint(TRUNCATE)')[0]?.values[0]?.[0]).toBe(0);
    // What the check would catch: a statement stepped and left without a reset keeps the log from being folded in.
    await sql`INSERT INTO marks (id, code) VALUES (2, 'b')`.execute(db);
    const left = raw.prepare('SELECT code FROM marks');
    left.step();
    expect(() => raw.exec('PRAGMA wal_checkpoint(TRUNCATE)')).toThrow(/locked/);
    left.free();
  });
});

describe('a query after the database is closed', () => {
  it('is refused in plain words, not with a freed statement', async () => {
    const SQL = await loadSqlJs();
    const closing = new SQL.Database();
    const kysely = createKysely(closing);
    await sql`SELECT 1 AS one`.execute(kysely);
    closing.close();
    await expect(sql`SELECT 1 AS one`.execute(kysely)).rejects.toThrow('The database is closed.');
  });
});
