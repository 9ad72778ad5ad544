import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

/** Just enough of a WebContents to see which listeners hardening installs, and to fire them. */
export function fakeWebContents() {
  const listeners = new Map<string, Listener[]>();
  let openHandler: ((details: { url: string }) => unknown) | null = null;
  const contents = {
    on: vi.fn((event: string, listener: Listener) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    }),
    setWindowOpenHandler: vi.fn((handler: (details: { url: string }) => unknown) => {
      openHandler = handler;
    }),
    executeJavaScript: vi.fn(async () => undefined),
    send: vi.fn(),
    isDestroyed: vi.fn(() => false),
  };
  /** Fires `event` as Electron would; returns whether any listener prevented the default. */
  const emit = (event: string, ...args: unknown[]): boolean => {
    const preventDefault = vi.fn();
    for (const listener of listeners.get(event) ?? []) listener({ preventDefault }, ...args);
    return preventDefault.mock.calls.length > 0;
  };
  return {
    contents,
    asWebContents: contents as unknown as WebContents,
    emit,
    listenerCount: (event: string) => listeners.get(event)?.length ?? 0,
    openWindow: (url: string) => openHandler?.({ url }),
  };
}

/** An IPC invoke event from `sender`, sent by a frame showing `url` (a subframe when `subframe`). */
export function invokeEvent(sender: unknown, url: string, options: { subframe?: boolean; noFrame?: boolean } = {}) {
  const senderFrame = options.noFrame ? null : { url, parent: options.subframe ? { url } : null };
  return { sender, senderFrame } as unknown as IpcMainInvokeEvent;
}
