import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Database as SqlJsDatabase } from 'sql.js';
import { decodeEnvelope, EnvelopeError, type Envelope } from './crypto/envelope';
import type { Keyring } from './crypto/keyring';
import { createKysely, type Db } from './db/dialect';
import { createDatabase, loadDatabase } from './db/open';
import { loadSqlJs } from './db/sqljs';
import { FileChangedOnDisk, FileRefused } from './errors';
import { removeStaleTempFiles, writeFileAtomic } from './persistence/atomic-write';
import { describeSaveError } from './persistence/save-problem';
import { SaveScheduler } from './persistence/save-scheduler';

export const DATA_FILE_NAME = 'keydesk.db';

export const dataFilePath = (folder: string) => join(folder, DATA_FILE_NAME);

export interface OpenOptions {
  /** Debounce for saves; the ceiling is 250 ms. */
  saveDelayMs?: number;
  onSaveError?: (error: unknown) => void;
  /** After every failed save (with the teacher's wording) and every successful one (null). */
  onSaveProblemChange?: (problem: string | null) => void;
  /** The wall clock for audit entries; tests pin it. */
  clock?: () => Date;
  /**
   * Opened while another Key Desk holds the folder: nothing is ever written (no saves, no migration
   * saved, no temp files tidied). Changes made in memory are simply not kept.
   */
  readOnly?: boolean;
  /** Runs before a migrated database is first saved over the file it came from (a backup of that file). */
  beforeMigrationSave?: (sealed: SealedDataFile) => Promise<void>;
}

/** Who the audit log names for the changes being made now; null for Key Desk itself. */
export interface Actor {
  id: string;
  name: string;
}

const ENVELOPE_PROBLEMS: Record<EnvelopeError['problem'], [FileRefused['kind'], string]> = {
  empty: ['empty', 'The data file is empty, so there is nothing to open. It has been left as it is.'],
  'not-ours': ['not-ours', 'This file is not a Key Desk data file. It has been left as it is.'],
  'too-new': [
    'too-new',
    'This data file was saved by a newer version of Key Desk. Install the newer version to open it; the file has not been changed.',
  ],
  'plain-database': ['not-ours', 'This file is an unencrypted database, not a Key Desk data file. It has been left as it is.'],
  damaged: [
    'corrupt',
    'The data file is damaged or has been changed since Key Desk saved it, so it cannot be opened. It has been left as it is: restore a backup or choose another folder.',
  ],
};

function refusedFor(error: EnvelopeError, path: string): FileRefused {
  const [kind, message] = ENVELOPE_PROBLEMS[error.problem];
  return new FileRefused(kind, path, message, { cause: error });
}

/** Names one exact content of the data file, so a save can tell whether the file on disk is still one of ours. */
function fingerprint(bytes: Uint8Array | readonly Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const chunk of bytes instanceof Uint8Array ? [bytes] : bytes) hash.update(chunk);
  return hash.digest('hex');
}

