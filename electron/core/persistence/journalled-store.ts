import { createHash, randomUUID } from 'node:crypto';
import { closeSync, fdatasyncSync, fstatSync, openSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Database as SqlJsDatabase } from 'sql.js';
import type { JournalRef } from '../crypto/envelope';
import type { Keyring } from '../crypto/keyring';
import type { MemoryFileSystem } from '../db/sqljs';
import { FileChangedOnDisk } from '../errors';
import { writeFileAtomic } from './atomic-write';
import { journalPathFor, sameStamp, stampOf, stampOnDisk, type FileStamp } from './journal-file';
import { encodeRecord, JOURNAL_HEADER_BYTES, journalHeader, startOfJournal, type JournalPosition } from './journal-format';
import { checkpointAndCopy, committedSince, hasCommittedSince } from './wal';

/** Names one exact content of a file, so a save can tell whether the file on disk is still one of ours. */
export function fingerprint(bytes: Uint8Array | readonly Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const chunk of bytes instanceof Uint8Array ? [bytes] : bytes) hash.update(chunk);
  return hash.digest('hex');
}

/** The fingerprint of the file on disk now; null when there is none. Other read errors are thrown. */
export async function fingerprintOnDisk(path: string): Promise<string | null> {
  try {
    return fingerprint(await readFile(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** How the files on disk stood when the database was opened (or, for a new file, that there are none). */
export interface StoreStart {
  /** The fingerprint of the snapshot read; null for a new file. */
  snapshotFingerprint: string | null;
  snapshotStamp: FileStamp | null;
  /** The journal the snapshot names (null: a file from before the journal, or a new one). */
  journalOnDisk: string | null;
  journalStamp: FileStamp | null;
  /** Where the next record goes; null when the next save must write a whole snapshot first. */
  position: JournalPosition | null;
  /** The byte just after the journal's last record (the space after it is zeros kept for the next ones). */
  journalEnd: number;
  /** How much of SQLite's log the journal already holds. */
  shipped: number;
}

export interface StoreOptions {
  /** A journal this long is folded into a new snapshot at the next save. */
  journalLimitBytes: number;
  /** Runs `work` while no transaction is open (it holds Kysely's one connection). */
  betweenTransactions: <T>(work: () => T) => Promise<T>;
}

export type SaveKind = 'nothing' | 'record' | 'snapshot';

/**
 * Zeros written ahead of the journal's records, and again each time they run out. A record then
 * overwrites zeros already on disk, so its fdatasync flushes only the data and not the file's new size
 * (on ext4 and NTFS that is a second write, to the file system's own journal). About 60 marks'
 * records; every checkpoint starts a new journal with the room written.
 */
export const JOURNAL_ROOM_BYTES = 256 * 1024;

/**
 * The data file on disk: a sealed snapshot (`keydesk.db`) and the sealed change journal beside it
 * (`keydesk.db.journal`). A save appends the transactions committed since the last one as one journal
 * record (one write, one fdatasync); a checkpoint writes a whole new snapshot atomically and starts a
 * new journal. Before writing it checks that both files are still the ones it wrote, and never writes
 * over someone else's.
 */
export class JournalledStore {
  readonly journalPath: string;
  /** Key slots changed: they live in the snapshot's header, so the next save writes a snapshot. */
  headerChanged = false;
  /** The next save writes a snapshot even if the journal could take a record (idle, quit, backups). */
  snapshotWanted = false;
  private ours: Set<string>;
  private snapshotStamp: FileStamp | null = null;
  private journalOnDisk: string | null;
  private journalStamp: FileStamp | null;
  private position: JournalPosition | null;
  private shipped: number;
  /** Where in the journal file the next record is written. */
  private journalEnd: number;
  /** The journal, open for appending (a file descriptor: see append()). */
  private fd: number | null = null;
  private changedOnDisk: FileChangedOnDisk | null = null;

  constructor(
    readonly path: string,
    private readonly sql: SqlJsDatabase,
    private readonly fs: MemoryFileSystem,
    private readonly keyring: Keyring,
    start: StoreStart,
    private readonly options: StoreOptions,
  ) {
    this.journalPath = journalPathFor(path);
    this.ours = new Set(start.snapshotFingerprint === null ? [] : [start.snapshotFingerprint]);
    this.snapshotStamp = start.snapshotStamp;
    this.journalOnDisk = start.journalOnDisk;
    this.journalStamp = start.journalStamp;
    this.position = start.position;
    this.shipped = start.shipped;
    this.journalEnd = start.journalEnd;
  }

  /** Whether anything committed (or a key slot changed) is not yet on disk. */
  get pending(): boolean {
    return this.headerChanged || hasCommittedSince(this.fs, this.sql, this.shipped);
  }

  /** Whether the journal holds records a checkpoint would fold into the snapshot. */
  get journalHasRecords(): boolean {
    return this.position === null || this.position.seq > 0;
  }

  /** Stops saving for good: the files on disk are someone else's now (see DataFile.stopSaving). */
  stop(why: FileChangedOnDisk): void {
    this.changedOnDisk ??= why;
  }

  get stoppedSaving(): boolean {
    return this.changedOnDisk !== null;
  }

  /** How long the journal's records are (the zeros kept after them not counted). */
  get journalBytes(): number {
    return this.journalEnd;
  }

  /** Saves what is pending: one journal record, or a whole snapshot when only that will do. */
  async save(): Promise<SaveKind> {
    const { snapshotMissing, journalMissing } = await this.checkStillOurs();
    const mustSnapshot =
      this.position === null ||
      this.headerChanged ||
      this.snapshotWanted ||
      snapshotMissing ||
      journalMissing ||
      this.journalBytes >= this.options.journalLimitBytes;
    if (mustSnapshot) {
      await this.writeSnapshot();
      return 'snapshot';
    }
    const wal = await this.options.betweenTransactions(() => committedSince(this.fs, this.sql, this.shipped));
    if (wal.length === 0) return 'nothing';
    try {
      await this.append(wal);
    } finally {
      // Our copy of the log; the database itself stays in memory, as every snapshot's copy is wiped too.
      wal.fill(0);
    }
    return 'record';
  }

  async close(): Promise<void> {
    const fd = this.fd;
    this.fd = null;
    if (fd !== null) closeSync(fd);
  }

  /**
   * One record: one write and one fdatasync, made with the synchronous calls. The core runs in a
   * worker thread, so nothing waits on them but the call being saved, and each asynchronous call would
   * add a hop through Node's thread pool (about a tenth of a millisecond) to a save that is mostly the
   * disk's flush.
   */
  private async append(wal: Uint8Array): Promise<void> {
    const at = this.position;
    const stamp = this.journalStamp;
    if (!at || !stamp) throw new Error('no journal to append to');
    if (this.fd === null) {
      const fd = openSync(this.journalPath, 'r+');
      if (!sameStamp(stampOf(fstatSync(fd)), stamp)) {
        closeSync(fd);
        throw this.changed(this.journalPath);
      }
      this.fd = fd;
    }
    const fd = this.fd;
    const record = encodeRecord(this.keyring, at, wal);
    const { next } = record;
    // Over zeros written earlier where there is room, so the file's size (metadata) need not be flushed
    // with it; otherwise with more zeros after it, for the records to come.
    const bytes = this.journalEnd + record.bytes.length <= stamp.size ? record.bytes : Buffer.concat([record.bytes, Buffer.alloc(JOURNAL_ROOM_BYTES)]);
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written, this.journalEnd + written);
      fdatasyncSync(fd);
    } catch (error) {
      // Part of the record may be on disk: a whole snapshot next time, never a record after it.
      this.position = null;
      try {
        this.journalStamp = stampOf(fstatSync(fd));
      } catch {
        // Keep the stamp we had: the next save's check decides.
      }
      throw error;
    }
    this.position = next;
    this.shipped += wal.length;
    this.journalEnd += record.bytes.length;
    this.journalStamp = stampOf(fstatSync(fd));
  }

  /**
   * Checkpoint: folds SQLite's log into the database, seals it as a new snapshot naming a new journal
   * (and the current one as its previous: whatever is in that is in the snapshot), writes it
   * atomically, then starts the new journal. A crash between the two leaves the new snapshot and the
   * previous journal, which opening knows to skip.
   */
  private async writeSnapshot(): Promise<void> {
    const ref: JournalRef = { id: randomUUID(), previous: this.journalOnDisk };
    const headerChanged = this.headerChanged;
    this.headerChanged = false;
    this.position = null;
    await this.close();
    try {
      const database = await this.options.betweenTransactions(() => {
        const bytes = checkpointAndCopy(this.fs, this.sql);
        this.shipped = 0;
        return bytes;
      });
      const sealed = this.keyring.sealFileChunks(database, ref);
      database.fill(0);
      await this.writeSealed(sealed);
    } catch (error) {
      this.headerChanged ||= headerChanged;
      throw error;
    }
    await writeFileAtomic(this.journalPath, [journalHeader(ref.id), Buffer.alloc(JOURNAL_ROOM_BYTES)]);
    this.journalEnd = JOURNAL_HEADER_BYTES;
    this.journalOnDisk = ref.id;
    this.journalStamp = stampOnDisk(this.journalPath);
    this.position = startOfJournal(ref.id);
    this.snapshotWanted = false;
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
      this.snapshotStamp = null;
      throw error;
    }
    this.ours = new Set([writing]);
    try {
      this.snapshotStamp = stampOnDisk(this.path);
    } catch {
      this.snapshotStamp = null;
    }
  }

  private changed(path: string): FileChangedOnDisk {
    this.changedOnDisk = new FileChangedOnDisk(path);
    return this.changedOnDisk;
  }

  /**
   * Refuses to go on when either file on disk is not one we read or wrote. A deleted one is written
   * back (there is nothing newer there to lose). The snapshot is only read and hashed when its stamp
   * differs from the one we know (after an uncertain write, or on the first save).
   */
  private async checkStillOurs(): Promise<{ snapshotMissing: boolean; journalMissing: boolean }> {
    if (this.changedOnDisk) throw this.changedOnDisk;
    // Two stat calls, synchronous for the reason append() gives.
    const snapshot = stampOnDisk(this.path);
    if (snapshot !== null && !sameStamp(snapshot, this.snapshotStamp)) {
      const onDisk = await fingerprintOnDisk(this.path);
      if (onDisk !== null && !this.ours.has(onDisk)) throw this.changed(this.path);
      this.snapshotStamp = snapshot;
    }
    const journal = stampOnDisk(this.journalPath);
    if (journal !== null && this.journalStamp !== null && !sameStamp(journal, this.journalStamp)) throw this.changed(this.journalPath);
    return { snapshotMissing: snapshot === null, journalMissing: journal === null && this.position !== null };
  }
}
