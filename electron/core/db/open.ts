import type { Database as SqlJsDatabase, SqlJsStatic } from 'sql.js';
import { FileRefused } from '../errors';
import { LATEST_VERSION, migrations as allMigrations } from './migrations';
import type { Migration } from './migrations/types';

/** Stamped in the SQLite header so we can tell our files from any other SQLite database ('KeyD'). */
export const APPLICATION_ID = 0x4b657944;
const SQLITE_HEADER = 'SQLite format 3\u0000';

function pragmaNumber(db: SqlJsDatabase, pragma: string): number {
  const value = db.exec(`PRAGMA ${pragma}`)[0]?.values[0]?.[0];
  return typeof value === 'number' ? value : 0;
}

export function schemaVersion(db: SqlJsDatabase): number {
  return pragmaNumber(db, 'user_version');
}

/**
 * Runs every pending migration in one transaction, so a database is either fully at the new
 * version or untouched. A database from a newer Key Desk is refused before anything runs.
 */
export function migrate(
  db: SqlJsDatabase,
  path: string,
  migrations: readonly Migration[] = allMigrations,
): { from: number; to: number } {
  const latest = migrations.at(-1)?.version ?? 0;
  const from = schemaVersion(db);
  if (from > latest) {
    throw new FileRefused(
      'too-new',
      path,
      'This data file was saved by a newer version of Key Desk. Install the newer version to open it; the file has not been changed.',
    );
  }
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from };
  db.exec('BEGIN');
  try {
    for (const migration of pending) {
      migration.up(db);
      db.exec(`PRAGMA user_version = ${migration.version}`);
    }
    const broken = db.exec('PRAGMA foreign_key_check');
    if (broken.length > 0) throw new Error('Foreign key check failed after migration');
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
  return { from, to: latest };
}

function configure(db: SqlJsDatabase): void {
  db.exec('PRAGMA foreign_keys = ON');
}

/** A brand-new database at the latest schema. */
export function createDatabase(SQL: SqlJsStatic, prepare?: (db: SqlJsDatabase) => void): SqlJsDatabase {
  const db = new SQL.Database();
  // Large pages make export (the heart of every save) about a third faster; only settable while empty.
  db.exec('PRAGMA page_size = 65536');
  configure(db);
  prepare?.(db);
  db.exec(`PRAGMA application_id = ${APPLICATION_ID}`);
  migrate(db, ':memory:');
  return db;
}

/**
 * `prepare` runs on the connection before any migration (it registers the functions triggers call).
 * Loads a data file's bytes, refusing anything that is not a healthy Key Desk database this
 * version can read. Returns the open database and whether migrations changed it (so it needs saving).
 */
export function loadDatabase(
  SQL: SqlJsStatic,
  bytes: Uint8Array,
  path: string,
  prepare?: (db: SqlJsDatabase) => void,
): { db: SqlJsDatabase; migrated: boolean } {
  if (bytes.length === 0) {
    throw new FileRefused('empty', path, 'The data file is empty, so there is nothing to open. It has been left as it is.');
  }
  const header = new TextDecoder('latin1').decode(bytes.subarray(0, SQLITE_HEADER.length));
  if (header !== SQLITE_HEADER) {
    throw new FileRefused('not-ours', path, 'This file is not a Key Desk data file. It has been left as it is.');
  }
  let db: SqlJsDatabase | undefined;
  try {
    db = new SQL.Database(bytes);
    const check = db.exec('PRAGMA quick_check')[0]?.values[0]?.[0];
    if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
  } catch (cause) {
    db?.close();
    throw new FileRefused(
      'corrupt',
      path,
      'The data file is damaged and cannot be opened. It has been left as it is: restore a backup or choose another folder.',
      { cause },
    );
  }
  const applicationId = pragmaNumber(db, 'application_id');
  if (applicationId !== APPLICATION_ID) {
    db.close();
    throw new FileRefused('not-ours', path, 'This file is a database, but not a Key Desk one. It has been left as it is.');
  }
  try {
    configure(db);
    prepare?.(db);
    const { from, to } = migrate(db, path);
    return { db, migrated: from !== to };
  } catch (error) {
    db.close();
    throw error;
  }
}

export { LATEST_VERSION };
