import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_CHANNEL, EVENT_CHANNEL } from '../../../shared/api/client';
import { unwrap, type Result } from '../../../shared/api/result';
import type { AppStatus } from '../../../shared/api/status';
import type { Base } from '../../../shared/domain/bases';
import { DEMO_PASSWORD, startCore, tempFolder } from '../../helpers/core';
import { ensureBuilt } from '../build';
import { writeRealDataFile } from '../core/files';

/** A stand-in for the parts of Electron the main process touches; the same objects for every test. */
const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  class Emitter {
    readonly listeners = new Map<string, Listener[]>();
    readonly on = vi.fn((event: string, listener: Listener) => {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    });
    readonly once = vi.fn((event: string, listener: Listener) => {
      const wrapped: Listener = (...args) => {
        this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== wrapped));
        return listener(...args);
      };
      return this.on(event, wrapped);
    });
    /** Fires `event` with an Electron-style event object first; true when a listener prevented the default. */
    emit(event: string, ...args: unknown[]): boolean {
      let prevented = false;
      const electronEvent = { preventDefault: () => (prevented = true) };
      for (const listener of [...(this.listeners.get(event) ?? [])]) listener(electronEvent, ...args);
      return prevented;
    }
  }

  const fakeContents = () =>
    Object.assign(new Emitter(), { setWindowOpenHandler: vi.fn(), executeJavaScript: vi.fn(async () => undefined), send: vi.fn(), isDestroyed: () => false });

  const windows: FakeWindow[] = [];
  class FakeWindow extends Emitter {
    readonly webContents = fakeContents();
    minimised = false;
    maximised = false;
    readonly loadURL = vi.fn(async (_url: string) => undefined);
    readonly show = vi.fn();
    readonly focus = vi.fn();
    readonly maximize = vi.fn(() => void (this.maximised = true));
    readonly restore = vi.fn(() => void (this.minimised = false));
    readonly isMinimized = vi.fn(() => this.minimised);
    readonly isMaximized = vi.fn(() => this.maximised);
    readonly getNormalBounds = vi.fn(() => ({ x: 40, y: 30, width: 1111, height: 777 }));
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
  }

  const app = Object.assign(new Emitter(), {
    quitted: false,
    userData: '',
    isPackaged: false,
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(async () => undefined),
    getPath: vi.fn((name: string) => (name === 'userData' ? app.userData : `/nowhere/${name}`)),
    getVersion: vi.fn(() => '0.1.0'),
    /** As in Electron: quitting asks 'before-quit' first, and any listener may stop it. */
    quit: vi.fn(() => {
      if (!app.emit('before-quit')) app.quitted = true;
    }),
  });

  const electron = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: { handle: vi.fn(), on: vi.fn() },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((template: unknown) => ({ template })) },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: vi.fn() },
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
      },
    },
    dialog: {
      showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
      showErrorBox: vi.fn(),
      showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 1 })),
    },
    shell: { openPath: vi.fn(async () => '') },
  };
  return { electron, windows, fakeContents };
});

vi.mock('electron', () => ({ default: fake.electron, ...fake.electron }));

/**
 * The core's thread runs the built worker (core-worker.js, as the installed app's main process finds
 * it beside its bundle) rather than its TypeScript through tsx, which took over a second a launch.
 * The main process itself still runs from source; tests/electron/core/host covers the worker from source.
 */
vi.mock(import('../../../electron/core/host/link'), async (importOriginal) => {
  const actual = await importOriginal();
  const { BUILD_DIR } = await import('../build');
  return {
    ...actual,
    startCoreWorker: ((_builtDir, options, services) => actual.startCoreWorker(join(BUILD_DIR, 'main'), options, services)) satisfies typeof actual.startCoreWorker,
  };
});

const { app, ipcMain, Menu, session, dialog } = fake.electron;
type IpcHandler = (event: unknown, name: unknown, input: unknown) => Promise<Result<unknown>>;

/** Generous: loading sql.js and writing demo data is slow on a busy machine. */
const WAIT = { timeout: 15_000, interval: 20 };

/** Starts the main process afresh, as launching the app does. */
async function launch(): Promise<void> {
  vi.resetModules();
  await import('../../../electron/main/index');
}

async function launchWindow() {
  await launch();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), WAIT);
  const window = fake.windows[0]!;
  await vi.waitFor(() => expect(window.loadURL).toHaveBeenCalled(), WAIT);
  return window;
}

