import { Kysely, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import type { BindParams, Database as SqlJsDatabase, Statement as SqlJsStatement } from 'sql.js';
import type { DbSchema } from './schema';

/**
 * Kysely's SQLite dialect expects a better-sqlite3 style connection; this makes sql.js look like one.
 * Statements stay prepared (see `preparedStatements`) and are reset as soon as they have run, so
 * none holds the database open between calls.
 */
function statement(db: SqlJsDatabase, prepared: Prepared, onWrite: () => void): SqliteStatement {
  const { statement: compiled, writes } = prepared;
  const all = (parameters: ReadonlyArray<unknown>): unknown[] => {
    bind(compiled, parameters);
    try {
      const rows: unknown[] = [];
      // get() with the names read once is several times faster than getAsObject() per row.
      const names = prepared.columns;
      if (writes) onWrite();
      while (compiled.step()) {
        const values = compiled.get();
        const row: Record<string, unknown> = {};
        for (let i = 0; i < names.length; i++) row[names[i]!] = values[i];
        rows.push(row);
      }
      return rows;
    } finally {
      compiled.reset();
    }
  };
  return {
    reader: prepared.columns.length > 0,
    all,
    run(parameters) {
      bind(compiled, parameters);
      try {
        compiled.step();
        if (writes) onWrite();
        return { changes: db.getRowsModified(), lastInsertRowid: 0 };
      } finally {
        compiled.reset();
      }
    },
    iterate(parameters) {
      return all(parameters)[Symbol.iterator]();
    },
  };
}

/**
 * Binds a run's values. Once the database is closed sql.js has freed every statement and throws a
 * bare string: say so plainly, and leave the freed statement alone (there is nothing to reset).
 */
function bind(compiled: SqlJsStatement, parameters: ReadonlyArray<unknown>): void {
  try {
    compiled.bind(parameters as BindParams);
  } catch (error) {
    if (error === 'Statement closed') throw new Error('The database is closed.');
    throw error;
  }
}

interface Prepared {
  statement: SqlJsStatement;
  columns: string[];
  writes: boolean;
}

/** How many statements stay prepared: more than the app's distinct queries, few enough to stay small. */
export const KEPT_STATEMENTS = 256;

/**
 * Statements by their SQL, prepared once: Kysely sends the same few hundred again and again, and
 * preparing one costs more than running it. The least recently used is freed past KEPT_STATEMENTS;
 * closing the database frees the rest (sql.js keeps a list of them).
 */
export function preparedStatements(db: SqlJsDatabase, limit = KEPT_STATEMENTS): (sql: string) => Prepared {
  const kept = new Map<string, Prepared>();
  return (sql) => {
    const found = kept.get(sql);
    if (found) {
      // Most recently used last.
      kept.delete(sql);
      kept.set(sql, found);
      return found;
    }
    const compiled = db.prepare(sql);
    const prepared = { statement: compiled, columns: compiled.getColumnNames(), writes: WRITES.test(sql) };
    kept.set(sql, prepared);
    if (kept.size > limit) {
      const [oldest, { statement: old }] = kept.entries().next().value!;
      kept.delete(oldest);
      old.free();
    }
    return prepared;
  };
}

/**
 * Statements that may change the database. Saves are scheduled from these, not only from SQLite's
 * update hook, which does not fire for WITHOUT ROWID tables (register marks).
 */
const WRITES = /^\s*(insert|update|delete|replace|with)\b/i;

export function sqlJsConnection(db: SqlJsDatabase, onWrite: () => void = () => undefined): SqliteDatabase {
  const prepare = preparedStatements(db);
  return {
    close: () => db.close(),
    prepare: (sql) => statement(db, prepare(sql), onWrite),
  };
}

export type Db = Kysely<DbSchema>;

/**
 * Statements run synchronously on the same prepared statements (and the same save scheduling) as
 * Kysely's. Only for the hottest call, a register mark: Kysely's transaction and query layers cost
 * several times what SQLite does for it. Reached only through `withSyncSql`.
 */
export interface SyncSql {
  /** A query's rows, as objects. */
  all<R>(sql: string, parameters?: readonly unknown[]): R[];
  /** Runs `writes` (statements through `run`) as one transaction: all of it, or none if it throws. */
  transaction(writes: (run: (sql: string, parameters?: readonly unknown[]) => void) => void): void;
}

const syncSqls = new WeakMap<Db, SyncSql>();

function syncSql(connection: SqliteDatabase): SyncSql {
  const run = (sql: string, parameters: readonly unknown[] = []) => void connection.prepare(sql).run(parameters);
  return {
    all: <R>(sql: string, parameters: readonly unknown[] = []) => connection.prepare(sql).all(parameters) as R[],
    transaction(writes) {
      run('BEGIN');
      try {
        writes(run);
      } catch (error) {
        try {
          run('ROLLBACK');
        } catch {
          // SQLite rolled it back itself (a full disk or memory): nothing is left to undo.
        }
        throw error;
      }
      run('COMMIT');
    },
  };
}

/** `onWrite` runs after every statement that may have changed a row (to schedule a save). */
export function createKysely(db: SqlJsDatabase, onWrite?: () => void): Db {
  const connection = sqlJsConnection(db, onWrite);
  const kysely = new Kysely<DbSchema>({ dialect: new SqliteDialect({ database: connection }) });
  syncSqls.set(kysely, syncSql(connection));
  return kysely;
}

/**
 * Runs `work` synchronously while holding Kysely's one connection, so no Kysely transaction is open
 * or can start meanwhile. Undefined, without running it, when `db` has no synchronous runner (a
 * transaction's handle): the caller then takes Kysely's way.
 */
export async function withSyncSql<T>(db: Db, work: (sql: SyncSql) => T): Promise<T | undefined> {
  const sync = syncSqls.get(db);
  if (!sync) return undefined;
  return db.connection().execute(async () => work(sync));
}
