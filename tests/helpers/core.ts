import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { BACKUPS_FOLDER_NAME } from '../../electron/core/backups/backup-files';
import { KeyDeskCore, type Platform } from '../../electron/core/core';
import type { ScryptParams } from '../../electron/core/crypto/keys';
import { DATA_FILE_NAME, dataFilePath } from '../../electron/core/data-file';
import { DEMO_ACCOUNTS } from '../../electron/core/demo/generate';
import { dispatch } from '../../electron/core/dispatch';
import { CoreLink, type HostServices } from '../../electron/core/host/link';
import { CoreService } from '../../electron/core/host/service';
import { memorySettings } from '../../electron/core/settings';
import type { CallName, CallOutput } from '../../shared/api/contract';
import { unwrap, type Result } from '../../shared/api/result';
import { madeOncePerRun } from './run-cache';

/** A fresh, empty folder under the system temp folder; removed by the returned cleanup. */
export async function tempFolder(prefix = 'keydesk-test-'): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

/** A fixed school day, so occupancy and demo dates are repeatable. */
export const TEST_NOW = new Date('2026-11-23T09:00:00Z');

/** Cheap password hashing for tests (the app's own takes about half a second a go). */
export const TEST_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

/** The demo file's made-up accounts: demo.manager (manager + administrator), demo.teacher, demo.admin. */
export const DEMO_PASSWORD = DEMO_ACCOUNTS[0]?.password ?? '';

/** A first manager account for a real (non-demo) provision in tests. */
export const TEST_MANAGER = { name: 'Robin Ashdown', username: 'r.ashdown', password: 'violet-harbour-lamp' };

export async function startCore(options: {
  folder: string;
  platform?: Platform;
  now?: Date | (() => Date);
  saveDelayMs?: number;
  checkpointIdleMs?: number;
  firstRunFolder?: string;
}) {
  const now = options.now ?? TEST_NOW;
  const core = new KeyDeskCore({
    settings: memorySettings({ dataFolder: options.folder }),
    version: '0.0.0-test',
    clock: typeof now === 'function' ? now : () => now,
    saveDelayMs: options.saveDelayMs ?? 5,
    scrypt: TEST_SCRYPT,
    ...(options.firstRunFolder !== undefined ? { firstRunFolder: options.firstRunFolder } : {}),
    ...(options.checkpointIdleMs !== undefined ? { checkpointIdleMs: options.checkpointIdleMs } : {}),
    ...(options.platform ? { platform: options.platform } : {}),
  });
  await core.start();
  /** Calls the core exactly as the IPC and HTTP transports do. */
  const call = <N extends CallName>(name: N, input?: unknown) => dispatch(core, name, input) as Promise<Result<CallOutput<N>>>;
  const signIn = async (username: string, password = DEMO_PASSWORD) => unwrap(await call('session.signIn', { username, password }));
  return { core, call, signIn };
}

/** The files a data folder holds for its data (the sealed snapshot and its change journal), by name, as bytes. */
export type DataFileBytes = ReadonlyMap<string, Buffer>;

/** Reads the data file in `folder` as staff would move it: the snapshot and the change journal beside it. */
export async function readDataFile(folder: string): Promise<DataFileBytes> {
  const files = new Map<string, Buffer>([[DATA_FILE_NAME, await readFile(dataFilePath(folder))]]);
  const journal = await readFile(`${dataFilePath(folder)}.journal`).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (journal) files.set(`${DATA_FILE_NAME}.journal`, journal);
  return files;
}

/** Writes `files` (from readDataFile) into `folder`. */
export async function writeDataFile(files: DataFileBytes, folder: string): Promise<void> {
  for (const [name, bytes] of files) await writeFile(join(folder, name), bytes);
}

type DemoCoreOptions = {
  /** Reuse this folder (made if missing, never removed); otherwise a temp folder is made and removed. */
  folder?: string;
  now?: Date | (() => Date);
  saveDelayMs?: number;
  checkpointIdleMs?: number;
  /**
   * Make the demo afresh through "Explore with demo data", for a test about what making one does (the
   * entries it logs, the backups it makes or not, the recovery key it shows, the files it writes).
   */
  fresh?: boolean;
};

