import type { DataFile } from '../data-file';

/**
 * The data as it is now, sealed exactly as a save seals it: what every backup made from an open file
 * holds. One consistent copy: Kysely's single connection is held, so no transaction is half done.
 *
 * Made from the in-memory database: sql.js's export copies it through SQLite's backup API, so
 * changes still in the write-ahead log (not yet folded into the snapshot on disk) are in it too, and
 * it works in a read-only window, which may not checkpoint. The backup needs no journal beside it.
 */
export async function backupSnapshot(file: DataFile): Promise<Buffer[]> {
  const bytes = await file.db.connection().execute(async () => file.sql.export());
  try {
    return file.keyring.sealFileChunks(bytes);
  } finally {
    bytes.fill(0);
  }
}
