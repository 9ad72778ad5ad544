import type { MenuItemConstructorOptions } from 'electron';

/** The application menu, in UK English. Navigation items send the window to a screen by its route. */
export function menuTemplate(options: {
  isMac: boolean;
  go: (route: string) => void;
  showDataFolder: () => void;
}): MenuItemConstructorOptions[] {
  const { isMac, go, showDataFolder } = options;
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Show Data Folder', click: showDataFolder },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', label: 'Exit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll', label: 'Select All' },
      ],
    },
    {
      label: '&Go',
      submenu: [
        { label: 'Today', accelerator: 'CmdOrCtrl+1', click: () => go('/') },
        { label: 'Registers', accelerator: 'CmdOrCtrl+2', click: () => go('/registers') },
        { label: 'Pupils', accelerator: 'CmdOrCtrl+3', click: () => go('/pupils') },
        { label: 'Plans', accelerator: 'CmdOrCtrl+4', click: () => go('/plans') },
        { label: 'Reports', accelerator: 'CmdOrCtrl+5', click: () => go('/reports') },
        { label: 'Settings', accelerator: 'CmdOrCtrl+,', click: () => go('/settings') },
      ],
    },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom', label: 'Actual Size' },
        { role: 'zoomIn', label: 'Zoom In' },
        { role: 'zoomOut', label: 'Zoom Out' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: 'Full Screen' },
      ],
    },
    { role: 'windowMenu', label: '&Window' },
    {
      role: 'help',
      label: '&Help',
      submenu: [{ label: 'About Key Desk', role: 'about' }],
    },
  ];
}
