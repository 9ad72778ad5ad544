import type { Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_WINDOW,
  hardenContents,
  hardenSession,
  isAppUrl,
  isTrustedSender,
  windowOptions,
} from '../../../electron/main/window';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security';
import { fakeWebContents, invokeEvent } from './fakes';

const APP_URL = 'file:///opt/Key%20Desk/resources/app.asar/out/renderer/index.html';

describe('windowOptions', () => {
  it('isolates and sandboxes the page, with no Node and nothing but our preload', () => {
    const options = windowOptions('/app/out/preload/index.cjs', null);
    expect(options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      plugins: true,
    });
    expect(options.show).toBe(false);
    expect(options.title).toBe('Key Desk');
  });

  it('uses the default size when nothing is remembered', () => {
    const options = windowOptions('/p.cjs', null);
    expect(options).toMatchObject({ width: DEFAULT_WINDOW.width, height: DEFAULT_WINDOW.height });
    expect(options).not.toHaveProperty('x');
    expect(options).not.toHaveProperty('maximised');
  });

  it('restores the remembered bounds but never passes "maximised" to Electron', () => {
    const options = windowOptions('/p.cjs', { x: 10, y: 20, width: 1000, height: 700, maximised: true });
    expect(options).toMatchObject({ x: 10, y: 20, width: 1000, height: 700, minWidth: 960, minHeight: 640 });
    expect(options).not.toHaveProperty('maximised');
  });
});

describe('isAppUrl', () => {
  it('accepts our page with or without a #/route', () => {
    expect(isAppUrl(APP_URL, APP_URL)).toBe(true);
    expect(isAppUrl(`${APP_URL}#/pupils`, APP_URL)).toBe(true);
    expect(isAppUrl(`${APP_URL}#/registers/2026-11-23`, `${APP_URL}#/`)).toBe(true);
  });

  it('refuses any other document', () => {
    expect(isAppUrl('https://example.com/', APP_URL)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', APP_URL)).toBe(false);
    expect(isAppUrl(`${APP_URL}?evil=1`, APP_URL)).toBe(false);
    expect(isAppUrl('file:///opt/Key%20Desk/resources/app.asar/out/renderer/other.html', APP_URL)).toBe(false);
    expect(isAppUrl('not a url', APP_URL)).toBe(false);
    expect(isAppUrl('', APP_URL)).toBe(false);
  });

  it('treats the dev server address with and without its trailing slash as the same page', () => {
    // electron-vite sets ELECTRON_RENDERER_URL without a slash; Chromium reports the frame with one.
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5173/#/plans', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('http://localhost:5173.evil.example/', 'http://localhost:5173')).toBe(false);
  });
});

describe('hardenContents', () => {
  const hardened = () => {
    const fake = fakeWebContents();
    hardenContents(fake.asWebContents, APP_URL);
    return fake;
  };

  it('refuses navigation away from the app but lets the route (hash) change', () => {
    const fake = hardened();
    expect(fake.emit('will-navigate', 'https://example.com/')).toBe(true);
    expect(fake.emit('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fake.emit('will-navigate', `${APP_URL}#/settings`)).toBe(false);
    expect(fake.emit('will-navigate', APP_URL)).toBe(false);
  });

  it('refuses redirects away from the app', () => {
    const fake = hardened();
    expect(fake.emit('will-redirect', 'https://example.com/')).toBe(true);
    expect(fake.emit('will-redirect', `${APP_URL}#/`)).toBe(false);
  });

  it('refuses every webview', () => {
    const fake = hardened();
    expect(fake.emit('will-attach-webview', {}, { src: APP_URL })).toBe(true);
  });

  it('denies every new window, even one for our own page', () => {
    const fake = hardened();
    expect(fake.contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    expect(fake.openWindow('https://example.com/')).toEqual({ action: 'deny' });
    expect(fake.openWindow(APP_URL)).toEqual({ action: 'deny' });
  });
});

describe('hardenSession', () => {
  function fakeSession() {
    let onHeaders: ((details: unknown, callback: (response: unknown) => void) => void) | undefined;
    let onRequest: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let onCheck: ((...args: unknown[]) => boolean) | undefined;
    const session = {
      webRequest: { onHeadersReceived: vi.fn((listener: typeof onHeaders) => (onHeaders = listener)) },
      setPermissionRequestHandler: vi.fn((handler: typeof onRequest) => (onRequest = handler)),
      setPermissionCheckHandler: vi.fn((handler: typeof onCheck) => (onCheck = handler)),
    };
    hardenSession(session as unknown as Session);
    return {
      headers: (responseHeaders: Record<string, string[]> | undefined) => {
        const callback = vi.fn();
        onHeaders?.({ url: APP_URL, responseHeaders }, callback);
        expect(callback).toHaveBeenCalledTimes(1);
        return callback.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]>; cancel?: boolean };
      },
      request: (permission: string) => {
        const callback = vi.fn();
        onRequest?.({}, permission, callback);
        return callback.mock.calls;
      },
      check: (permission: string) => onCheck?.({}, permission, 'file://', {}),
    };
  }

  it('adds our Content-Security-Policy to every response, keeping the other headers', () => {
    const session = fakeSession();
    const response = session.headers({ 'Content-Type': ['text/html'] });
    expect(response.cancel).toBeUndefined();
    expect(response.responseHeaders).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
    expect(session.headers(undefined).responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('refuses every permission request and check', () => {
    const session = fakeSession();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(session.request(permission)).toEqual([[false]]);
      expect(session.check(permission)).toBe(false);
    }
  });
});

describe('isTrustedSender', () => {
  const ours = fakeWebContents().contents;
  const window = { webContents: ours as unknown as Electron.WebContents };

  it('trusts our window’s top frame showing our page, on any route', () => {
    expect(isTrustedSender(invokeEvent(ours, APP_URL), window, APP_URL)).toBe(true);
    expect(isTrustedSender(invokeEvent(ours, `${APP_URL}#/pupils`), window, APP_URL)).toBe(true);
  });

  it('refuses when there is no window', () => {
    expect(isTrustedSender(invokeEvent(ours, APP_URL), null, APP_URL)).toBe(false);
  });

  it('refuses another web contents, even one showing our page', () => {
    const stranger = fakeWebContents().contents;
    expect(isTrustedSender(invokeEvent(stranger, APP_URL), window, APP_URL)).toBe(false);
  });

  it('refuses a subframe, a frame that has gone, and a frame showing another page', () => {
    expect(isTrustedSender(invokeEvent(ours, APP_URL, { subframe: true }), window, APP_URL)).toBe(false);
    expect(isTrustedSender(invokeEvent(ours, APP_URL, { noFrame: true }), window, APP_URL)).toBe(false);
    expect(isTrustedSender(invokeEvent(ours, 'https://example.com/'), window, APP_URL)).toBe(false);
  });
});
