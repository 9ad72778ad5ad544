import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { electronSettings } from '../../../electron/main/settings';
import { tempFolder } from '../../helpers/core';

// electron-store asks Electron for the user-data folder (its default cwd) and the app version.
const electronState = vi.hoisted(() => ({ userData: '' }));
vi.mock('electron', () => {
  const app = { getPath: vi.fn(() => electronState.userData), getVersion: () => '0.1.0' };
  const ipcMain = { on: vi.fn() };
  const shell = { openPath: vi.fn() };
  return { default: { app, ipcMain, shell }, app, ipcMain, shell };
});

describe('electronSettings', () => {
  let userData: Awaited<ReturnType<typeof tempFolder>>;
  const settingsFile = () => join(userData.path, 'settings.json');

  beforeEach(async () => {
    userData = await tempFolder('keydesk-userdata-');
    electronState.userData = userData.path;
  });

  afterEach(async () => {
    await userData.cleanup();
  });

  it('starts from the defaults, with the data folder it is given', () => {
    const settings = electronSettings('/home/staff/Key Desk');
    expect(settings.get()).toEqual({ dataFolder: '/home/staff/Key Desk', defaultBaseId: null, window: null });
  });

  it('keeps what it is told in settings.json in the user-data folder, for the next start', async () => {
    const settings = electronSettings('/default');
    const window = { x: 5, y: 6, width: 1100, height: 750, maximised: true };
    settings.update({ dataFolder: '/srv/key', defaultBaseId: '8a4f0a4e-8c8e-4d43-9b55-3d0f5c1d2e3f', window });
    expect(settings.get()).toEqual({ dataFolder: '/srv/key', defaultBaseId: '8a4f0a4e-8c8e-4d43-9b55-3d0f5c1d2e3f', window });

    const onDisk = JSON.parse(await readFile(settingsFile(), 'utf8')) as Record<string, unknown>;
    expect(onDisk).toMatchObject({ dataFolder: '/srv/key', window });

    expect(electronSettings('/another-default').get()).toEqual({
      dataFolder: '/srv/key',
      defaultBaseId: '8a4f0a4e-8c8e-4d43-9b55-3d0f5c1d2e3f',
      window,
    });
  });

  it('changes only the keys in the patch, and can clear one back to null', () => {
    const settings = electronSettings('/default');
    settings.update({ defaultBaseId: '8a4f0a4e-8c8e-4d43-9b55-3d0f5c1d2e3f' });
    settings.update({ window: { width: 1000, height: 700, maximised: false } });
    expect(settings.get()).toMatchObject({ dataFolder: '/default', defaultBaseId: '8a4f0a4e-8c8e-4d43-9b55-3d0f5c1d2e3f' });

    settings.update({ defaultBaseId: null, dataFolder: undefined });
    expect(settings.get()).toEqual({
      dataFolder: '/default',
      defaultBaseId: null,
      window: { width: 1000, height: 700, maximised: false },
    });
    expect(electronSettings('/default').get().defaultBaseId).toBeNull();
  });

  it('refuses a settings file it cannot read rather than wiping it', async () => {
    await writeFile(settingsFile(), '{ this is not JSON');
    expect(() => electronSettings('/default')).toThrow();
    expect(await readFile(settingsFile(), 'utf8')).toBe('{ this is not JSON');
  });
});
