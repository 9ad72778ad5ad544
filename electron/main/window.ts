import type { BrowserWindowConstructorOptions, IpcMainInvokeEvent, Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';
import type { WindowState } from '../core/settings';

export const DEFAULT_WINDOW: WindowState = { width: 1280, height: 820, maximised: false };

/** The one window: isolated, sandboxed, no Node, nothing but our preload. */
export function windowOptions(preloadPath: string, state: WindowState | null): BrowserWindowConstructorOptions {
  const { maximised: _maximised, ...bounds } = state ?? DEFAULT_WINDOW;
  return {
    ...bounds,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Key Desk',
    backgroundColor: '#f8f9fa',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Chromium's spellchecker fetches dictionaries from the internet on Linux: Key Desk never goes online.
      spellcheck: false,
      // Chromium's built-in PDF viewer, for the report preview (its only plugin).
      plugins: true,
    },
  };
}

/**
 * Same document, ignoring the #/route: the app navigates by hash and nothing else. Compared as
 * parsed URLs, because Chromium reports the dev server `http://localhost:5173` as `.../`.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  const strip = (u: string) => {
    if (!URL.canParse(u)) return null;
    const parsed = new URL(u);
    parsed.hash = '';
    return parsed.href;
  };
  const page = strip(url);
  return page !== null && page === strip(appUrl);
}

/** No navigation away from the app, no new windows, no webviews, no permissions. */
export function hardenContents(contents: WebContents, appUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Sends the CSP as a header too (the page also carries it), and refuses every permission request. */
export function hardenSession(session: Session, options: { cspHeader?: boolean } = {}): void {
  // Not on the development server, whose page needs an inline script for hot reloading; the built
  // page carries the policy in its own meta tag as well.
  if (options.cspHeader ?? true) {
    session.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
      });
    });
  }
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** IPC is answered only for our window's own top frame showing our own page. */
export function isTrustedSender(event: IpcMainInvokeEvent, window: { webContents: WebContents } | null, appUrl: string): boolean {
  if (!window || event.sender !== window.webContents) return false;
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url, appUrl);
}
