import { contextBridge, ipcRenderer } from 'electron';
import { API_CHANNEL, createClient, EVENT_CHANNEL, type Bridge } from '../../shared/api/client';
import { isAppEvent, type AppEvent } from '../../shared/api/events';
import type { Result } from '../../shared/api/result';

/**
 * The page gets exactly one object: a method per call in the contract, and `onEvent` for the core's
 * pushes; nothing of Electron (a listener sees the event alone, never the IPC event or sender).
 */
const api = {
  ...createClient((name, input) => ipcRenderer.invoke(API_CHANNEL, name, input) as Promise<Result<unknown>>),
  onEvent(listener: (event: AppEvent) => void) {
    const forward = (_event: unknown, value: unknown) => {
      if (isAppEvent(value)) listener({ kind: value.kind });
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
} satisfies Bridge;

contextBridge.exposeInMainWorld('keyDesk', api);
