import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES } from '../../../shared/api/calls';
import { API_CHANNEL, EVENT_CHANNEL } from '../../../shared/api/client';
import { BUILD_DIR, ensureBuilt } from '../build';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: {
    invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'from main' })),
    on: vi.fn(),
    removeListener: vi.fn(),
  },
}));
vi.mock('electron', () => ({ default: electron, ...electron }));

type Exposed = Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;

/** The calls, by area: everything exposed but `onEvent`, the one subscription. */
const areasOf = (api: Exposed) => Object.entries(api).filter(([key]) => key !== 'onEvent');

/** Checks what the preload gave the page: one object, a method per call, each sent over the API channel. */
async function expectOneClientObject(expose: typeof electron.contextBridge.exposeInMainWorld, invoke: typeof electron.ipcRenderer.invoke) {
  expect(expose).toHaveBeenCalledTimes(1);
  const [key, api] = expose.mock.calls[0] as [string, Exposed];
  expect(key).toBe('keyDesk');

  expect(Object.keys(api).filter((key) => typeof api[key] === 'function')).toEqual(['onEvent']);
  const methods = areasOf(api).flatMap(([area, calls]) =>
    Object.entries(calls).map(([method, fn]) => {
      expect(typeof fn).toBe('function');
      return `${area}.${method}`;
    }),
  );
  expect(methods.sort()).toEqual([...CALL_NAMES].sort());

  for (const name of CALL_NAMES) {
    const [area, method] = name.split('.') as [string, string];
    invoke.mockClear();
    const input = { sent: name };
    await expect(api[area]![method]!(input)).resolves.toEqual({ ok: true, value: 'from main' });
    expect(invoke).toHaveBeenCalledExactlyOnceWith(API_CHANNEL, name, input);
  }
  invoke.mockClear();
  await api.app!.status!();
  expect(invoke).toHaveBeenCalledExactlyOnceWith(API_CHANNEL, 'app.status', undefined);
}

describe('the preload', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    vi.resetModules();
  });

  it('exposes exactly one object, keyDesk, with one method per call, each invoking the API channel', async () => {
    await import('../../../electron/preload/index');
    await expectOneClientObject(electron.contextBridge.exposeInMainWorld, electron.ipcRenderer.invoke);
  });

  it('hands the page nothing of Electron', async () => {
    await import('../../../electron/preload/index');
    const [, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, Exposed];
    const reachable = JSON.stringify(api, (_key, value: unknown) => (typeof value === 'function' ? 'fn' : value));
    expect(reachable).not.toMatch(/ipcRenderer|invoke|send/);
    for (const [, calls] of areasOf(api)) {
      expect(Object.values(calls).every((value) => typeof value === 'function')).toBe(true);
      expect(Object.getPrototypeOf(calls)).toBe(Object.prototype);
    }
  });
});

describe('the preload’s event subscription', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    vi.resetModules();
  });

  it('passes the core’s pushes to the page, the event alone (no IPC event, no sender), and stops when asked', async () => {
    await import('../../../electron/preload/index');
    const [, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, { onEvent: (listener: (event: unknown) => void) => () => void }];
    const listener = vi.fn();
    const stop = api.onEvent(listener);
    expect(electron.ipcRenderer.on).toHaveBeenCalledTimes(1);
    const [channel, forward] = electron.ipcRenderer.on.mock.calls[0] as [string, (event: unknown, value: unknown) => void];
    expect(channel).toBe(EVENT_CHANNEL);
    forward({ sender: 'the IPC event' }, { kind: 'status-changed', extra: 'dropped' });
    forward({ sender: 'the IPC event' }, { kind: 'something-else' });
    forward({ sender: 'the IPC event' }, 'not an event');
    expect(listener.mock.calls).toEqual([[{ kind: 'status-changed' }]]);
    stop();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledExactlyOnceWith(EVENT_CHANNEL, forward);
  });
});

describe('the built preload (preload/index.cjs)', () => {
  beforeAll(ensureBuilt, 120_000);

  it('runs as CommonJS in a sandbox that can require only electron, and exposes the same object', async () => {
    const code = await readFile(join(BUILD_DIR, 'preload/index.cjs'), 'utf8');
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    const expose = vi.fn();
    const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'from main' }));
    const sandboxRequire = (id: string) => {
      if (id === 'electron') return { contextBridge: { exposeInMainWorld: expose }, ipcRenderer: { invoke, on: vi.fn(), removeListener: vi.fn() } };
      throw new Error(`A sandboxed preload cannot require ${id}`);
    };
    const module = { exports: {} };
    new Function('require', 'module', 'exports', code)(sandboxRequire, module, module.exports);
    await expectOneClientObject(expose, invoke);
  });
});
