import { mkdir, rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyDeskCore } from '../../../electron/core/core';
import { dispatch } from '../../../electron/core/dispatch';
import { memorySettings } from '../../../electron/core/settings';
import type { AppEvent } from '../../../shared/api/events';
import { unwrap } from '../../../shared/api/result';
import { TEST_MANAGER, TEST_SCRYPT, tempFolder } from '../../helpers/core';
import { auditRows } from './sealed-files';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/**
 * A core on a new data file, signed in as its manager, on the real clock, with every push it makes
 * recorded. Not demo data: making that takes seconds, and nothing here needs what is in it.
 */
async function demoCore(options: { autoLockMs?: number } = {}) {
  const folder = await tempFolder();
  const core = new KeyDeskCore({
    settings: memorySettings({ dataFolder: folder.path }),
    version: '0.0.0-test',
    saveDelayMs: 5,
    scrypt: TEST_SCRYPT,
    ...options,
  });
  cleanups.push(async () => {
    await core.close().catch(() => undefined);
    await folder.cleanup();
  });
  await core.start();
  unwrap(await dispatch(core, 'setup.createDatabase', { demo: false, manager: TEST_MANAGER }));
  const events: AppEvent[] = [];
  core.events.on((event) => events.push(event));
  return { core, folder: folder.path, events, call: (name: string, input?: unknown) => dispatch(core, name, input) };
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Still waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

describe('the core pushes what the screen must show at once', () => {
  it('locks itself when the time without use is up, with no call to notice it, and says so', async () => {
    const { core, events } = await demoCore({ autoLockMs: 400 });
    // Nothing calls the core from here: the lock comes from its own timer.
    await until(() => core.sessions.current?.locked === true, 'the auto-lock');
    expect(events).toContainEqual({ kind: 'status-changed' });
    expect(auditRows(core).filter((row) => row.action === 'auto-locked')).toEqual([expect.objectContaining({ detail: 'after 0.4 seconds without use' })]);
    expect((await core.status()).state).toBe('locked');
  });

  it('puts the lock off while the person keeps using Key Desk', async () => {
    // Used every half second for three seconds, half again the time it locks after: only each use
    // putting the lock off keeps it open (a call after two seconds idle would find it locked).
    const { core, call } = await demoCore({ autoLockMs: 2000 });
    unwrap(await call('bases.list'));
    for (let i = 0; i < 6; i++) {
      await new Promise((done) => setTimeout(done, 500));
      expect(core.sessions.current?.locked, `after ${(i + 1) / 2} s of use`).toBe(false);
      unwrap(await call('bases.list'));
    }
    await until(() => core.sessions.current?.locked === true, 'the auto-lock');
  });

  it('tells the window once when saving starts failing, in plain words, and again when it works', async () => {
    const { core, folder, events, call } = await demoCore();
    await rm(folder, { recursive: true, force: true });
    unwrap(await call('settings.update', { autoLockMinutes: 9 }));
    await until(() => events.length > 0, 'the save problem to be pushed');
    const { saveProblem } = await core.status();
    expect(saveProblem).toBe('Key Desk cannot find the data folder: it may have been moved, renamed or deleted, or its drive is not connected.');
    // It keeps retrying (every 2 s) without telling the window the same thing again.
    await new Promise((done) => setTimeout(done, 2500));
    expect(events).toHaveLength(1);

    await mkdir(folder, { recursive: true });
    await until(() => events.length === 2, 'the recovery to be pushed');
    expect((await core.status()).saveProblem).toBeNull();
  });
});
