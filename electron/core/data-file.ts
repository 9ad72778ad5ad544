import { mkdir, open, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Database as SqlJsDatabase } from 'sql.js';
import { decodeEnvelope, EnvelopeError, type Envelope } from './crypto/envelope';
import type { Keyring } from './crypto/keyring';
import { createKysely, type Db } from './db/dialect';
import { createDatabase, loadDatabase } from './db/open';
import { loadSqlJs, type MemoryFileSystem } from './db/sqljs';
import { FileChangedOnDisk, FileRefused } from './errors';
import { removeStaleTempFiles } from './persistence/atomic-write';
import { journalPathFor, readJournalFile, stampOf, type FileStamp } from './persistence/journal-file';
import { fingerprint, JournalledStore, type StoreStart } from './persistence/journalled-store';
import { describeSaveError } from './persistence/save-problem';
import { SaveScheduler } from './persistence/save-scheduler';

export const DATA_FILE_NAME = 'keydesk.db';

export const dataFilePath = (folder: string) => join(folder, DATA_FILE_NAME);

export interface OpenOptions {
  /** Debounce for saves not made at the end of a call (a call saves before it answers). */
  saveDelayMs?: number;
  /** A journal this long is folded into a new snapshot at the next save (default 4 MiB). */
  journalLimitBytes?: number;
  /** After this long without a save, the journal is folded into a new snapshot (default one minute). */
  checkpointIdleMs?: number;
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
  /** After a checkpoint made because saving went quiet (the daily backup is checked then too). */
  afterIdleCheckpoint?: () => Promise<unknown>;
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

/** A data file read from disk but still sealed: enough to show the sign-in screen, nothing more. */
export class SealedDataFile {
  constructor(
    readonly path: string,
    readonly envelope: Envelope,
    /** Of the bytes read: a session opened from them may only ever replace this very file. */
    readonly fingerprint: string,
    /** The file's stamp when read, so the first save need not read it again to know it is unchanged. */
    readonly stamp: FileStamp | null = null,
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
    let stamp: FileStamp;
    try {
      const handle = await open(path, 'r');
      try {
        stamp = stampOf(await handle.stat());
        bytes = await handle.readFile();
      } finally {
        await handle.close();
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return null;
      throw new FileRefused('unreadable', path, `The data file could not be read (${code ?? 'unknown error'}). It has been left as it is.`, {
        cause: error,
      });
    }
    try {
      return new SealedDataFile(path, decodeEnvelope(bytes), fingerprint(bytes), bytes.length === stamp.size ? stamp : null);
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
  private readonly store: JournalledStore;
  private closed = false;
  private lastSaveError: string | null = null;
  private firstUnsavedChange: Date | null = null;
  private readonly clock: () => Date;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  readonly readOnly: boolean;

  private constructor(
    readonly path: string,
    readonly sql: SqlJsDatabase,
    readonly keyring: Keyring,
    private readonly audit: AuditContext,
    private readonly options: OpenOptions,
    fs: MemoryFileSystem,
    /** How the files on disk stood when opened; for a new file, that there are none (there must be none). */
    start: StoreStart,
  ) {
    // Kysely's writes only date the first unsaved change: what is saved is read from SQLite's log.
    this.db = createKysely(sql, () => this.noteChange());
    this.clock = options.clock ?? (() => new Date());
    this.readOnly = options.readOnly ?? false;
    this.store = new JournalledStore(path, sql, fs, keyring, start, {
      journalLimitBytes: options.journalLimitBytes ?? 4 * 1024 * 1024,
      // Holding Kysely's single connection guarantees no transaction is open meanwhile.
      betweenTransactions: (work) => this.db.connection().execute(async () => work()),
    });
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
  }

  /** Who the audit log names for changes made from now on (null: Key Desk itself). */
  get actor(): Actor | null {
    return this.audit.actor;
  }

  set actor(actor: Actor | null) {
    this.audit.actor = actor;
  }

  /** The change journal beside the data file. */
  get journalPath(): string {
    return this.store.journalPath;
  }

  /** How long the change journal is on disk now, in bytes. */
  get journalBytes(): number {
    return this.store.journalBytes;
  }

  /**
   * Opens a sealed file with its data key: verifies the snapshot, replays the change journal beside
   * it and lets SQLite recover. A body or journal that does not verify is refused, untouched; only a
   * last journal record cut short by a crash (never acknowledged) is left out. Writes nothing unless
   * migrations ran.
   */
  static async unlock(sealed: SealedDataFile, keyring: Keyring, options: OpenOptions = {}): Promise<DataFile> {
    let bytes: Buffer;
    try {
      bytes = keyring.openFile(sealed.envelope);
    } catch (error) {
      if (error instanceof EnvelopeError) throw refusedFor(error, sealed.path);
      throw error;
    }
    const expected = sealed.envelope.header.journal ?? null;
    const journal = await readJournalFile(journalPathFor(sealed.path), expected, keyring);
    const SQL = await loadSqlJs();
    const audit = new AuditContext(options.clock ?? (() => new Date()));
    const changes = journal.contents?.kind === 'changes' ? journal.contents : null;
    // sql.js keeps working in `bytes` itself from here on: do not reuse or wipe it.
    const { db, migrated, rebuilt } = loadDatabase(SQL, bytes, sealed.path, audit.register, changes?.wal);
    // A torn tail, a journal already folded in, one in the earlier format, or a rebuilt file: the next
    // save writes a whole snapshot.
    const appendable = changes !== null && !changes.tornTail && !changes.deflated && !rebuilt;
    const start: StoreStart = {
      snapshotFingerprint: sealed.fingerprint,
      snapshotStamp: sealed.stamp,
      journalOnDisk: changes ? changes.next.id : journal.contents ? (expected?.previous ?? null) : null,
      journalStamp: journal.stamp,
      position: appendable ? changes.next : null,
      journalEnd: appendable ? changes.validBytes : 0,
      shipped: changes && !rebuilt ? changes.wal.length : 0,
    };
    // Another Key Desk's save in progress owns any temp file while we only read.
    if (!options.readOnly) {
      await removeStaleTempFiles(sealed.path);
      await removeStaleTempFiles(journalPathFor(sealed.path));
    }
    const file = new DataFile(sealed.path, db, keyring, audit, options, SQL.keyDeskFS, start);
    if (migrated && !options.readOnly) {
      try {
        await options.beforeMigrationSave?.(sealed);
      } catch (error) {
        file.saver.dispose();
        await file.store.close();
        file.sql.close();
        throw error;
      }
      await file.flush();
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
    const start: StoreStart = { snapshotFingerprint: null, snapshotStamp: null, journalOnDisk: null, journalStamp: null, position: null, journalEnd: 0, shipped: 0 };
    const file = new DataFile(path, createDatabase(SQL, audit.register), keyring, audit, options, SQL.keyDeskFS, start);
    try {
      await fill(file);
    } catch (error) {
      // Nothing of a half-filled database may reach the disk.
      file.saver.dispose();
      await file.store.close();
      file.sql.close();
      throw error;
    }
    await file.checkpoint();
    return file;
  }

  /**
   * Writes what has changed to disk now, durably: the transactions committed since the last save as
   * one journal record, or a whole new snapshot when only that will do (a checkpoint). Refuses to
   * write over files that are not the ones we opened or wrote; writes a deleted one back.
   */
  async saveNow(): Promise<void> {
    if (this.readOnly) throw new Error('This data file was opened read-only');
    const covered = this.firstUnsavedChange;
    this.firstUnsavedChange = null;
    try {
      const saved = await this.store.save();
      if (saved === 'record') this.checkpointWhenIdle();
    } catch (error) {
      this.firstUnsavedChange = covered ?? this.firstUnsavedChange;
      throw error;
    }
    this.lastSaveError = null;
  }

  /**
   * Folds the journal into a new snapshot now: on quit, at sign-out, when idle, and before a backup
   * is taken (the snapshot and its empty journal are then the whole database). Throws if it fails.
   */
  async checkpoint(): Promise<void> {
    if (this.closed) throw new Error('The data file is closed.');
    this.store.snapshotWanted = true;
    this.saver.markDirty();
    await this.saver.flush();
  }

  private checkpointWhenIdle(): void {
    // Started again from now: cheaper than a new timer on every save.
    if (this.idleTimer) {
      this.idleTimer.refresh();
      return;
    }
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      // A failure is reported like any save's, and the journal keeps everything meanwhile.
      if (!this.closed && this.store.journalHasRecords) {
        void this.checkpoint()
          .then(() => (this.closed ? undefined : this.options.afterIdleCheckpoint?.()))
          .catch(() => undefined);
      }
    }, this.options.checkpointIdleMs ?? 60_000);
    this.idleTimer.unref?.();
  }

  private noteChange(): void {
    if (this.readOnly) return;
    this.firstUnsavedChange ??= this.clock();
    this.saver.markDirty();
  }

  /** Saves after a change outside the database (a key slot): the header is part of the snapshot. */
  saveSoon(): this {
    this.store.headerChanged = true;
    this.noteChange();
    return this;
  }

  /** Saves anything committed and not yet on disk, then waits for it to be there. Throws if it fails. */
  async flush(): Promise<void> {
    // A save can run while more commits land: go round until nothing is left (a few times at most).
    for (let round = 0; round < 3; round++) {
      if (this.store.pending) this.saver.markDirty();
      await this.saver.flush();
      if (!this.store.pending) return;
    }
  }

  /**
   * What a call does before it answers: everything it committed is made durable. A failure does not
   * fail the call (what it changed is kept in memory); it is reported as a save problem and retried.
   */
  async saveCommitted(): Promise<void> {
    if (this.readOnly || this.closed || (!this.store.pending && !this.saver.pending)) return;
    await this.flush().catch(() => undefined);
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
    if (!(await exists(this.path)) && (await exists(dirname(this.path)))) {
      this.store.snapshotWanted = true;
      this.saver.markDirty();
    }
    await this.flush();
  }

  /**
   * Stops saving for good, as when the file on disk is found changed: another Key Desk has taken over
   * the folder (this PC slept past its lock's heartbeat), so nothing from here may be written.
   */
  stopSaving(why: FileChangedOnDisk): void {
    this.store.stop(why);
    this.lastSaveError = why.message;
  }

  /** When the oldest change not yet on disk was made; null when all of them are saved. */
  get unsavedSince(): Date | null {
    return this.hasUnsavedChanges ? this.firstUnsavedChange : null;
  }

  /** True once saving has stopped because a file on disk was changed by someone else. */
  get stoppedSaving(): boolean {
    return this.store.stoppedSaving;
  }

  get hasUnsavedChanges(): boolean {
    return this.saver.pending || this.store.pending;
  }

  /** Why the last save failed, while changes are still waiting to be saved. */
  get saveProblem(): string | null {
    return this.hasUnsavedChanges ? this.lastSaveError : null;
  }

  /** Saves anything pending, folds the journal into the snapshot, and closes. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (!this.readOnly) {
      await this.flush();
      // Everything is in the journal already: a checkpoint that fails now loses nothing.
      if (this.store.journalHasRecords && !this.store.stoppedSaving) await this.checkpoint().catch(() => undefined);
    }
    this.closed = true;
    this.saver.dispose();
    await this.store.close();
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
