import type { IpcMain, WebContents } from 'electron';
import { API_CHANNEL, EVENT_CHANNEL } from '../../shared/api/client';
import { fail } from '../../shared/api/result';
import type { KeyDeskCore } from '../core/core';
import { dispatch } from '../core/dispatch';
import { isTrustedSender } from './window';

/** Every call comes through one channel into the same dispatcher browser mode uses. */
export function registerApi(
  ipcMain: IpcMain,
  core: KeyDeskCore,
  getWindow: () => { webContents: WebContents } | null,
  appUrl: () => string,
): void {
  ipcMain.handle(API_CHANNEL, async (event, name: unknown, input: unknown) => {
    if (!isTrustedSender(event, getWindow(), appUrl())) {
      return fail({ code: 'NOT_AVAILABLE', message: 'Refused: the request did not come from the Key Desk window.' });
    }
    return dispatch(core, name, input);
  });
}

/** The core's pushes (locked, saving failed) go to the window at once, on the one event channel. */
export function forwardEvents(core: KeyDeskCore, getWindow: () => { webContents: WebContents } | null): () => void {
  return core.events.on((event) => {
    const contents = getWindow()?.webContents;
    if (contents && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, event);
  });
}