function ipc(window: (typeof fake.windows)[number]) {
  const handler = ipcMain.handle.mock.calls.find(([channel]) => channel === API_CHANNEL)?.[1] as IpcHandler;
  const url = window.loadURL.mock.calls[0]![0];
  return (name: string, input?: unknown) => handler({ sender: window.webContents, senderFrame: { url, parent: null } }, name, input);
}

const flushAll = () => new Promise((done) => setTimeout(done, 50));

/**
 * Puts a demo data file (a copy of one made once) where the app looks on its first run, so a launch
 * opens it at the sign-in screen: quicker than making demo data through the window each time.
 */
const withDemoFile = (userData: string) => writeRealDataFile(join(userData, 'Data'));
const signInAsManager = { username: 'demo.manager', password: DEMO_PASSWORD };

describe('the main process', { timeout: 60_000 }, () => {
  let userData: Awaited<ReturnType<typeof tempFolder>>;

  beforeAll(ensureBuilt, 120_000);

  beforeEach(async () => {
    vi.clearAllMocks();
    userData = await tempFolder('keydesk-main-');
    fake.windows.length = 0;
    app.listeners.clear();
    app.quitted = false;
    app.userData = userData.path;
    app.isPackaged = false;
    app.requestSingleInstanceLock.mockReturnValue(true);
  });

  afterEach(async () => {
    // Quit as the user would, so the core flushes and closes before its folder goes.
    if (!app.quitted && app.listeners.has('before-quit')) {
      app.quit();
      await vi.waitFor(() => expect(app.quitted).toBe(true), WAIT);
    }
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    await userData.cleanup();
  });

  it('quits at once and opens no window when another Key Desk is already running', async () => {
    app.requestSingleInstanceLock.mockReturnValue(false);
    await launch();
    await flushAll();
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(app.quitted).toBe(true);
    expect(fake.windows).toHaveLength(0);
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(ipcMain.handle).not.toHaveBeenCalled();
    expect(Menu.setApplicationMenu).not.toHaveBeenCalled();
    expect(app.listeners.has('second-instance')).toBe(false);
  });

  it('opens one hardened window at the app’s own page', async () => {
    const window = await launchWindow();
    expect(app.quit).not.toHaveBeenCalled();
    expect(window.options).toMatchObject({
      width: 1280,
      height: 820,
      show: false,
      webPreferences: {
        preload: resolve('electron/preload/index.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webviewTag: false,
      },
    });
    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith(pathToFileURL(resolve('electron/renderer/index.html')).href);
    expect(window.webContents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    expect(window.webContents.emit('will-navigate', 'https://example.com/')).toBe(true);
    expect(session.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalledTimes(1);
    expect(session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledTimes(1);

    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledTimes(1);
    expect(fake.windows).toHaveLength(1);
  });

  it('answers the window over IPC from the core, which starts in the user-data folder', async () => {
    const window = await launchWindow();
    expect(ipcMain.handle).toHaveBeenCalledTimes(1);
    const result = (await ipc(window)('app.status')) as Result<AppStatus>;
    expect(result).toMatchObject({
      ok: true,
      value: { state: 'setup', dataFolder: join(userData.path, 'Data'), canChooseFolder: true },
    });
  });

  it('pushes the core’s status changes to the window on the event channel, without being asked', async () => {
    await withDemoFile(userData.path);
    const window = await launchWindow();
    unwrap(await ipc(window)('session.signIn', signInAsManager));
    window.webContents.send.mockClear();
    unwrap(await ipc(window)('session.lock'));
    expect(window.webContents.send).toHaveBeenCalledWith(EVENT_CHANNEL, { kind: 'status-changed' });
  });

  it('offers the folder picker over the window', async () => {
    const window = await launchWindow();
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/srv/key'] });
    expect(await ipc(window)('setup.chooseFolder')).toEqual({ ok: true, value: { folder: '/srv/key' } });
    expect(dialog.showOpenDialog.mock.calls[0]?.[0]).toBe(window);
    expect(await ipc(window)('setup.chooseFolder')).toEqual({ ok: true, value: { folder: null } });
  });

  it('sets a UK English application menu whose Go items move the window', async () => {
    const window = await launchWindow();
    expect(Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    const template = Menu.buildFromTemplate.mock.calls[0]?.[0] as MenuItemConstructorOptions[];
    expect(Menu.setApplicationMenu.mock.calls[0]?.[0]).toEqual({ template });
    const go = template.find((item) => item.label === '&Go')?.submenu as MenuItemConstructorOptions[];
    (go.find((item) => item.label === 'Registers')?.click as () => void)();
    expect(window.webContents.executeJavaScript).toHaveBeenCalledExactlyOnceWith('location.hash = "#/registers"');
  });

  it('opens the data folder in the file manager from the menu', async () => {
    await launchWindow();
    const template = Menu.buildFromTemplate.mock.calls[0]?.[0] as MenuItemConstructorOptions[];
    const file = template.find((item) => item.label === '&File')?.submenu as MenuItemConstructorOptions[];
    (file.find((item) => item.label === 'Show Data Folder')?.click as () => void)();
    expect(fake.electron.shell.openPath).toHaveBeenCalledExactlyOnceWith(join(userData.path, 'Data'));
  });

  it('brings the open window back when Key Desk is started again', async () => {
    const window = await launchWindow();
    window.minimised = true;
    app.emit('second-instance', [], '/');
    expect(window.restore).toHaveBeenCalledTimes(1);
    expect(window.focus).toHaveBeenCalledTimes(1);

    app.emit('second-instance', [], '/');
    expect(window.restore).toHaveBeenCalledTimes(1);
    expect(window.focus).toHaveBeenCalledTimes(2);
    expect(fake.windows).toHaveLength(1);
  });

  it('hardens every web contents Electron creates', async () => {
    await launchWindow();
    const contents = fake.fakeContents();
    app.emit('web-contents-created', contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    expect(contents.emit('will-navigate', 'https://example.com/')).toBe(true);
    expect(contents.emit('will-attach-webview')).toBe(true);
  });

  it('remembers the window’s size and position and restores them at the next start', async () => {
    const first = await launchWindow();
    first.maximised = true;
    first.emit('close');
    const stored = JSON.parse(await readFile(join(userData.path, 'settings.json'), 'utf8')) as Record<string, unknown>;
    expect(stored.window).toEqual({ x: 40, y: 30, width: 1111, height: 777, maximised: true });
    app.quit();
    await vi.waitFor(() => expect(app.quitted).toBe(true), WAIT);

    app.listeners.clear();
    app.quitted = false;
    fake.windows.length = 0;
    const second = await launchWindow();
    expect(second.options).toMatchObject({ x: 40, y: 30, width: 1111, height: 777 });
    expect(second.options).not.toHaveProperty('maximised');
    expect(second.maximize).toHaveBeenCalledTimes(1);
  });

  it('quits when the window is closed, and opens a new one on activate once it has gone', async () => {
    const window = await launchWindow();
    app.emit('activate');
    expect(fake.windows).toHaveLength(1);
    window.emit('closed');
    app.emit('activate');
    expect(fake.windows).toHaveLength(2);

    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalled();
  });

  it('holds the first quit until pending changes are on disk, then quits', async () => {
    await withDemoFile(userData.path);
    const window = await launchWindow();
    const call = ipc(window);
    expect(await call('session.signIn', signInAsManager)).toMatchObject({ ok: true, value: { state: 'ready' } });
    const bases = (await call('bases.list')) as Result<Base[]>;
    if (!bases.ok) throw new Error('no bases');
    const base = bases.value[0]!;
    expect(await call('bases.update', { id: base.id, name: 'Saved On Quit' })).toMatchObject({ ok: true });

    app.quit();
    expect(app.quitted).toBe(false);
    await vi.waitFor(() => expect(app.quitted).toBe(true), WAIT);
    expect(app.quit).toHaveBeenCalledTimes(2);
    expect(dialog.showErrorBox).not.toHaveBeenCalled();

    // The second quit is not held again.
    expect(app.emit('before-quit')).toBe(false);

    const reopened = await startCore({ folder: join(userData.path, 'Data') });
    try {
      await reopened.signIn('demo.manager');
      const after = await reopened.call('bases.list');
      expect(after.ok && after.value.find((b) => b.id === base.id)?.name).toBe('Saved On Quit');
    } finally {
      await reopened.core.close();
    }
  });

  /** What the core answers when it cannot save on quit: it stays up, keeping everything in memory. */
  const diskFull = { closed: false as const, message: 'disk full', unsaved: 'The changes made since 09:00 were not saved', stoppedSaving: false };

  it('asks what to do when the last changes cannot be saved: try again saves them, and then it quits', async () => {
    vi.resetModules();
    const { CoreLink } = await import('../../../electron/core/host/link');
    const close = vi.spyOn(CoreLink.prototype, 'close').mockResolvedValueOnce(diskFull);
    dialog.showMessageBox.mockResolvedValueOnce({ response: 0 });
    await import('../../../electron/main/index');
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1), WAIT);

    app.quit();
    await vi.waitFor(() => expect(app.quitted).toBe(true), WAIT);
    expect(dialog.showMessageBox).toHaveBeenCalledOnce();
    expect(dialog.showMessageBox.mock.calls[0]?.[0]).toMatchObject({
      title: 'Key Desk could not save',
      detail: expect.stringContaining('disk full'),
      buttons: ['Try again', 'Quit without saving'],
    });
    expect(close).toHaveBeenCalledTimes(2);
  });

  it('quits without saving only when the person chooses to, and then ends the core’s thread', async () => {
    vi.resetModules();
    const { CoreLink } = await import('../../../electron/core/host/link');
    vi.spyOn(CoreLink.prototype, 'close').mockResolvedValue(diskFull);
    const stop = vi.spyOn(CoreLink.prototype, 'stop');
    dialog.showMessageBox.mockResolvedValueOnce({ response: 0 }).mockResolvedValueOnce({ response: 1 });
    await import('../../../electron/main/index');
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1), WAIT);

    app.quit();
    await vi.waitFor(() => expect(app.quitted).toBe(true), WAIT);
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(2);
    expect(stop).toHaveBeenCalledOnce();
  });

  /** The link the main process made to its core (the spy sees the main process subscribe to it). */
  async function launchWithLink() {
    vi.resetModules();
    const { CoreLink } = await import('../../../electron/core/host/link');
    const onStopped = vi.spyOn(CoreLink.prototype, 'onStopped');
    // Not launch(): that would load a fresh copy of the link's module, without the spy.
    await import('../../../electron/main/index');
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1), WAIT);
    const window = fake.windows[0]!;
    await vi.waitFor(() => expect(window.loadURL).toHaveBeenCalled(), WAIT);
    await vi.waitFor(() => expect(onStopped).toHaveBeenCalled(), WAIT);
    return { window, link: onStopped.mock.contexts[0] as InstanceType<typeof CoreLink> };
  }

  it('runs the core in a worker thread, which the main process routes calls to', async () => {
    const { window, link } = await launchWithLink();
    expect(link.thread?.threadId).toBeGreaterThan(0);
    expect(await ipc(window)('setup.createDatabase', { demo: true })).toMatchObject({ ok: true, value: { status: { state: 'ready' } } });
  });

  it('says plainly when the core’s thread stops, and answers calls with that rather than leaving them waiting', async () => {
    await withDemoFile(userData.path);
    const { window, link } = await launchWithLink();
    const call = ipc(window);
    unwrap(await call('session.signIn', signInAsManager));
    const { CORE_STOPPED } = await import('../../../electron/core/host/link');
    window.webContents.send.mockClear();
    // Ended from outside, as a crash would end it, while a call is on its way: sent once the end has
    // begun, so the thread can never answer it first (a list of bases takes about a millisecond).
    const stopping = link.thread!.terminate();
    const waiting = call('bases.list');
    await stopping;
    expect(await waiting).toEqual({ ok: false, error: { code: 'INTERNAL', message: CORE_STOPPED } });
    await vi.waitFor(() => expect(dialog.showErrorBox).toHaveBeenCalledWith('Key Desk stopped working', CORE_STOPPED), WAIT);
    expect(window.webContents.send).toHaveBeenCalledWith(EVENT_CHANNEL, { kind: 'status-changed' });
    expect(await call('app.status')).toEqual({ ok: false, error: { code: 'INTERNAL', message: CORE_STOPPED } });
    // Nothing left to save: quitting does not wait.
    app.quit();
    await vi.waitFor(() => expect(app.quitted).toBe(true), WAIT);
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('ignores a dev server address once installed: the packaged app loads only its own page', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    app.isPackaged = true;
    const window = await launchWindow();
    expect(window.loadURL.mock.calls[0]?.[0]).toMatch(/^file:\/\/.*\/renderer\/index\.html$/);
    expect(session.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
  });

  it('loads the dev server when electron-vite names one, and trusts that page over IPC', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    const window = await launchWindow();
    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith('http://localhost:5173');
    const handler = ipcMain.handle.mock.calls[0]?.[1] as IpcHandler;
    // Chromium reports the loaded page with a trailing slash.
    const event = { sender: window.webContents, senderFrame: { url: 'http://localhost:5173/#/pupils', parent: null } };
    expect(await handler(event, 'app.status', undefined)).toMatchObject({ ok: true });
  });
});
