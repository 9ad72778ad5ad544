import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { AppStatus, FileProblem } from '../../shared/api/status';
import { formatUkDate, localIsoDate } from '../../shared/domain/dates';
import { Sessions } from './auth/sessions';
import type { ScryptParams } from './crypto/keys';
import { Keyring } from './crypto/keyring';
import { formatRecoveryKey, newRecoverySecret } from './crypto/recovery-key';
import { BackupService } from './backups/service';
import { sealedFileBytes } from './backups/backup-files';
import type { OpenedBackup } from './backups/open-backup';
import { DataFile, dataFilePath, normaliseFolder, SealedDataFile, type OpenOptions } from './data-file';
import type { Db } from './db/dialect';
import { DEMO_ACCOUNTS, fillDemoData } from './demo/generate';
import { FileChangedOnDisk, FileRefused, UserError } from './errors';
import { CoreEvents } from './events';
import { writeFileAtomic } from './persistence/atomic-write';
import { journalPathFor } from './persistence/journal-file';
import { describeHolder, FolderLock, type LockHolder, type LockOptions } from './persistence/folder-lock';
import { describeSaveError } from './persistence/save-problem';
import { recordEvent, type AuditEvent } from './repositories/audit';
import { listBases } from './repositories/bases';
import { createProvision, getProvision } from './repositories/provision';
import { findStaffByUsername } from './repositories/staff';
import { addStaffMember } from './services/staff';
import type { SettingsStore } from './settings';

/** What differs between the desktop app and browser mode, beyond the transport. */
export interface Platform {
  canChooseFolder: boolean;
  chooseFolder(): Promise<string | null>;
}

export const noFolderPicker: Platform = { canChooseFolder: false, chooseFolder: async () => null };

export interface CoreOptions {
  settings: SettingsStore;
  version: string;
  platform?: Platform;
  /** The wall clock; tests pin it. */
  clock?: () => Date;
  saveDelayMs?: number;
  /** Tests only: how long saving must go quiet before the journal is folded into a snapshot. */
  checkpointIdleMs?: number;
  /**
   * The folder a first run uses (the app's own data folder). Any other saved folder that has gone
   * missing, such as a USB stick or network drive not connected, is reported rather than set up afresh.
   */
  firstRunFolder?: string;
  /** Cost of password hashing; tests lower it. */
  scrypt?: ScryptParams;
  /** Tests only: lock after this many milliseconds without use, whatever the provision's minutes. */
  autoLockMs?: number;
  log?: (message: string, error?: unknown) => void;
  /** The data folder lock's machine name, process id and timings; tests pretend to be other PCs. */
  lock?: Partial<Pick<LockOptions, 'host' | 'pid' | 'user' | 'isAlive' | 'heartbeatMs' | 'staleAfterMs'>>;
}

export interface NewDatabase {
  demo: boolean;
  provisionName?: string | undefined;
  manager?: { name: string; username: string; password: string } | undefined;
  folder?: string | undefined;
}

/**
 * The whole of Key Desk below the UI, with no Electron in it: which data file is open, who is signed
 * in, and the services the handler table calls. One instance per process.
 */
export class KeyDeskCore {
  readonly settings: SettingsStore;
  readonly platform: Platform;
  readonly sessions: Sessions;
  /** Pushes to the window: the screen changes when the core locks or saving fails, not at the next poll. */
  readonly events = new CoreEvents();
  /** The data file as read from disk, still sealed: present from opening the folder until closing it. */
  private sealed: SealedDataFile | null = null;
  /** The unsealed database: present only while someone is signed in (or locked out after inactivity). */
  private file: DataFile | null = null;
  private problem: FileProblem | null = null;
  private readonly clock: () => Date;
  private queue: Promise<unknown> = Promise.resolve();
  /** The save problem the window was last told about, so a retry every few seconds is not news. */
  private toldSaveProblem: string | null = null;
  /** Held while the data file is open to change (signed in, not read-only): one Key Desk per folder. */
  private lock: FolderLock | null = null;
  readonly backups: BackupService;

