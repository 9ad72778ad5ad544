import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from '../../../electron/main/menu';

function build(isMac: boolean) {
  const go = vi.fn();
  const showDataFolder = vi.fn();
  const template = menuTemplate({ isMac, go, showDataFolder });
  const menu = (label: string) => template.find((item) => item.label === label);
  const items = (label: string) => (menu(label)?.submenu ?? []) as MenuItemConstructorOptions[];
  return { template, go, showDataFolder, menu, items };
}

/** Every label anywhere in the menu, ampersands (access keys) removed. */
function allLabels(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.label ? [item.label.replace(/&/g, '')] : []),
    ...(Array.isArray(item.submenu) ? allLabels(item.submenu) : []),
  ]);
}

const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();

describe('menuTemplate', () => {
  it('has the top-level menus in order, with access keys on Windows and Linux', () => {
    const { template } = build(false);
    expect(template.map((item) => item.label)).toEqual(['&File', '&Edit', '&Go', '&View', '&Window', '&Help']);
  });

  it('is written in UK English and says nothing in US spelling', () => {
    for (const isMac of [false, true]) {
      const labels = allLabels(build(isMac).template);
      expect(labels).toEqual(
        expect.arrayContaining(['Show Data Folder', 'Select All', 'Actual Size', 'Zoom In', 'Zoom Out', 'Full Screen', 'About Key Desk']),
      );
      for (const label of labels) expect(label).not.toMatch(/color|center|favorite|organiz|customiz|behavior|license|catalog/i);
    }
  });

  it('sends the window to each screen by its route from the Go menu', () => {
    const { items, go } = build(false);
    const routes: Record<string, string> = {
      Today: '/',
      Registers: '/registers',
      Pupils: '/pupils',
      Plans: '/plans',
      Reports: '/reports',
      Settings: '/settings',
    };
    expect(items('&Go').map((item) => item.label)).toEqual(Object.keys(routes));
    for (const [label, route] of Object.entries(routes)) {
      go.mockClear();
      click(items('&Go').find((item) => item.label === label));
      expect(go).toHaveBeenCalledExactlyOnceWith(route);
    }
  });

  it('gives every Go item its own shortcut', () => {
    const accelerators = build(false).items('&Go').map((item) => item.accelerator);
    expect(accelerators).toEqual(['CmdOrCtrl+1', 'CmdOrCtrl+2', 'CmdOrCtrl+3', 'CmdOrCtrl+4', 'CmdOrCtrl+5', 'CmdOrCtrl+,']);
  });

  it('opens the data folder from the File menu', () => {
    const { items, showDataFolder, go } = build(false);
    click(items('&File').find((item) => item.label === 'Show Data Folder'));
    expect(showDataFolder).toHaveBeenCalledTimes(1);
    expect(go).not.toHaveBeenCalled();
  });

  it('ends the File menu with Exit (the quit role) on Windows and Linux, and has no app menu', () => {
    const { template, items } = build(false);
    expect(items('&File').at(-1)).toEqual({ role: 'quit', label: 'Exit' });
    expect(template.some((item) => item.role === 'appMenu')).toBe(false);
    expect(allLabels(template)).not.toContain('Quit');
  });

  it('on a Mac quits from the app menu and only closes the window from File', () => {
    const { template, items } = build(true);
    expect(template[0]).toEqual({ role: 'appMenu' });
    expect(items('&File').at(-1)).toEqual({ role: 'close' });
    expect(allLabels(template)).not.toContain('Exit');
  });
});
