import { join } from 'node:path';
import type { BackupEntry, BackupList, BackupSummary } from '../../../shared/api/specs/backups';
import { localIsoDate } from '../../../shared/domain/dates';
import type { KeyDeskCore } from '../core';
import type { ScryptParams } from '../crypto/keys';
import { normaliseFolder, type DataFile, type SealedDataFile } from '../data-file';
import { FileRefused, UserError } from '../errors';
import { describeSaveError } from '../persistence/save-problem';
import { BACKUPS_FOLDER_NAME, listBackups, sealedFileBytes, writeBackup } from './backup-files';
import { openBackup, type OpenedBackup } from './open-backup';
import { backupsToKeep } from './rotation';
import { backupSnapshot } from './snapshot';
import { unlink } from 'node:fs/promises';

export interface OpenBackupInput {
  name: string;
  folder?: string | undefined;
  password?: string | undefined;
  recoveryKey?: string | undefined;
}

/**
 * Backups of the open data file: daily (at the first sign-in of the day) and before every migration
 * into the backups folder beside the data, kept by rotation; "Back up now" to any folder; and restore,
 * which checks a backup fully before anything is switched.
 */
export class BackupService {
  /** Why the last automatic backup failed; null once one works. */
  lastProblem: string | null = null;

  constructor(
    private readonly core: KeyDeskCore,
    private readonly options: { scrypt?: ScryptParams | undefined; log?: ((message: string, error?: unknown) => void) | undefined },
  ) {}

  /** The backups folder beside the data file. */
  automaticFolder(): string {
    const folder = this.core.folder;
    if (!folder) throw new UserError('NO_DATABASE', 'No data file is open. Open or create one first.');
    return join(folder, BACKUPS_FOLDER_NAME);
  }

  async list(folder?: string): Promise<BackupList> {
    const automatic = this.automaticFolder();
    const target = folder ? this.checkFolder(folder) : automatic;
    try {
      return { folder: target, automatic: target === automatic, backups: await listBackups(target), lastProblem: this.lastProblem };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new UserError('CONFLICT', `Key Desk cannot look in the folder ${target} (${code}).`, 'folder');
    }
  }

  /**
   * The first time the data is opened on a day with no backup yet, makes one; so does the first
   * checkpoint after saving goes quiet on such a day. Never stops the opening.
   */
  async dailyIfDue(file: DataFile): Promise<BackupEntry | null> {
    if (file.readOnly) return null;
    try {
      const folder = this.automaticFolder();
      const today = this.core.today();
      const existing = await listBackups(folder);
      if (existing.some((b) => localIsoDate(new Date(b.takenAt)) === today)) return null;
      const backup = await writeBackup(folder, 'daily', this.core.clockNow(), await backupSnapshot(file));
      await this.prune(folder);
      this.lastProblem = null;
      // Not in the audit trail: it would be a line a day saying nothing anyone did (the list shows them).
      return backup;
    } catch (error) {
      this.lastProblem = `The daily backup could not be made in ${this.automaticFolderOrNone()}. ${describeSaveError(error)}`;
      this.options.log?.('The daily backup failed', error);
      return null;
    }
  }

  /**
   * Keeps the data file exactly as it was read (still sealed) before a migration first saves over it.
   * If that cannot be done the migration is not saved and the file is not opened.
   */
  async beforeMigration(sealed: SealedDataFile): Promise<void> {
    const folder = this.automaticFolder();
    try {
      await writeBackup(folder, 'before-migration', this.core.clockNow(), sealedFileBytes(sealed.envelope));
    } catch (error) {
      throw new FileRefused(
        'folder-unusable',
        sealed.path,
        `This version of Key Desk needs to update the data file, and keeps a backup of it first, but the backup could not be written in ${folder}. ${describeSaveError(error)} Nothing has been changed.`,
        { cause: error },
      );
    }
    await this.prune(folder).catch((error: unknown) => this.options.log?.('Tidying old backups failed', error));
  }

  /** Back up now: the data as it is this moment, into `folder` (a USB stick) or the backups folder. */
  async backUpNow(folder?: string): Promise<{ folder: string; backup: BackupEntry }> {
    const file = this.core.requireFile();
    const target = folder ? this.checkFolder(folder) : this.automaticFolder();
    let backup: BackupEntry;
    try {
      backup = await writeBackup(target, 'manual', this.core.clockNow(), await backupSnapshot(file));
    } catch (error) {
      throw new UserError('CONFLICT', `The backup could not be written in ${target}. ${describeSaveError(error)}`, 'folder');
    }
    await this.core.sessions.record('backed-up', `backup now to ${target}: ${backup.name}`);
    return { folder: target, backup };
  }

  /** Opens and checks a backup; says what is in it. Changes nothing. */
  async inspect(input: OpenBackupInput): Promise<BackupSummary> {
    return (await this.open(input)).summary;
  }

  /**
   * Restores a verified backup: the data as it is now is backed up first (before-restore), then the
   * backup replaces the data file and everyone signs in again. A backup that does not verify is
   * refused before anything is written.
   */
  async restore(input: OpenBackupInput): Promise<{ keptAs: string }> {
    const opened = await this.open(input);
    const file = this.core.requireFile();
    const user = this.core.sessions.requireUser();
    const when = new Date(opened.summary.takenAt).toISOString().slice(0, 16).replace('T', ' ');
    await this.core.sessions.record('restoring-backup', `${opened.summary.name} (made ${when} UTC)`);
    let kept: BackupEntry;
    try {
      await file.flush();
      kept = await writeBackup(this.automaticFolder(), 'before-restore', this.core.clockNow(), await backupSnapshot(file));
    } catch (error) {
      throw new UserError(
        'CONFLICT',
        `Key Desk could not keep a backup of the data as it is now, so it has not restored anything. ${describeSaveError(error)}`,
      );
    }
    await this.core.replaceWithBackup(opened, {
      action: 'restored-backup',
      at: this.core.now(),
      staffId: user.id,
      staffName: user.name,
      detail: `from ${opened.summary.name}; the data before was kept as ${kept.name}`,
    });
    return { keptAs: kept.name };
  }

  private async open(input: OpenBackupInput): Promise<OpenedBackup> {
    const file = this.core.requireFile();
    const folder = input.folder ? this.checkFolder(input.folder) : this.automaticFolder();
    return openBackup(join(folder, input.name), input.name, {
      provisionId: file.keyring.provisionId,
      username: this.core.sessions.requireUser().username,
      password: input.password,
      recoveryKey: input.recoveryKey,
      scrypt: this.options.scrypt,
    });
  }

  /** Removes the automatic backups rotation no longer keeps. */
  private async prune(folder: string): Promise<void> {
    const backups = await listBackups(folder);
    const keep = backupsToKeep(backups);
    for (const backup of backups) {
      if (!keep.has(backup.name)) await unlink(join(folder, backup.name)).catch(() => undefined);
    }
  }

  private automaticFolderOrNone(): string {
    try {
      return this.automaticFolder();
    } catch {
      return 'the backups folder';
    }
  }

  private checkFolder(folder: string): string {
    try {
      return normaliseFolder(folder.trim());
    } catch (error) {
      if (error instanceof FileRefused) throw new UserError('INVALID_INPUT', error.message, 'folder');
      throw error;
    }
  }
}
