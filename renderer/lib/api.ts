import { createClient, type Bridge, type Client, type Unsubscribe } from '../../shared/api/client';
import { EVENTS_PATH, isAppEvent, type AppEvent } from '../../shared/api/events';
import { fail, type Result } from '../../shared/api/result';

declare global {
  interface Window {
    /** Set by the desktop app's preload; absent in browser mode. */
    keyDesk?: Bridge;
  }
}

/** Browser mode: the same calls over HTTP to the local host, with the token from the page address. */
export function httpClient(token: string, base = ''): Client {
  return createClient(async (name, input) => {
    try {
      const response = await fetch(`${base}/api/${name}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        ...(input === undefined ? {} : { body: JSON.stringify(input) }),
      });
      return (await response.json()) as Result<unknown>;
    } catch {
      return fail({ code: 'NOT_AVAILABLE', message: 'Key Desk is not answering. Check it is still running, then try again.' });
    }
  });
}

/** Where this tab keeps browser mode's token once it is out of the address bar (this tab only). */
export const TOKEN_KEY = 'key-desk-token';

/**
 * Browser mode's token: read from the address Key Desk printed, then taken out of the address bar
 * (so it is not left on screen or copied on with the address) and kept for this tab, so a reload
 * still works. A new tab or another browser has no token, and the session cookie is what tells
 * the server which browser signed in.
 */
export function takeToken(): string {
  if (typeof location === 'undefined') return '';
  const params = new URLSearchParams(location.search);
  const fromAddress = params.get('token');
  if (!fromAddress) {
    try {
      return sessionStorage.getItem(TOKEN_KEY) ?? '';
    } catch {
      return '';
    }
  }
  try {
    sessionStorage.setItem(TOKEN_KEY, fromAddress);
  } catch {
    // Storage refused: the page still works until it is reloaded.
  }
  params.delete('token');
  const search = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
  return fromAddress;
}

/**
 * Browser mode's pushes: a Server-Sent Events stream (the browser reconnects it by itself). While
 * it is open the server knows the page is; it also catches up after a reconnect, when a push may
 * have been missed.
 */
export function httpEvents(token: string, base = ''): (listener: (event: AppEvent) => void) => Unsubscribe {
  return (listener) => {
    const source = new EventSource(`${base}${EVENTS_PATH}?token=${encodeURIComponent(token)}`);
    source.onmessage = (message: MessageEvent<string>) => {
      try {
        const value: unknown = JSON.parse(message.data);
        if (isAppEvent(value)) listener({ kind: value.kind });
      } catch {
        // Not an event of ours: ignore it.
      }
    };
    source.onopen = () => listener({ kind: 'status-changed' });
    return () => source.close();
  };
}

function pickTransport(): { client: Client; onEvent: (listener: (event: AppEvent) => void) => Unsubscribe } {
  if (typeof window !== 'undefined' && window.keyDesk) {
    const bridge = window.keyDesk;
    return { client: bridge, onEvent: (listener) => bridge.onEvent(listener) };
  }
  const token = takeToken();
  return { client: httpClient(token), onEvent: httpEvents(token) };
}

const transport = pickTransport();

export const api: Client = transport.client;

/** Subscribes to the core's pushes (see shared/api/events.ts). */
export const onAppEvent = transport.onEvent;
