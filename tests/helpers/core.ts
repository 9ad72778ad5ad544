import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
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

/**
 * A core on a new demo data file, signed in as the demo manager (manager and administrator), as after
 * "Explore with demo data". Pass an existing folder to reuse it; otherwise a temp folder is made.
 */
export async function startDemoCore(options: { folder?: string; now?: Date | (() => Date); saveDelayMs?: number; checkpointIdleMs?: number } = {}) {
  const temp = options.folder ? null : await tempFolder();
  const folder = options.folder ?? temp!.path;
  const started = await startCore({ ...options, folder });
  const { recoveryKey } = unwrap(await started.call('setup.createDatabase', { demo: true }));
  const cleanup = async () => {
    await started.core.close();
    await temp?.cleanup();
  };
  return { ...started, folder, recoveryKey, cleanup };
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

/**
 * One demo data file for a test file, made on first use and kept in memory; `start` gives each test
 * its own copy in a new temp folder, opened and signed in as the demo manager (as after "Explore with
 * demo data" and a restart). Making demo data takes seconds; a copy opens in a fraction of that. For
 * tests about what a new demo file holds, or made on another day, use startDemoCore.
 */
export function demoDataFileCopies() {
  let made: Promise<{ files: DataFileBytes; recoveryKey: string }> | undefined;
  const template = () =>
    (made ??= (async () => {
      const demo = await startDemoCore();
      try {
        await demo.core.close();
        return { files: await readDataFile(demo.folder), recoveryKey: demo.recoveryKey };
      } finally {
        await demo.cleanup();
      }
    })());
  return {
    async start(options: { now?: Date | (() => Date); saveDelayMs?: number; checkpointIdleMs?: number } = {}) {
      const { files, recoveryKey } = await template();
      const temp = await tempFolder();
      await writeDataFile(files, temp.path);
      const started = await startCore({ ...options, folder: temp.path });
      await started.signIn('demo.manager');
      const cleanup = async () => {
        await started.core.close();
        await temp.cleanup();
      };
      return { ...started, folder: temp.path, recoveryKey, cleanup };
    },
  };
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
