import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileRefused, UserError } from '../../../../electron/core/errors';
import { CORE_STOPPED, linkToWorker, newWorker, startCoreWorker, type CoreLink, type HostServices } from '../../../../electron/core/host/link';
import { fromCrossing, toCrossing, type CoreWorkerOptions } from '../../../../electron/core/host/protocol';
import { DEFAULT_SETTINGS } from '../../../../electron/core/settings';
import type { Result } from '../../../../shared/api/result';
import type { AppStatus } from '../../../../shared/api/status';
import type { Base } from '../../../../shared/domain/bases';
import { DEMO_PASSWORD, startCore, tempFolder, TEST_NOW, TEST_SCRYPT } from '../../../helpers/core';
import { writeRealDataFile } from '../files';

/** Generous: the thread loads TypeScript through tsx and then sql.js, slow on a busy machine. */
const WAIT = { timeout: 30_000, interval: 20 };

describe('the core in a worker thread, through its link', { timeout: 120_000 }, () => {
  let data: Awaited<ReturnType<typeof tempFolder>>;
  let link: CoreLink | null = null;

  const options = (folder: string): CoreWorkerOptions => ({
    settings: { ...DEFAULT_SETTINGS, dataFolder: folder },
    firstRunFolder: folder,
    version: '0.0.0-test',
    canChooseFolder: true,
    clock: { fixedAt: TEST_NOW.toISOString() },
    saveDelayMs: 5,
    scrypt: TEST_SCRYPT,
  });

  /** Starts the real worker entry (from source: no core-worker.js is built in the data folder). */
  async function start(services: HostServices = {}, folder = data.path): Promise<CoreLink> {
    link = startCoreWorker(data.path, options(folder), services);
    await link.ready;
    return link;
  }

  /**
   * Starts the worker on a demo data file (a copy of one made once) and signs in as the demo manager:
   * for tests that need demo data but are not about making it, which took seconds a test.
   */
  async function startSignedIn(services: HostServices = {}): Promise<CoreLink> {
    await writeRealDataFile(data.path);
    const core = await start(services);
    unwrapOk(await core.call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD }));
    return core;
  }

  beforeEach(async () => {
    data = await tempFolder('keydesk-link-');
  });

  afterEach(async () => {
    await link?.stop();
    link = null;
    await data.cleanup();
  });

  it('answers each call with the Result the core made, in a thread of its own', async () => {
    const core = await start();
    expect(core.thread?.threadId).toBeGreaterThan(0);
    const status = (await core.call('app.status', undefined)) as Result<AppStatus>;
    expect(status).toMatchObject({ ok: true, value: { state: 'setup', dataFolder: data.path, version: '0.0.0-test', canChooseFolder: true } });
    expect(await core.call('setup.createDatabase', { demo: true })).toMatchObject({ ok: true, value: { status: { state: 'ready' } } });
    const bases = (await core.call('bases.list', undefined)) as Result<Base[]>;
    expect(bases.ok && bases.value.map((b) => b.name).sort()).toEqual(['Frederick Bird', 'Parkgate']);
  });

  it('keeps every error’s code, words and field as the core gave them', async () => {
    // A demo data file, left at the sign-in screen.
    await writeRealDataFile(data.path);
    const core = await start();
    expect(await core.call('bases.list', undefined)).toEqual({ ok: false, error: { code: 'NOT_SIGNED_IN', message: 'Sign in to Key Desk first.' } });
    expect(await core.call('pupils.delete', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(await core.call('setup.openFolder', { folder: 'not/a/full/path' })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Enter the full path of a folder, for example C:\\Key Desk or /home/staff/Key Desk.', field: 'folder' },
    });
    expect(await core.call('session.signIn', { username: 'demo.manager' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'password' } });
    expect(await core.call('session.signIn', { username: 'demo.manager', password: 'wrong-password' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD', message: 'The username or password is not right.', field: 'password' },
    });
    // A lifecycle request that fails comes back as the same kind of error, not a plain one.
    const refused = await core.op('createDemo').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UserError);
    expect(refused).toMatchObject({ code: 'CONFLICT', field: 'folder', message: expect.stringContaining('already has a Key Desk data file') });
  });

  it('shows a refused data file the way the core reports it: the status names the file’s problem', async () => {
    await writeFile(join(data.path, 'keydesk.db'), 'not a Key Desk file at all');
    const core = await start();
    const status = (await core.call('app.status', undefined)) as Result<AppStatus>;
    expect(status).toMatchObject({ ok: true, value: { state: 'failed', problem: { path: join(data.path, 'keydesk.db') } } });
    expect(status.ok && status.value.problem?.message).toBeTruthy();
  });

  it('passes on the core’s pushes, settings changes and requests for a folder picker', async () => {
    const saveSettings = vi.fn();
    const chooseFolder = vi.fn(async () => '/srv/key');
    const core = await startSignedIn({ saveSettings, chooseFolder });
    const events = vi.fn();
    core.onEvent(events);
    expect(await core.call('setup.chooseFolder', undefined)).toEqual({ ok: true, value: { folder: '/srv/key' } });
    expect(chooseFolder).toHaveBeenCalledOnce();

    events.mockClear();
    unwrapOk(await core.call('session.lock', undefined));
    await vi.waitFor(() => expect(events).toHaveBeenCalledWith({ kind: 'status-changed' }), WAIT);

    // This PC's settings live with the host (electron-store in the desktop app).
    unwrapOk(await core.call('session.unlock', { password: DEMO_PASSWORD }));
    const bases = unwrapOk(await core.call('bases.list', undefined)) as Base[];
    unwrapOk(await core.call('settings.update', { defaultBaseId: bases[0]!.id }));
    expect(saveSettings).toHaveBeenCalledWith({ defaultBaseId: bases[0]!.id });
  });

  it('finishes the save when asked to close, and only then ends the thread', async () => {
    const core = await startSignedIn();
    const bases = (await core.call('bases.list', undefined)) as Result<Base[]>;
    const parkgate = bases.ok ? bases.value.find((b) => b.name === 'Parkgate') : undefined;
    unwrapOk(await core.call('bases.update', { id: parkgate!.id, name: 'Saved Before Exit' }));
    const exited = new Promise((done) => core.thread!.once('exit', done));
    expect(await core.close()).toEqual({ closed: true });
    await exited;
    // Nothing is left waiting on a closed core.
    expect(await core.call('app.status', undefined)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });

    const reopened = await startCore({ folder: data.path });
    try {
      await reopened.signIn('demo.manager');
      const after = await reopened.call('bases.list');
      expect(after.ok && after.value.find((b) => b.id === parkgate!.id)?.name).toBe('Saved Before Exit');
    } finally {
      await reopened.core.close();
    }
  });

  it('answers a waiting call, and every later one, plainly when the core’s thread crashes', async () => {
    const log = vi.fn();
    const script = fileURLToPath(new URL('./crashing-worker.ts', import.meta.url));
    link = linkToWorker(newWorker(script, true, options(data.path)), { log });
    const core = link;
    await core.ready;
    const stopped = vi.fn();
    const events = vi.fn();
    core.onStopped(stopped);
    core.onEvent(events);

    core.thread!.postMessage({ type: 'test-crash' });
    const waiting = core.call('app.status', undefined);
    expect(await waiting).toEqual({ ok: false, error: { code: 'INTERNAL', message: CORE_STOPPED } });
    expect(stopped).toHaveBeenCalledExactlyOnceWith(CORE_STOPPED);
    expect(events).toHaveBeenCalledWith({ kind: 'status-changed' });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('boom inside the core'));
    expect(await core.call('bases.list', undefined)).toEqual({ ok: false, error: { code: 'INTERNAL', message: CORE_STOPPED } });
    await expect(core.op('status')).rejects.toThrow(CORE_STOPPED);
  });

  it('says why when the core cannot start, rather than waiting for it', async () => {
    link = startCoreWorker(data.path, { ...options(data.path), settings: { ...DEFAULT_SETTINGS, dataFolder: 'relative/folder' } });
    const failed = await link.ready.catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(UserError);
    expect(failed).toMatchObject({ code: 'INVALID_INPUT', field: 'folder', message: expect.stringContaining('full path') });
  });
});

