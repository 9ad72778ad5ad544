import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron';
import { version } from '../../package.json';
import { startCoreWorker, type CoreLink } from '../core/host/link';
import type { SettingsStore } from '../core/settings';
import { forwardEvents, registerApi } from './ipc';
import { menuTemplate } from './menu';
import { electronSettings } from './settings';
import { hardenContents, hardenSession, windowOptions } from './window';

// Thin on purpose: everything with rules in it lives in the core, which runs and is tested in plain Node.
// The core runs in a worker thread (out/main/core-worker.js): this process only routes calls to it, owns
// the window and dialogs, and keeps this PC's settings.

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererFile = join(here, '../renderer/index.html');
// The dev server's address only in development: an installed app loads nothing but its own files.
const devServer = () => (!app.isPackaged && process.env.ELECTRON_RENDERER_URL) || null;
const appUrl = () => devServer() ?? pathToFileURL(rendererFile).href;

let mainWindow: BrowserWindow | null = null;

function createWindow(settings: SettingsStore): BrowserWindow {
  const window = new BrowserWindow(windowOptions(join(here, '../preload/index.cjs'), settings.get().window));
  hardenContents(window.webContents, appUrl());
  if (settings.get().window?.maximised) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    settings.update({ window: { ...window.getNormalBounds(), maximised: window.isMaximized() } });
  });
  window.on('closed', () => {
    mainWindow = null;
  });
  void window.loadURL(appUrl());
  return window;
}

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, appUrl()));

  await app.whenReady();
  hardenSession(session.defaultSession, { cspHeader: !devServer() });

  const firstRunFolder = join(app.getPath('userData'), 'Data');
  const settings = electronSettings(firstRunFolder);
  const log = (message: string, error?: unknown) => console.error(`Key Desk: ${message}`, error ?? '');
  const core = startCoreWorker(
    here,
    { settings: settings.get(), firstRunFolder, version, canChooseFolder: true },
    {
      chooseFolder: async () => {
        const options = { title: 'Choose the Key Desk data folder', properties: ['openDirectory', 'createDirectory'] as const };
        const result = mainWindow
          ? await dialog.showOpenDialog(mainWindow, { ...options, properties: [...options.properties] })
          : await dialog.showOpenDialog({ ...options, properties: [...options.properties] });
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      saveSettings: (patch) => settings.update(patch),
      log,
    },
  );
  await core.ready;
  core.onStopped((reason) => dialog.showErrorBox('Key Desk stopped working', reason));
  registerApi(ipcMain, core, () => mainWindow, appUrl);
  forwardEvents(core, () => mainWindow);

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        isMac: process.platform === 'darwin',
        go: (route) => void mainWindow?.webContents.executeJavaScript(`location.hash = ${JSON.stringify(`#${route}`)}`),
        showDataFolder: () => {
          const folder = settings.get().dataFolder;
          if (folder) void shell.openPath(folder);
        },
      }),
    ),
  );

  mainWindow = createWindow(settings);
  app.on('activate', () => {
    mainWindow ??= createWindow(settings);
  });
  app.on('window-all-closed', () => app.quit());

  // Flush pending saves before quitting; quit only once they are on disk, or when the person chooses
  // to lose them after being told.
  let flushed = false;
  const quitAfterSaving = async (): Promise<void> => {
    for (;;) {
      const problem = await closeCore(core);
      if (problem === null) return;
      const { response } = await dialog.showMessageBox({
        type: 'error',
        title: 'Key Desk could not save',
        message: 'Your latest changes could not be saved.',
        detail: `${problem}\n\nCheck the drive or folder, then try again.`,
        buttons: ['Try again', 'Quit without saving'],
        defaultId: 0,
        cancelId: 0,
      });
      if (response === 1) return core.stop();
    }
  };
  // One save-and-close at a time, however many times quit is asked for meanwhile.
  let quitting: Promise<void> | null = null;
  app.on('before-quit', (event) => {
    if (flushed) return;
    event.preventDefault();
    quitting ??= quitAfterSaving().finally(() => {
      flushed = true;
      app.quit();
    });
  });
}

/**
 * Asks the core to finish its save and close, then ends its thread. Returns null once closed (or when
 * the core had already stopped, leaving nothing to save), else why saving failed.
 */
async function closeCore(core: CoreLink): Promise<string | null> {
  if (core.stopped) return null;
  try {
    const outcome = await core.close();
    return outcome.closed ? null : outcome.message;
  } catch (error) {
    return core.stopped ? null : error instanceof Error ? error.message : String(error);
  }
}

main().catch((error: unknown) => {
  // For example an unreadable settings.json: say so rather than start with no window and no word.
  dialog.showErrorBox('Key Desk could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
