import type { Database as SqlJsDatabase, SqlJsStatic } from 'sql.js';
import { afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { migrations } from '../../../../../electron/core/db/migrations';
import type { Migration } from '../../../../../electron/core/db/migrations/types';
import { migrate, schemaVersion } from '../../../../../electron/core/db/open';
import { loadSqlJs } from '../../../../../electron/core/db/sqljs';
import { auditFunctions } from '../audit-functions';

export const NOW = '2026-11-23T09:00:00.000Z';

/** The migrations up to and including `version`, as a build that stopped there would ship them. */
export const migrationsUpTo = (version: number) => migrations.filter((m) => m.version <= version);

/** A new in-memory database with foreign keys on, the audit functions registered and `list` applied. */
export function freshDatabase(SQL: SqlJsStatic, list: readonly Migration[] = migrations): SqlJsDatabase {
  const created = new SQL.Database();
  created.exec('PRAGMA foreign_keys = ON');
  auditFunctions({ now: NOW }).register(created);
  migrate(created, ':memory:', list);
  return created;
}

/** A query's rows as objects keyed by column name. */
export function rowObjects(db: SqlJsDatabase, query: string, params: Array<string | number | null> = []): Array<Record<string, unknown>> {
  const statement = db.prepare(query);
  statement.bind(params);
  const out: Array<Record<string, unknown>> = [];
  while (statement.step()) out.push(statement.getAsObject());
  statement.free();
  return out;
}

/**
 * A migration test's set-up: loads sql.js once, gives each test its own fresh database with `list`
 * applied (`db`) and closes it afterwards.
 */
export function databaseForEachTest(list: readonly Migration[] = migrations) {
  let SQL: SqlJsStatic | undefined;
  let current: SqlJsDatabase | undefined;
  beforeAll(async () => {
    SQL = await loadSqlJs();
  });
  beforeEach(() => {
    current = freshDatabase(SQL!, list);
  });
  afterEach(() => current?.close());

  const fresh = (other: readonly Migration[] = list) => freshDatabase(SQL!, other);
  const db = (): SqlJsDatabase => {
    if (!current) throw new Error('The database is made for each test: use it inside a test.');
    return current;
  };
  return {
    /** This test's database. */
    get db() {
      return db();
    },
    /** Another new database, with `other` applied; the caller closes it. */
    fresh,
    /** The first cell of the first row of `query` on this test's database. */
    value: (query: string) => db().exec(query)[0]?.values[0]?.[0],
    /**
     * A file written by a build with the migrations in `before`, opened by one with those in `after`:
     * checks it goes from the one version to the other and returns it, still open, for a look inside.
     */
    upgrade(before: readonly Migration[], after: readonly Migration[]): SqlJsDatabase {
      const old = fresh(before);
      expect(schemaVersion(old)).toBe(before.at(-1)?.version);
      migrate(old, ':memory:', after);
      expect(schemaVersion(old)).toBe(after.at(-1)?.version);
      return old;
    },
  };
}
