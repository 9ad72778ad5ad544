import type { AppStatus, FileProblem } from '../../shared/api/status';
import { localIsoDate } from '../../shared/domain/dates';
import { DataFile, normaliseFolder } from './data-file';
import type { Db } from './db/dialect';
import { DEMO_PROVISION_NAME, fillDemoData } from './demo/generate';
import { FileRefused, UserError } from './errors';
import { createProvision, getProvision } from './repositories/provision';
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
  log?: (message: string, error?: unknown) => void;
}

/**
 * The whole of Key Desk below the UI, with no Electron in it: which data file is open, and the
 * services the handler table calls. One instance per process.
 */
export class KeyDeskCore {
  readonly settings: SettingsStore;
  readonly platform: Platform;
  private file: DataFile | null = null;
  private problem: FileProblem | null = null;
  private readonly clock: () => Date;

  constructor(private readonly options: CoreOptions) {
    this.settings = options.settings;
    this.platform = options.platform ?? noFolderPicker;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Opens the data folder the settings name, if any. Never throws for a bad file: status says why. */
  async start(): Promise<void> {
    const folder = this.settings.get().dataFolder;
    if (folder) await this.openFolder(folder);
  }

  today(): string {
    return localIsoDate(this.clock());
  }

  now(): string {
    return this.clock().toISOString();
  }

  requireDb(): Db {
    if (!this.file) {
      throw new UserError('NO_DATABASE', 'No data file is open. Open or create one first.');
    }
    return this.file.db;
  }

  get dataFile(): DataFile | null {
    return this.file;
  }

  async status(): Promise<AppStatus> {
    const provision = this.file ? await getProvision(this.file.db) : null;
    return {
      state: this.file ? 'ready' : this.problem ? 'failed' : 'setup',
      dataFolder: this.settings.get().dataFolder,
      isDemo: provision?.isDemo ?? false,
      provisionName: provision?.name ?? null,
      problem: this.problem,
      canChooseFolder: this.platform.canChooseFolder,
      version: this.options.version,
    };
  }

  /** Switches to the data file in `folder`, or to set-up when it has none. A refused file is reported, not touched. */
  async openFolder(folder: string): Promise<AppStatus> {
    const target = this.checkFolder(folder);
    await this.closeFile();
    this.settings.update({ dataFolder: target });
    try {
      this.file = await DataFile.open(target, this.fileOptions());
      this.problem = null;
    } catch (error) {
      if (!(error instanceof FileRefused)) throw error;
      this.options.log?.(`Data file refused: ${error.message}`, error.cause);
      this.problem = error.toProblem();
    }
    return this.status();
  }

  /** Starts a new data file: demo data, or an empty provision ready to set up. */
  async createDatabase(input: { demo: boolean; provisionName?: string | undefined; folder?: string | undefined }): Promise<AppStatus> {
    const current = this.settings.get().dataFolder;
    const target = this.checkFolder(input.folder ?? current ?? '', 'folder');
    if (this.file && target === current) {
      throw new UserError('CONFLICT', 'This folder already has a Key Desk data file open. Choose another folder for a new one.', 'folder');
    }
    const today = this.today();
    const now = this.now();
    let created: DataFile;
    try {
      created = await DataFile.create(
        target,
        async (file) => {
          if (input.demo) await fillDemoData(file.db, today, now);
          else await createProvision(file.db, { name: input.provisionName ?? 'The Key', isDemo: false }, now);
        },
        this.fileOptions(),
      );
    } catch (error) {
      if (error instanceof FileRefused) throw new UserError('CONFLICT', error.message, 'folder');
      throw error;
    }
    await this.closeFile();
    this.file = created;
    this.problem = null;
    this.settings.update({ dataFolder: target });
    return this.status();
  }

  /** Saves anything pending and closes the file: on quit, and before switching folders. */
  async close(): Promise<void> {
    await this.closeFile();
  }

  private async closeFile(): Promise<void> {
    const file = this.file;
    if (!file) return;
    // If saving fails the file stays open, so nothing in memory is lost.
    await file.flush();
    this.file = null;
    await file.close();
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

  private fileOptions() {
    return {
      ...(this.options.saveDelayMs !== undefined ? { saveDelayMs: this.options.saveDelayMs } : {}),
      onSaveError: (error: unknown) => this.options.log?.('Saving the data file failed; will retry.', error),
    };
  }
}

export { DEMO_PROVISION_NAME };
