import type { DataFile } from '../data-file';

/**
 * The data as it is now, sealed exactly as a save seals it: what every backup made from an open file
 * holds. One consistent copy: Kysely's single connection is held, so no transaction is half done.
 *
 * Made from the in-memory database (export + seal). Once the change journal lands, this becomes a
 * checkpoint followed by a copy of the new snapshot file, and nothing else here changes.
 */
export async function backupSnapshot(file: DataFile): Promise<Buffer[]> {
  const bytes = await file.db.connection().execute(async () => file.sql.export());
  try {
    return file.keyring.sealFileChunks(bytes);
  } finally {
    bytes.fill(0);
  }
}