/** Makes a demo in `folder` as "Explore with demo data" does; the core is left signed in as the demo manager. */
async function createDemo(options: Omit<DemoCoreOptions, 'fresh'>, folder: string) {
  const started = await startCore({ ...options, folder });
  const { recoveryKey } = unwrap(await started.call('setup.createDatabase', { demo: true }));
  return { ...started, recoveryKey };
}

/**
 * Demo data files made so far, by the moment they were made at (as an ISO string), kept as bytes.
 * Making demo data takes seconds; a copy opens in a fraction of that. The node project shares modules
 * between the files a worker runs, so each worker reads each demo once; and the workers of a run share
 * them on disk (run-cache.ts), so each demo is made once a run.
 */
const demoDataFiles = new Map<string, Promise<{ files: DataFileBytes; recoveryKey: string }>>();

function demoDataFileAt(at: Date) {
  const key = at.toISOString();
  let made = demoDataFiles.get(key);
  if (!made) {
    made = (async () => {
      const { files, meta } = await madeOncePerRun(`demo data file made at ${key}`, async () => {
        const temp = await tempFolder();
        try {
          const demo = await createDemo({ now: at }, temp.path);
          await demo.core.close();
          return { files: await readDataFile(temp.path), meta: { recoveryKey: demo.recoveryKey } };
        } finally {
          await temp.cleanup();
        }
      });
      return { files, recoveryKey: meta.recoveryKey ?? '' };
    })();
    demoDataFiles.set(key, made);
    // A failure is not kept: the next test tries again (and shows its own error).
    made.catch(() => demoDataFiles.delete(key));
  }
  return made;
}

/**
 * A core on a demo data file, signed in as the demo manager (manager and administrator), as after
 * "Explore with demo data". Unless `fresh`, the file is a copy of one made earlier at the same moment
 * (the clock's time when called), opened and signed in afresh, as after a restart. Pass an existing
 * folder to use it; otherwise a temp folder is made.
 */
export async function startDemoCore(options: DemoCoreOptions = {}) {
  const { fresh, ...rest } = options;
  const temp = options.folder ? null : await tempFolder();
  const folder = options.folder ?? temp!.path;
  let started: Awaited<ReturnType<typeof startCore>>;
  let recoveryKey: string;
  if (fresh) {
    ({ recoveryKey, ...started } = await createDemo(rest, folder));
  } else {
    const now = options.now ?? TEST_NOW;
    const made = await demoDataFileAt(typeof now === 'function' ? now() : now);
    recoveryKey = made.recoveryKey;
    await mkdir(folder, { recursive: true });
    const backups = join(folder, BACKUPS_FOLDER_NAME);
    const hadBackups = existsSync(backups);
    await writeDataFile(made.files, folder);
    started = await startCore({ ...rest, folder });
    await started.signIn('demo.manager');
    // Signing in makes the day's backup; a demo just made has none, so the copy has none either.
    if (!hadBackups) await rm(backups, { recursive: true, force: true });
  }
  const cleanup = async () => {
    await started.core.close();
    await temp?.cleanup();
  };
  return { ...started, folder, recoveryKey, cleanup };
}

/**
 * Links to `core` as the app's main process and browser mode's server do, through the very messages
 * they send to the core's thread, but over a MessageChannel in this thread, so a test can still look
 * at the core directly. (tests/electron/core/host covers the real worker thread.)
 */
export function linkTo(core: KeyDeskCore, options: { bindSessionsToCallers?: boolean; services?: HostServices } = {}): CoreLink {
  const { port1, port2 } = new MessageChannel();
  const service = new CoreService(port1, { bindSessionsToCallers: options.bindSessionsToCallers ?? false });
  service.attach(core);
  const link = new CoreLink(port2, options.services, async () => {
    port1.close();
    port2.close();
  });
  port1.unref();
  port2.unref();
  return link;
}
