import type { Database as SqlJsDatabase } from 'sql.js';
import { FileRefused } from '../errors';
import { PAGE_SIZE, restoreWal } from '../persistence/wal';
import { LATEST_VERSION, migrations as allMigrations } from './migrations';
import type { Migration } from './migrations/types';
import type { PatchedSqlJs } from './sqljs';

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

/**
 * Puts the database in write-ahead-log mode, so each commit appends frames the change journal can
 * ship. Exclusive locking must come before SQLite first reads the file: it then keeps the log's index
 * in memory rather than in a shared-memory file sql.js cannot map. Small pages keep a one-row change
 * to a few KiB of log. A file from before the journal (64 KiB pages) is rebuilt with small pages, in
 * memory only: the disk is not touched until the next save writes a whole new snapshot.
 * Returns whether the database was rebuilt.
 */
function useWriteAheadLog(db: SqlJsDatabase): boolean {
  db.exec('PRAGMA locking_mode = EXCLUSIVE');
  const rebuild = pragmaNumber(db, 'page_size') !== PAGE_SIZE;
  if (rebuild) {
    db.exec('PRAGMA journal_mode = DELETE');
    db.exec(`PRAGMA page_size = ${PAGE_SIZE}`);
    db.exec('VACUUM');
  }
  const mode = db.exec('PRAGMA journal_mode = WAL')[0]?.values[0]?.[0];
  if (mode !== 'wal') throw new Error(`journal_mode is ${String(mode)}, not wal`);
  db.exec('PRAGMA wal_autocheckpoint = 0');
  return rebuild;
}

/** A brand-new database at the latest schema. */
export function createDatabase(SQL: PatchedSqlJs, prepare?: (db: SqlJsDatabase) => void): SqlJsDatabase {
  const db = new SQL.Database();
  useWriteAheadLog(db);
  configure(db);
  prepare?.(db);
  db.exec(`PRAGMA application_id = ${APPLICATION_ID}`);
  migrate(db, ':memory:');
  return db;
}

/**
 * `prepare` runs on the connection before any migration (it registers the functions triggers call).
 * Loads a data file's bytes (and the write-ahead log replayed from its journal), refusing anything
 * that is not a healthy Key Desk database this version can read. Returns the open database, whether
 * migrations changed it, and whether it was rebuilt from the pre-journal layout (so the next save
 * must write a whole snapshot).
 */
export function loadDatabase(
  SQL: PatchedSqlJs,
  bytes: Uint8Array,
  path: string,
  prepare?: (db: SqlJsDatabase) => void,
  wal: Uint8Array = new Uint8Array(0),
): { db: SqlJsDatabase; migrated: boolean; rebuilt: boolean } {
  if (bytes.length === 0) {
    throw new FileRefused('empty', path, 'The data file is empty, so there is nothing to open. It has been left as it is.');
  }
  const header = new TextDecoder('latin1').decode(bytes.subarray(0, SQLITE_HEADER.length));
  if (header !== SQLITE_HEADER) {
    throw new FileRefused('not-ours', path, 'This file is not a Key Desk data file. It has been left as it is.');
  }
  let db: SqlJsDatabase | undefined;
  let rebuilt = false;
  try {
    db = new SQL.Database(bytes);
    restoreWal(SQL.keyDeskFS, db, wal);
    rebuilt = useWriteAheadLog(db);
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
    return { db, migrated: from !== to, rebuilt };
  } catch (error) {
    db.close();
    throw error;
  }
}

export { LATEST_VERSION };
