import type { IpcMain, WebContents } from 'electron';
import { API_CHANNEL, EVENT_CHANNEL } from '../../shared/api/client';
import { fail } from '../../shared/api/result';
import type { CoreLink } from '../core/host/link';
import { isTrustedSender } from './window';

/** Every call comes through one channel and goes on to the core's thread, into the dispatcher browser mode uses. */
export function registerApi(
  ipcMain: IpcMain,
  core: Pick<CoreLink, 'call'>,
  getWindow: () => { webContents: WebContents } | null,
  appUrl: () => string,
): void {
  ipcMain.handle(API_CHANNEL, async (event, name: unknown, input: unknown) => {
    if (!isTrustedSender(event, getWindow(), appUrl())) {
      return fail({ code: 'NOT_AVAILABLE', message: 'Refused: the request did not come from the Key Desk window.' });
    }
    return core.call(name, input);
  });
}

/** The core's pushes (locked, saving failed) go to the window at once, on the one event channel. */
export function forwardEvents(core: Pick<CoreLink, 'onEvent'>, getWindow: () => { webContents: WebContents } | null): () => void {
  return core.onEvent((event) => {
    const contents = getWindow()?.webContents;
    if (contents && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, event);
  });
}