/** The fingerprint of the data file on disk now; null when there is none. Other read errors are thrown. */
async function fingerprintOnDisk(path: string): Promise<string | null> {
  try {
    return fingerprint(await readFile(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** A data file read from disk but still sealed: enough to show the sign-in screen, nothing more. */
export class SealedDataFile {
  constructor(
    readonly path: string,
    readonly envelope: Envelope,
    /** Of the bytes read: a session opened from them may only ever replace this very file. */
    readonly fingerprint: string,
  ) {}

  get demo(): boolean {
    return this.envelope.header.demo;
  }

  get provisionId(): string {
    return this.envelope.header.provisionId;
  }

  /** Reads the data file in `folder`; null when there is none. Refuses (untouched) what is not ours or is damaged. */
  static async read(folder: string): Promise<SealedDataFile | null> {
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
    try {
      return new SealedDataFile(path, decodeEnvelope(bytes), fingerprint(bytes));
    } catch (error) {
      if (error instanceof EnvelopeError) throw refusedFor(error, path);
      throw error;
    }
  }
}

/**
 * An open data file: the in-memory database, the query builder over it, and the saver that keeps
 * the file on disk in step. The one place bytes go to and come from disk, always sealed by the
 * keyring: no plain database, temp file or backup is ever written.
 */
/** Who is acting now, read by the audit triggers through functions registered on the connection. */
class AuditContext {
  actor: Actor | null = null;
  constructor(private readonly clock: () => Date) {}
  register = (sql: SqlJsDatabase): void => {
    sql.create_function('audit_now', () => this.clock().toISOString());
    sql.create_function('audit_staff_id', () => this.actor?.id ?? null);
    sql.create_function('audit_staff_name', () => this.actor?.name ?? 'Key Desk');
  };
}

export class DataFile {
  readonly db: Db;
  private readonly saver: SaveScheduler;
  private closed = false;
  private lastSaveError: string | null = null;
  /**
   * Fingerprints of what may be on disk because we put it there: the file we opened or last wrote,
   * plus any write since whose outcome we could not be sure of. Anything else is someone else's file.
   */
  private ours: Set<string>;
  /** Set for good once the file on disk is found to be someone else's: nothing is written after that. */
  private changedOnDisk: FileChangedOnDisk | null = null;
  private firstUnsavedChange: Date | null = null;
  private readonly clock: () => Date;
  readonly readOnly: boolean;

  private constructor(
    readonly path: string,
    readonly sql: SqlJsDatabase,
    readonly keyring: Keyring,
    private readonly audit: AuditContext,
    options: OpenOptions,
    /** The fingerprint of the file this one was opened from; null for a new file (there must be none on disk). */
    openedFrom: string | null,
  ) {
    this.db = createKysely(sql, () => this.noteChange());
    this.clock = options.clock ?? (() => new Date());
    this.readOnly = options.readOnly ?? false;
    this.ours = new Set(openedFrom === null ? [] : [openedFrom]);
    this.saver = new SaveScheduler(() => this.saveNow(), {
      delayMs: options.saveDelayMs ?? 250,
      onError: (error) => {
        this.lastSaveError = error instanceof FileChangedOnDisk ? error.message : describeSaveError(error);
        options.onSaveError?.(error);
        options.onSaveProblemChange?.(this.lastSaveError);
      },
      // Trying again cannot mend a file that is someone else's now.
      retries: (error) => !(error instanceof FileChangedOnDisk),
      onSaved: () => options.onSaveProblemChange?.(null),
    });
    // Every row change schedules a save, whichever code made it; the hook misses WITHOUT ROWID tables,
    // so every writing statement run through Kysely schedules one too (see createKysely).
    sql.updateHook(() => this.noteChange());
  }

  /** Who the audit log names for changes made from now on (null: Key Desk itself). */
  get actor(): Actor | null {
    return this.audit.actor;
  }

  set actor(actor: Actor | null) {
    this.audit.actor = actor;
  }

  /** Opens a sealed file with its data key. A body that does not verify is refused, untouched. */
  static async unlock(sealed: SealedDataFile, keyring: Keyring, options: OpenOptions = {}): Promise<DataFile> {
    let bytes: Buffer;
    try {
      bytes = keyring.openFile(sealed.envelope);
    } catch (error) {
      if (error instanceof EnvelopeError) throw refusedFor(error, sealed.path);
      throw error;
    }
    const SQL = await loadSqlJs();
    const audit = new AuditContext(options.clock ?? (() => new Date()));
    // sql.js keeps working in `bytes` itself from here on: do not reuse or wipe it.
    const { db, migrated } = loadDatabase(SQL, bytes, sealed.path, audit.register);
    // Another Key Desk's save in progress owns any temp file while we only read.
    if (!options.readOnly) await removeStaleTempFiles(sealed.path);
    const file = new DataFile(sealed.path, db, keyring, audit, options, sealed.fingerprint);
    if (migrated && !options.readOnly) {
      try {
        await options.beforeMigrationSave?.(sealed);
      } catch (error) {
        file.saver.dispose();
        file.sql.close();
        throw error;
      }
      await file.saveSoon().flush();
    }
    return file;
  }

  /** Makes a new data file in `folder` (created if need be). Refuses to replace an existing file. */
  static async create(
    folder: string,
    keyring: Keyring,
    fill: (file: DataFile) => Promise<void>,
    options: OpenOptions = {},
  ): Promise<DataFile> {
    const path = dataFilePath(folder);
    try {
      await mkdir(folder, { recursive: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new FileRefused('folder-unusable', path, `Key Desk cannot use that folder (${code}). Choose a folder you can save to.`, { cause: error });
    }
    // Only "no such file" means there is none: a file we cannot look at might still be there.
    const exists = await stat(path).then(
      () => true,
      (error: NodeJS.ErrnoException) => error.code !== 'ENOENT',
    );
    if (exists) {
      throw new FileRefused('folder-unusable', path, 'This folder already has a Key Desk data file. Open it instead, or choose an empty folder.');
    }
    const SQL = await loadSqlJs();
    const audit = new AuditContext(options.clock ?? (() => new Date()));
    const file = new DataFile(path, createDatabase(SQL, audit.register), keyring, audit, options, null);
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

  /**
   * Writes the database to disk now, sealed and durably. Only ever between transactions. Refuses to
   * replace a file that is not the one we opened or last wrote; writes a deleted one back.
   */
  async saveNow(): Promise<void> {
    if (this.readOnly) throw new Error('This data file was opened read-only');
    await this.checkStillOurs();
    // Holding Kysely's single connection guarantees no transaction is open while we export.
    const bytes = await this.db.connection().execute(async () => this.sql.export());
    const covered = this.firstUnsavedChange;
    this.firstUnsavedChange = null;
    try {
      const sealed = this.keyring.sealFileChunks(bytes);
      bytes.fill(0);
      await this.writeSealed(sealed);
    } catch (error) {
      this.firstUnsavedChange = covered ?? this.firstUnsavedChange;
      throw error;
    }
    this.lastSaveError = null;
  }

  private async writeSealed(sealed: readonly Uint8Array[]): Promise<void> {
    const writing = fingerprint(sealed);
    // A write that fails may still have replaced the file (the rename done, the folder sync not).
    this.ours.add(writing);
    try {
      await writeFileAtomic(this.path, sealed);
    } catch (error) {
      const landed = await fingerprintOnDisk(this.path).catch(() => undefined);
      if (landed === writing) this.ours = new Set([writing]);
      else if (landed !== undefined) this.ours.delete(writing);
      throw error;
    }
    this.ours = new Set([writing]);
  }

  private async checkStillOurs(): Promise<void> {
    if (this.changedOnDisk) throw this.changedOnDisk;
    const onDisk = await fingerprintOnDisk(this.path);
    // A deleted file is written back: there is nothing newer there to lose.
    if (onDisk === null || this.ours.has(onDisk)) return;
    this.changedOnDisk = new FileChangedOnDisk(this.path);
    throw this.changedOnDisk;
  }

  private noteChange(): void {
    if (this.readOnly) return;
    this.firstUnsavedChange ??= this.clock();
    this.saver.markDirty();
  }

  /** Saves after a change outside the database (a key slot): the header is part of the file. */
  saveSoon(): this {
    this.noteChange();
    return this;
  }

  /** Saves anything pending, then waits for it to be on disk. */
  flush(): Promise<void> {
    return this.saver.flush();
  }

  /**
   * Like flush, and also writes the file again if it has gone from the folder (deleted while open)
   * though nothing changed since: on closing, so the next start finds the data file and not set-up.
   */
  async flushKeepingFile(): Promise<void> {
    const exists = (path: string) =>
      stat(path).then(
        () => true,
        (error: NodeJS.ErrnoException) => error.code !== 'ENOENT',
      );
    if (this.readOnly) return;
    // A folder gone as a whole is a drive not connected: the file is still on it, not deleted.
    if (!(await exists(this.path)) && (await exists(dirname(this.path)))) this.saver.markDirty();
    await this.flush();
  }

  /**
   * Stops saving for good, as when the file on disk is found changed: another Key Desk has taken over
   * the folder (this PC slept past its lock's heartbeat), so nothing from here may be written.
   */
  stopSaving(why: FileChangedOnDisk): void {
    this.changedOnDisk ??= why;
    this.lastSaveError = this.changedOnDisk.message;
  }

  /** When the oldest change not yet on disk was made; null when all of them are saved. */
  get unsavedSince(): Date | null {
    return this.saver.pending ? this.firstUnsavedChange : null;
  }

  /** True once saving has stopped because the file on disk was changed by someone else. */
  get stoppedSaving(): boolean {
    return this.changedOnDisk !== null;
  }

  get hasUnsavedChanges(): boolean {
    return this.saver.pending;
  }

  /** Why the last save failed, while changes are still waiting to be saved. */
  get saveProblem(): string | null {
    return this.saver.pending ? this.lastSaveError : null;
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
