import { Kysely, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import type { BindParams, Database as SqlJsDatabase } from 'sql.js';
import type { DbSchema } from './schema';

/**
 * Kysely's SQLite dialect expects a better-sqlite3 style connection; this makes sql.js look like one.
 * Each statement is prepared once and freed as soon as it has run, so nothing leaks in WebAssembly.
 */
function statement(db: SqlJsDatabase, sql: string): SqliteStatement {
  const prepared = db.prepare(sql);
  const bind = (parameters: ReadonlyArray<unknown>) => prepared.bind(parameters as BindParams);
  const all = (parameters: ReadonlyArray<unknown>): unknown[] => {
    try {
      bind(parameters);
      const rows: unknown[] = [];
      // get() with the names read once is several times faster than getAsObject() per row.
      const names = prepared.getColumnNames();
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

export function sqlJsConnection(db: SqlJsDatabase): SqliteDatabase {
  return {
    close: () => db.close(),
    prepare: (sql) => statement(db, sql),
  };
}

export type Db = Kysely<DbSchema>;

export function createKysely(db: SqlJsDatabase): Db {
  return new Kysely<DbSchema>({ dialect: new SqliteDialect({ database: sqlJsConnection(db) }) });
}
