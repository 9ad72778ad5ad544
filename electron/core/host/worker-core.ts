import { KeyDeskCore, noFolderPicker } from '../core';
import { memorySettings, type SettingsStore } from '../settings';
import { CoreService } from './service';
import type { CoreWorkerOptions, Endpoint } from './protocol';

function clockFor(option: CoreWorkerOptions['clock']): (() => Date) | undefined {
  if (!option) return undefined;
  if ('fixedAt' in option) {
    const fixed = new Date(option.fixedAt);
    return () => fixed;
  }
  return () => new Date(Date.now() + option.offsetMs);
}

/** Settings kept here for the core, each change also sent to the host, which stores them (electron-store). */
function reportedSettings(initial: CoreWorkerOptions['settings'], report: (patch: Parameters<SettingsStore['update']>[0]) => void): SettingsStore {
  const store = memorySettings(initial);
  return {
    get: () => store.get(),
    update(patch) {
      store.update(patch);
      report(patch);
    },
  };
}

/** Makes the core described by `options`, starts it and serves it on `endpoint`. */
export async function startServedCore(endpoint: Endpoint, options: CoreWorkerOptions): Promise<KeyDeskCore | null> {
  const log = (message: string, error?: unknown) => console.error(`Key Desk: ${message}`, error ?? '');
  const service = new CoreService(endpoint, { bindSessionsToCallers: options.bindSessionsToCallers ?? false, log });
  const clock = clockFor(options.clock);
  try {
    const core = new KeyDeskCore({
      settings: reportedSettings(options.settings, (patch) => endpoint.postMessage({ type: 'settings', patch })),
      version: options.version,
      platform: options.canChooseFolder ? { canChooseFolder: true, chooseFolder: () => service.ask('chooseFolder', undefined) } : noFolderPicker,
      ...(options.firstRunFolder !== undefined ? { firstRunFolder: options.firstRunFolder } : {}),
      ...(clock ? { clock } : {}),
      ...(options.saveDelayMs !== undefined ? { saveDelayMs: options.saveDelayMs } : {}),
      ...(options.autoLockMs !== undefined ? { autoLockMs: options.autoLockMs } : {}),
      ...(options.scrypt ? { scrypt: options.scrypt } : {}),
      log,
    });
    await core.start();
    service.attach(core);
    return core;
  } catch (error) {
    service.startFailed(error);
    return null;
  }
}
