import { createClient, type Client } from '../../shared/api/client';
import { fail, type Result } from '../../shared/api/result';

declare global {
  interface Window {
    /** Set by the desktop app's preload; absent in browser mode. */
    keyDesk?: Client;
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

function pickClient(): Client {
  if (typeof window !== 'undefined' && window.keyDesk) return window.keyDesk;
  const token = new URLSearchParams(typeof location === 'undefined' ? '' : location.search).get('token') ?? '';
  return httpClient(token);
}

export const api: Client = pickClient();