describe('errors crossing the thread boundary', () => {
  it('come back as the same kind, with the same words, field, file and problem', () => {
    const user = fromCrossing(structuredClone(toCrossing(new UserError('CONFLICT', 'That name is taken.', 'name'))));
    expect(user).toBeInstanceOf(UserError);
    expect(user).toMatchObject({ code: 'CONFLICT', message: 'That name is taken.', field: 'name' });

    const refused = fromCrossing(structuredClone(toCrossing(new FileRefused('corrupt', '/data/keydesk.db', 'The data file is damaged.'))));
    expect(refused).toBeInstanceOf(FileRefused);
    expect((refused as FileRefused).toProblem()).toEqual({ kind: 'corrupt', path: '/data/keydesk.db', message: 'The data file is damaged.' });

    const crossing = toCrossing(new TypeError('x is not a function'));
    // The words cross; the other side's stack trace does not.
    expect(crossing).toEqual({ name: 'TypeError', message: 'x is not a function' });
    expect(fromCrossing(structuredClone(crossing))).toMatchObject({ name: 'TypeError', message: 'x is not a function' });
    expect(toCrossing('a string was thrown')).toEqual({ name: 'Error', message: 'a string was thrown' });
  });
});

function unwrapOk(result: Result<unknown>): unknown {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}