  constructor(private readonly options: CoreOptions) {
    this.settings = options.settings;
    this.platform = options.platform ?? noFolderPicker;
    this.clock = options.clock ?? (() => new Date());
    this.sessions = new Sessions(this, options.scrypt, options.autoLockMs);
    this.backups = new BackupService(this, { scrypt: options.scrypt, log: options.log });
  }

  /** Opens the data folder the settings name, if any. Never throws for a bad file: status says why. */
  async start(): Promise<void> {
    const folder = this.settings.get().dataFolder;
    if (folder) await this.openFolder(folder);
  }

  /** Runs `work` after every call before it has finished, and before any after it starts. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  today(): string {
    return localIsoDate(this.clock());
  }

  now(): string {
    return this.clock().toISOString();
  }

  clockNow(): Date {
    return this.clock();
  }

  requireFile(): DataFile {
    if (!this.file) throw new UserError('NO_DATABASE', 'No data file is open. Open or create one first.');
    return this.file;
  }

  requireDb(): Db {
    return this.requireFile().db;
  }

  get dataFile(): DataFile | null {
    return this.file;
  }

  get sealedFile(): SealedDataFile | null {
    return this.sealed;
  }

  get folder(): string | null {
    return this.settings.get().dataFolder;
  }

  async status(): Promise<AppStatus> {
    await this.sessions.lockIfIdle();
    const provision = this.file ? await getProvision(this.file.db) : null;
    const session = this.sessions.current;
    const state: AppStatus['state'] = this.problem
      ? 'failed'
      : !this.sealed
        ? 'setup'
        : !session
          ? 'sign-in'
          : session.locked
            ? 'locked'
            : 'ready';
    const isDemo = this.sealed?.demo ?? false;
    const readOnly = this.file?.readOnly ?? false;
    const holder = (state === 'sign-in' || readOnly) && !this.lock ? await this.lockHolder() : null;
    return {
      state,
      dataFolder: this.folder,
      isDemo,
      // A locked screen shows whose session it is, but nothing from inside the provision.
      provisionName: state === 'ready' ? (provision?.name ?? null) : null,
      problem: this.problem,
      user: session?.user ?? null,
      demoAccounts: isDemo && state === 'sign-in' ? DEMO_ACCOUNTS : null,
      autoLockMinutes: provision?.autoLockMinutes ?? null,
      saveProblem: this.file?.saveProblem ?? null,
      saveStopped: this.file?.stoppedSaving ?? false,
      heldElsewhere: holder ? describeHolder(holder, this.today()) : null,
      readOnly,
      canChooseFolder: this.platform.canChooseFolder,
      version: this.options.version,
      today: this.today(),
    };
  }

  /** Switches to the data file in `folder`, or to set-up when it has none. A refused file is reported, not touched. */
  async openFolder(folder: string): Promise<AppStatus> {
    const target = this.checkFolder(folder);
    if (this.sealed && !this.file) {
      // From the sign-in screen: only to another Key Desk data file, so nobody signed in can move the
      // app to an empty folder and start a provision of their own.
      const there = await SealedDataFile.read(target).catch(() => null);
      if (!there) throw new UserError('NOT_FOUND', 'There is no Key Desk data file in that folder.', 'folder');
    }
    await this.closeFile();
    this.sealed = null;
    this.problem = null;
    this.settings.update({ dataFolder: target });
    await this.sessions.useFolder(target);
    if (await this.isMissingFolder(target)) {
      this.problem = {
        kind: 'folder-unusable',
        path: target,
        message: `Key Desk cannot find the folder ${target}. If it is on a USB stick or a network drive, connect it and open the folder again, or choose another folder.`,
      };
      return this.status();
    }
    try {
      this.sealed = await SealedDataFile.read(target);
    } catch (error) {
      if (!(error instanceof FileRefused)) throw error;
      this.refuse(error);
    }
    return this.status();
  }

