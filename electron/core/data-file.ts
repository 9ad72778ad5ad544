import { mkdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { Database as SqlJsDatabase } from 'sql.js';
import { createKysely, type Db } from './db/dialect';
import { createDatabase, loadDatabase } from './db/open';
import { loadSqlJs } from './db/sqljs';
import { FileRefused } from './errors';
import { removeStaleTempFiles, writeFileAtomic } from './persistence/atomic-write';
import { SaveScheduler } from './persistence/save-scheduler';

export const DATA_FILE_NAME = 'keydesk.db';

export const dataFilePath = (folder: string) => join(folder, DATA_FILE_NAME);

export interface OpenOptions {
  /** Debounce for saves; the ceiling is 250 ms. */
  saveDelayMs?: number;
  onSaveError?: (error: unknown) => void;
}

/**
 * An open data file: the in-memory database, the query builder over it, and the saver that keeps
 * the file on disk in step. The one place bytes go to and come from disk (encryption wraps here).
 */
export class DataFile {
  readonly db: Db;
  private readonly saver: SaveScheduler;
  private closed = false;

  private constructor(
    readonly path: string,
    readonly sql: SqlJsDatabase,
    options: OpenOptions,
  ) {
    this.db = createKysely(sql);
    this.saver = new SaveScheduler(() => this.saveNow(), {
      delayMs: options.saveDelayMs ?? 250,
      ...(options.onSaveError ? { onError: options.onSaveError } : {}),
    });
    // Every row change schedules a save, whichever code made it.
    sql.updateHook(() => this.saver.markDirty());
  }

  /** Opens the data file in `folder`; null when there is none yet. Refuses (untouched) what it cannot read. */
  static async open(folder: string, options: OpenOptions = {}): Promise<DataFile | null> {
    const path = dataFilePath(folder);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return null;
      throw new FileRefused('unreadable', path, `The data file could not be read (${code ?? 'unknown error'}). It has been left as it is.`, {
        cause: error,
      });
    }
    const SQL = await loadSqlJs();
    const { db, migrated } = loadDatabase(SQL, bytes, path);
    await removeStaleTempFiles(path);
    const file = new DataFile(path, db, options);
    if (migrated) await file.saveSoon().flush();
    return file;
  }

  /** Makes a new data file in `folder` (created if need be). Refuses to replace an existing file. */
  static async create(
    folder: string,
    fill: (file: DataFile) => Promise<void>,
    options: OpenOptions = {},
  ): Promise<DataFile> {
    const path = dataFilePath(folder);
    await mkdir(folder, { recursive: true });
    if (await stat(path).then(() => true, () => false)) {
      throw new FileRefused('folder-unusable', path, 'This folder already has a Key Desk data file. Open it instead, or choose an empty folder.');
    }
    const SQL = await loadSqlJs();
    const file = new DataFile(path, createDatabase(SQL), options);
    try {
      await fill(file);
    } catch (error) {
      // Nothing of a half-filled database may reach the disk.
      file.saver.dispose();
      file.sql.close();
      throw error;
    }
    await file.saveSoon().flush();
    return file;
  }

  /** Writes the database to disk now, durably. Only ever between transactions. */
  async saveNow(): Promise<void> {
    // Holding Kysely's single connection guarantees no transaction is open while we export.
    const bytes = await this.db.connection().execute(async () => this.sql.export());
    await writeFileAtomic(this.path, bytes);
  }

  private saveSoon(): this {
    this.saver.markDirty();
    return this;
  }

  /** Saves anything pending, then waits for it to be on disk. */
  flush(): Promise<void> {
    return this.saver.flush();
  }

  get hasUnsavedChanges(): boolean {
    return this.saver.pending;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    this.saver.dispose();
    this.sql.close();
  }
}

/** Folders must be absolute: a relative path would depend on where the app happened to start. */
export function normaliseFolder(folder: string): string {
  if (!isAbsolute(folder)) {
    throw new FileRefused('folder-unusable', folder, 'Enter the full path of a folder, for example C:\\Key Desk or /home/staff/Key Desk.');
  }
  return resolve(folder);
}
