import type { Database as SqlJsDatabase } from 'sql.js';
import type { MemoryFileSystem } from '../db/sqljs';

/**
 * SQLite's write-ahead log, as sql.js keeps it in memory: where the database and its log live, and
 * how far the log holds committed transactions. See https://www.sqlite.org/fileformat2.html#walformat
 */
export const PAGE_SIZE = 4096;
const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;

/** sql.js names each database's file itself (`dbfile_<random>`), in the root of its file system. */
export function databaseName(sql: SqlJsDatabase): string {
  const name = (sql as SqlJsDatabase & { filename?: unknown }).filename;
  if (typeof name !== 'string' || !name) throw new Error('sql.js did not name the database file');
  return name;
}

export const walName = (sql: SqlJsDatabase) => `${databaseName(sql)}-wal`;

/**
 * The end of the last commit frame in the log, from `from` on (a frame boundary already known to be
 * committed); `from` when there is none. Frames past it belong to a transaction still open or rolled
 * back, and are never shipped.
 */
export function committedEnd(wal: Uint8Array, from: number): number {
  if (wal.length < WAL_HEADER_BYTES) return from;
  const view = new DataView(wal.buffer, wal.byteOffset, wal.byteLength);
  const pageSize = view.getUint32(8);
  const frameBytes = FRAME_HEADER_BYTES + pageSize;
  const salt1 = view.getUint32(16);
  const salt2 = view.getUint32(20);
  let end = from;
  for (let frame = Math.max(from, WAL_HEADER_BYTES); frame + frameBytes <= wal.length; frame += frameBytes) {
    // A frame with other salts is left over from an older log: nothing after it is ours.
    if (view.getUint32(frame + 8) !== salt1 || view.getUint32(frame + 12) !== salt2) break;
    if (view.getUint32(frame + 4) !== 0) end = frame + frameBytes;
  }
  return end;
}

/**
 * A real copy. sql.js's files can be Node Buffers (it keeps the very buffer a database was loaded
 * from), and Buffer's slice() is a view: zeroing that "copy" would zero the live database.
 */
const copyOf = (bytes: Uint8Array, from = 0, to = bytes.length) => new Uint8Array(bytes.subarray(from, to));

/** The log bytes committed since `from`: a copy, safe to keep while SQLite writes on. */
export function committedSince(fs: MemoryFileSystem, sql: SqlJsDatabase, from: number): Uint8Array {
  const name = walName(sql);
  if (!fs.exists(name)) return new Uint8Array(0);
  const wal = fs.bytes(name);
  const end = committedEnd(wal, from);
  return end > from ? copyOf(wal, from, end) : new Uint8Array(0);
}

/** Whether a transaction has committed since `from`, without copying anything. */
export function hasCommittedSince(fs: MemoryFileSystem, sql: SqlJsDatabase, from: number): boolean {
  const name = walName(sql);
  return fs.exists(name) && committedEnd(fs.bytes(name), from) > from;
}

/**
 * Folds the log into the database file and empties it, then copies the database file: the snapshot.
 * Only between transactions (the caller holds the connection).
 */
export function checkpointAndCopy(fs: MemoryFileSystem, sql: SqlJsDatabase): Uint8Array {
  const row = sql.exec('PRAGMA wal_checkpoint(TRUNCATE)')[0]?.values[0];
  if (!row || row[0] !== 0) throw new Error(`the write-ahead log could not be checkpointed (${JSON.stringify(row)})`);
  return copyOf(fs.bytes(databaseName(sql)));
}

/**
 * Puts the log read back from the journal in place, before SQLite first reads the database (it then
 * recovers every committed transaction in it, as after a crash).
 */
export function restoreWal(fs: MemoryFileSystem, sql: SqlJsDatabase, wal: Uint8Array): void {
  if (wal.length === 0) return;
  const name = walName(sql);
  if (fs.exists(name)) fs.unlink(name);
  fs.create(name, wal);
}