  /**
   * Starts a new data file, sealed under a new data key with a recovery key, and signs in as its first
   * account: the manager (or, for demo data, the demo manager).
   */
  async createDatabase(input: NewDatabase): Promise<{ status: AppStatus; recoveryKey: string }> {
    const current = this.folder;
    const target = this.checkFolder(input.folder ?? current ?? '');
    if (this.sealed && target === current) {
      throw new UserError('CONFLICT', 'This folder already has a Key Desk data file. Choose another folder for a new one.', 'folder');
    }
    const today = this.today();
    const now = this.now();
    try {
      await mkdir(target, { recursive: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new UserError('CONFLICT', `Key Desk cannot use that folder (${code}). Choose a folder you can save to.`, 'folder');
    }
    const newLock = await this.takeLock(target, 'folder');
    const keyring = Keyring.create({ demo: input.demo, ...(this.options.scrypt ? { scrypt: this.options.scrypt } : {}) });
    const secret = newRecoverySecret();
    await keyring.setRecoveryKey(secret);
    let created: DataFile;
    try {
      created = await DataFile.create(
        target,
        keyring,
        async (file) => {
          if (input.demo) return fillDemoData(file, today, now);
          if (!input.manager) throw new UserError('INVALID_INPUT', 'Enter the first account.', 'manager');
          await createProvision(file.db, { name: input.provisionName ?? 'The Key', isDemo: false }, now);
          const baseIds = (await listBases(file.db, today)).map((b) => b.id);
          await addStaffMember(file, { ...input.manager, roles: ['manager', 'administrator'], baseIds }, today, now);
        },
        this.fileOptions(),
      );
    } catch (error) {
      await newLock.release();
      if (error instanceof FileRefused) throw new UserError('CONFLICT', error.message, 'folder');
      if (error instanceof UserError && error.field && input.manager) throw new UserError(error.code, error.message, `manager.${error.field}`);
      throw error;
    }
    await this.closeFile();
    this.lock = newLock;
    this.problem = null;
    this.settings.update({ dataFolder: target });
    await this.sessions.useFolder(target);
    this.sealed = await SealedDataFile.read(target);
    this.file = created;
    const firstUsername = input.demo ? DEMO_ACCOUNTS[0]?.username : input.manager?.username;
    const first = await findStaffByUsername(created.db, firstUsername ?? '');
    if (!first) throw new Error('The new data file has no first account');
    await this.sessions.begin(created, first.id, 'created-data-file');
    return { status: await this.status(), recoveryKey: formatRecoveryKey(secret) };
  }

  /**
   * Reads the data file again just before signing in, so a session never opens (and then saves over)
   * an older copy than the one on disk: another PC may have saved to a shared folder, or a backup been
   * restored, since the folder was opened. A file refused now is reported, untouched; a file deleted
   * meanwhile is signed in to from the copy already read, and written back by the first save.
   */
  async rereadSealed(): Promise<SealedDataFile | null> {
    const folder = this.folder;
    if (!this.sealed || this.file || !folder) return this.sealed;
    try {
      this.sealed = (await SealedDataFile.read(folder)) ?? this.sealed;
    } catch (error) {
      if (!(error instanceof FileRefused)) throw error;
      this.refuse(error);
    }
    return this.sealed;
  }

  /**
   * In plain words, what is only in memory and not in the data file; null when everything is saved.
   * Said when stopping without saving (browser mode), so nobody believes a change is kept that is not.
   */
  describeUnsaved(): string | null {
    const file = this.file;
    if (!file?.hasUnsavedChanges) return null;
    const since = file.unsavedSince;
    const what = since
      ? `The changes made since ${since.toTimeString().slice(0, 8)} on ${formatUkDate(localIsoDate(since))} were not saved`
      : 'The data file was missing from the folder and could not be written back';
    const why = file.saveProblem ? ` Why: ${file.saveProblem}` : '';
    return `${what}: the data file in ${dirname(file.path)} holds only what was saved before then.${why}`;
  }

  /**
   * Unseals the file for a session. A body that fails to verify is refused, the file untouched. Takes
   * the folder's lock first, unless `readOnly`: then nothing is ever written. While another Key Desk
   * holds the folder, only read-only is allowed, and the refusal says who holds it.
   */
  async unseal(keyring: Keyring, options: { readOnly?: boolean } = {}): Promise<DataFile | null> {
    if (!this.sealed) throw new UserError('NO_DATABASE', 'No data file is open. Open or create one first.');
    if (this.file) throw new UserError('CONFLICT', 'The data file is already open. Sign out first.');
    const readOnly = options.readOnly ?? false;
    if (!readOnly) this.lock = await this.takeLock(dirname(this.sealed.path));
    try {
      this.file = await DataFile.unlock(this.sealed, keyring, { ...this.fileOptions(), readOnly });
    } catch (error) {
      await this.releaseLock();
      if (!(error instanceof FileRefused)) throw error;
      this.refuse(error);
      return null;
    }
    await this.backups.dailyIfDue(this.file);
    return this.file;
  }

  /** The message every change gets while this window has the data read-only. */
  async readOnlyMessage(): Promise<string> {
    const holder = await this.lockHolder();
    const who = holder ? `${describeHolder(holder, this.today())} ` : '';
    return `Key Desk is open read-only in this window, so nothing can be changed here. ${who}To make changes, close Key Desk there, then sign out here and sign in again.`;
  }

  /**
   * Switches the data to a verified backup: the open file is saved and closed, the backup's sealed bytes
   * replace the data file atomically (the folder's lock held throughout), and the restore is written
   * into the restored data's own audit trail. Everyone then signs in again.
   */
  async replaceWithBackup(backup: OpenedBackup, note: AuditEvent): Promise<void> {
    const folder = this.folder;
    if (!folder || !this.file) throw new UserError('NO_DATABASE', 'No data file is open. Open or create one first.');
    await this.closeFile({ keepLock: true });
    try {
      // The journal belongs to the snapshot being replaced (closing folded it in, and the data as it
      // was is kept as a backup already): the restored snapshot starts without one.
      await rm(journalPathFor(dataFilePath(folder)), { force: true });
      await writeFileAtomic(dataFilePath(folder), sealedFileBytes(backup.envelope));
      this.sealed = await SealedDataFile.read(folder);
      if (!this.sealed) throw new Error('The restored data file is not there');
      const restored = await DataFile.unlock(this.sealed, backup.keyring, this.fileOptions());
      try {
        await recordEvent(restored.db, note);
      } finally {
        await restored.close();
      }
      this.sealed = await SealedDataFile.read(folder);
    } catch (error) {
      if (error instanceof FileRefused) this.refuse(error);
      else {
        this.options.log?.('Restoring a backup failed', error);
        this.sealed = await SealedDataFile.read(folder).catch(() => this.sealed);
        throw new UserError('CONFLICT', `The backup could not be restored. ${describeSaveError(error)}`);
      }
    } finally {
      await this.releaseLock();
      this.events.statusChanged();
    }
  }

  /** Saves and closes the unsealed database and goes back to the sealed file on disk (signing out). */
  async reseal(): Promise<void> {
    await this.closeFile();
    const folder = this.folder;
    if (!folder) return;
    try {
      this.sealed = await SealedDataFile.read(folder);
    } catch (error) {
      if (!(error instanceof FileRefused)) throw error;
      this.refuse(error);
    }
  }

  /** Saves anything pending and closes the file: on quit, and before switching folders. */
  close(): Promise<void> {
    return this.exclusive(() => this.closeFile());
  }

  private async isMissingFolder(folder: string): Promise<boolean> {
    const firstRun = this.options.firstRunFolder;
    if (firstRun === undefined || resolve(firstRun) === folder) return false;
    return stat(folder).then(
      () => false,
      (error: NodeJS.ErrnoException) => error.code === 'ENOENT',
    );
  }

  private refuse(error: FileRefused): void {
    this.options.log?.(`Data file refused: ${error.message}`, error.cause);
    this.problem = error.toProblem();
    this.sealed = null;
  }

  private async closeFile(options: { keepLock?: boolean } = {}): Promise<void> {
    const file = this.file;
    if (!file) {
      if (!options.keepLock) await this.releaseLock();
      return;
    }
    // If saving fails the file stays open (and keeps retrying), so nothing in memory is lost.
    try {
      await file.flushKeepingFile();
    } catch (error) {
      if (error instanceof FileChangedOnDisk) throw new UserError('CONFLICT', error.message);
      throw new UserError('CONFLICT', `${describeSaveError(error)} Key Desk has kept everything open: try again once that is sorted.`);
    }
    this.sessions.end();
    this.file = null;
    await file.close();
    if (!options.keepLock) await this.releaseLock();
  }

  /** Who holds the data folder's lock, when it is someone else; null when free, stale or ours. */
  private async lockHolder(): Promise<LockHolder | null> {
    const folder = this.folder;
    if (!folder || this.lock) return null;
    return FolderLock.peek(folder, this.lockOptions()).catch(() => null);
  }

  /** Takes the lock on `folder` (or keeps the one held there); refuses, saying who holds it, when another Key Desk does. */
  private async takeLock(folder: string, field?: string): Promise<FolderLock> {
    if (this.lock && !this.lock.isReleased && dirname(this.lock.path) === folder) return this.lock;
    let result;
    try {
      result = await FolderLock.acquire(folder, this.lockOptions());
    } catch (error) {
      // A folder that cannot hold a lock file (read-only) cannot be saved to either: open it read-only.
      throw new UserError('IN_USE', `Key Desk cannot use the data folder ${folder} to change anything: ${describeSaveError(error)} You can still sign in read-only to look things up.`, field);
    }
    if (!result.acquired) {
      throw new UserError(
        'IN_USE',
        `${describeHolder(result.holder, this.today())} Only one Key Desk at a time can change the data. Sign in read-only to look things up, or close Key Desk there and try again.`,
        field,
      );
    }
    if (result.tookOverFrom) {
      this.options.log?.(`Took over the data folder from a Key Desk on ${result.tookOverFrom.host} that is no longer running.`);
    }
    return result.lock;
  }

  private async releaseLock(): Promise<void> {
    const lock = this.lock;
    this.lock = null;
    await lock?.release();
  }

  private lockOptions(): LockOptions {
    return {
      version: this.options.version,
      clock: this.clock,
      ...this.options.lock,
      log: this.options.log,
      onLost: (holder: LockHolder | null) => this.lockLost(holder),
    };
  }

  /** This PC slept (or lost the network) past its heartbeat and another Key Desk took the folder over. */
  private lockLost(holder: LockHolder | null): void {
    const file = this.file;
    this.lock = null;
    if (!file || file.readOnly) return;
    const who = holder ? ` (${describeHolder(holder, this.today())})` : '';
    file.stopSaving(
      new FileChangedOnDisk(
        file.path,
        `Another Key Desk has taken over this data folder${who}, because this PC stopped answering for a while (asleep, or off the network). ` +
          'Key Desk has stopped saving here so that nothing is overwritten: changes made in this window since then will not be saved. ' +
          'Note down anything you need to keep, then close Key Desk here.',
      ),
    );
    this.events.statusChanged();
  }

  private checkFolder(folder: string, field = 'folder'): string {
    if (!folder.trim()) throw new UserError('INVALID_INPUT', 'Choose a folder for the data file.', field);
    try {
      return normaliseFolder(folder.trim());
    } catch (error) {
      if (error instanceof FileRefused) throw new UserError('INVALID_INPUT', error.message, field);
      throw error;
    }
  }

  private fileOptions(): OpenOptions {
    return {
      clock: this.clock,
      beforeMigrationSave: (sealed) => this.backups.beforeMigration(sealed),
      // A classroom PC left on overnight still gets its daily backup, at the first quiet moment of the day.
      afterIdleCheckpoint: async () => (this.file ? this.backups.dailyIfDue(this.file) : null),
      ...(this.options.saveDelayMs !== undefined ? { saveDelayMs: this.options.saveDelayMs } : {}),
      ...(this.options.checkpointIdleMs !== undefined ? { checkpointIdleMs: this.options.checkpointIdleMs } : {}),
      onSaveError: (error: unknown) =>
        error instanceof FileChangedOnDisk
          ? this.options.log?.('The data file was changed on disk by something else; saving has stopped so as not to overwrite it.')
          : this.options.log?.('Saving the data file failed; will retry.', error),
      onSaveProblemChange: (problem: string | null) => {
        if (problem === this.toldSaveProblem) return;
        this.toldSaveProblem = problem;
        this.events.statusChanged();
      },
    };
  }
}
