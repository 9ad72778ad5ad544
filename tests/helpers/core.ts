import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyDeskCore, type Platform } from '../../electron/core/core';
import { dispatch } from '../../electron/core/dispatch';
import { memorySettings } from '../../electron/core/settings';
import type { CallName } from '../../shared/api/contract';

/** A fresh, empty folder under the system temp folder; removed by the returned cleanup. */
export async function tempFolder(prefix = 'keydesk-test-'): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

/** A fixed school day, so occupancy and demo dates are repeatable. */
export const TEST_NOW = new Date('2026-11-23T09:00:00Z');

export async function startCore(options: { folder: string; platform?: Platform; now?: Date; saveDelayMs?: number }) {
  const core = new KeyDeskCore({
    settings: memorySettings({ dataFolder: options.folder }),
    version: '0.0.0-test',
    clock: () => options.now ?? TEST_NOW,
    saveDelayMs: options.saveDelayMs ?? 5,
    ...(options.platform ? { platform: options.platform } : {}),
  });
  await core.start();
  /** Calls the core exactly as the IPC and HTTP transports do. */
  const call = (name: CallName, input?: unknown) => dispatch(core, name, input);
  return { core, call };
}
