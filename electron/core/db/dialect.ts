import { Kysely, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import type { BindParams, Database as SqlJsDatabase } from 'sql.js';
import type { DbSchema } from './schema';

/**
 * Kysely's SQLite dialect expects a better-sqlite3 style connection; this makes sql.js look like one.
 * Each statement is prepared once and freed as soon as it has run, so nothing leaks in WebAssembly.
 */
function statement(db: SqlJsDatabase, sql: string, onWrite: () => void): SqliteStatement {
  const prepared = db.prepare(sql);
  const writes = WRITES.test(sql);
  const bind = (parameters: ReadonlyArray<unknown>) => prepared.bind(parameters as BindParams);
  const all = (parameters: ReadonlyArray<unknown>): unknown[] => {
    try {
      bind(parameters);
      const rows: unknown[] = [];
      // get() with the names read once is several times faster than getAsObject() per row.
      const names = prepared.getColumnNames();
      if (writes) onWrite();
      while (prepared.step()) {
        const values = prepared.get();
        const row: Record<string, unknown> = {};
        for (let i = 0; i < names.length; i++) row[names[i]!] = values[i];
        rows.push(row);
      }
      return rows;
    } finally {
      prepared.free();
    }
  };
  return {
    reader: prepared.getColumnNames().length > 0,
    all,
    run(parameters) {
      try {
        bind(parameters);
        prepared.step();
        if (writes) onWrite();
        return { changes: db.getRowsModified(), lastInsertRowid: 0 };
      } finally {
        prepared.free();
      }
    },
    iterate(parameters) {
      return all(parameters)[Symbol.iterator]();
    },
  };
}

/**
 * Statements that may change the database. Saves are scheduled from these, not only from SQLite's
 * update hook, which does not fire for WITHOUT ROWID tables (register marks).
 */
const WRITES = /^\s*(insert|update|delete|replace|with)\b/i;

export function sqlJsConnection(db: SqlJsDatabase, onWrite: () => void = () => undefined): SqliteDatabase {
  return {
    close: () => db.close(),
    prepare: (sql) => statement(db, sql, onWrite),
  };
}

export type Db = Kysely<DbSchema>;

/** `onWrite` runs after every statement that may have changed a row (to schedule a save). */
export function createKysely(db: SqlJsDatabase, onWrite?: () => void): Db {
  return new Kysely<DbSchema>({ dialect: new SqliteDialect({ database: sqlJsConnection(db, onWrite) }) });
}
