import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forwardEvents, registerApi } from '../../../electron/main/ipc';
import { API_CHANNEL, EVENT_CHANNEL } from '../../../shared/api/client';
import type { Result } from '../../../shared/api/result';
import type { AppStatus } from '../../../shared/api/status';
import { linkTo, startCore, tempFolder } from '../../helpers/core';
import { fakeWebContents, invokeEvent } from './fakes';

const APP_URL = 'file:///app/out/renderer/index.html';

type Handler = (event: IpcMainInvokeEvent, name: unknown, input: unknown) => Promise<Result<unknown>>;

describe('registerApi', () => {
  let folder: Awaited<ReturnType<typeof tempFolder>>;
  let core: Awaited<ReturnType<typeof startCore>>['core'];
  let ours: WebContents;
  let window: { webContents: WebContents } | null;
  let handle: ReturnType<typeof vi.fn>;
  let handler: Handler;

  beforeEach(async () => {
    folder = await tempFolder();
    ({ core } = await startCore({ folder: folder.path }));
    ours = fakeWebContents().asWebContents;
    window = { webContents: ours };
    handle = vi.fn();
    registerApi({ handle } as unknown as IpcMain, linkTo(core), () => window, () => APP_URL);
    handler = handle.mock.calls[0]?.[1] as Handler;
  });

  afterEach(async () => {
    await core.close();
    await folder.cleanup();
  });

  it('registers exactly one handler, on the API channel', () => {
    expect(handle).toHaveBeenCalledTimes(1);
    expect(handle.mock.calls[0]?.[0]).toBe(API_CHANNEL);
    expect(typeof handler).toBe('function');
  });

  it('answers our window through the same dispatcher as every transport', async () => {
    const result = (await handler(invokeEvent(ours, `${APP_URL}#/`), 'app.status', undefined)) as Result<AppStatus>;
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ state: 'setup', dataFolder: folder.path, version: '0.0.0-test' });
  });

  it('passes dispatcher errors back as values', async () => {
    const ev = invokeEvent(ours, APP_URL);
    await expect(handler(ev, 'pupils.delete', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    await expect(handler(ev, 'app.status', { extra: 1 })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await expect(handler(ev, 'bases.list', undefined)).resolves.toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });

  it('refuses senders other than our window’s top frame at our page, with an error value and without reaching the core', async () => {
    const refusals = [
      invokeEvent(fakeWebContents().asWebContents, APP_URL),
      invokeEvent(ours, APP_URL, { subframe: true }),
      invokeEvent(ours, 'https://example.com/'),
      invokeEvent(ours, APP_URL, { noFrame: true }),
    ];
    for (const event of refusals) {
      const result = await handler(event, 'setup.createDatabase', { demo: true });
      expect(result).toEqual({
        ok: false,
        error: { code: 'NOT_AVAILABLE', message: 'Refused: the request did not come from the Key Desk window.' },
      });
    }
    expect((await core.status()).state).toBe('setup');
  });

  it('asks for the window at each call, so none is trusted once it has closed', async () => {
    const ev = invokeEvent(ours, APP_URL);
    expect((await handler(ev, 'app.status', undefined)).ok).toBe(true);
    window = null;
    expect(await handler(ev, 'app.status', undefined)).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE' } });
  });
});

describe('forwardEvents', () => {
  let folder: Awaited<ReturnType<typeof tempFolder>>;
  let core: Awaited<ReturnType<typeof startCore>>['core'];

  beforeEach(async () => {
    folder = await tempFolder();
    ({ core } = await startCore({ folder: folder.path }));
  });

  afterEach(async () => {
    await core.close();
    await folder.cleanup();
  });

  /** Lets the core's message cross the thread boundary (a MessageChannel delivers on a later turn). */
  const crossed = () => new Promise((done) => setTimeout(done, 20));

  it('sends each of the core’s pushes to the window on the one event channel, as soon as it crosses', async () => {
    const send = vi.fn();
    const window = { webContents: { send, isDestroyed: () => false } as unknown as WebContents };
    forwardEvents(linkTo(core), () => window);
    core.events.statusChanged();
    await vi.waitFor(() => expect(send).toHaveBeenCalledExactlyOnceWith(EVENT_CHANNEL, { kind: 'status-changed' }));
  });

  it('sends nothing when there is no window, or it is closing, and stops when asked', async () => {
    const send = vi.fn();
    let window: { webContents: WebContents } | null = null;
    const stop = forwardEvents(linkTo(core), () => window);
    core.events.statusChanged();
    await crossed();
    window = { webContents: { send, isDestroyed: () => true } as unknown as WebContents };
    core.events.statusChanged();
    await crossed();
    expect(send).not.toHaveBeenCalled();
    window = { webContents: { send, isDestroyed: () => false } as unknown as WebContents };
    stop();
    core.events.statusChanged();
    await crossed();
    expect(send).not.toHaveBeenCalled();
  });
});
