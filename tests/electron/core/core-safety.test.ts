import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../shared/api/result';
import { DEMO_PASSWORD, startCore, startDemoCore, TEST_MANAGER } from '../../helpers/core';
import { withEditedHeader } from './sealed-files';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** Calls that arrive together (two tabs, a double click) are handled one after the other. */
describe('calls made at the same time', () => {
  it('lets only one of two simultaneous sign-ins through, and loses no change made afterwards', async () => {
    const demo = await startDemoCore();
    cleanup = demo.cleanup;
    unwrap(await demo.call('session.signOut'));

    const [teacher, manager] = await Promise.all([
      demo.call('session.signIn', { username: 'demo.teacher', password: DEMO_PASSWORD }),
      demo.call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD }),
    ]);
    expect(teacher).toMatchObject({ ok: true, value: { user: { username: 'demo.teacher' } } });
    expect(manager).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    unwrap(await demo.call('session.signOut'));
    await demo.signIn('demo.manager');
    unwrap(await demo.call('settings.update', { autoLockMinutes: 42 }));
    await demo.core.close();

    const reopened = await startCore({ folder: demo.folder });
    await reopened.signIn('demo.manager');
    expect(unwrap(await reopened.call('settings.get')).autoLockMinutes).toBe(42);
    await reopened.core.close();
  });
});

describe('the sign-in screen', () => {
  it('opens another folder only if it holds a data file, and starts no new one', async () => {
    const demo = await startDemoCore();
    cleanup = demo.cleanup;
    unwrap(await demo.call('session.signOut'));
    const empty = await mkdtemp(join(tmpdir(), 'keydesk-empty-'));
    try {
      expect(await demo.call('setup.openFolder', { folder: empty })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'folder' } });
      expect(await demo.call('setup.createDatabase', { demo: true, folder: empty })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
      expect(unwrap(await demo.call('app.status'))).toMatchObject({ state: 'sign-in', dataFolder: demo.folder });
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('a data file from a newer Key Desk', () => {
  it('is refused as newer, not as damaged, and left exactly as it was', async () => {
    const demo = await startDemoCore();
    await demo.core.close();
    const path = join(demo.folder, 'keydesk.db');
    const newer = withEditedHeader(await readFile(path), (header) => ({ ...header, format: 3 }) as unknown as typeof header);
    await writeFile(path, newer);
    const reopened = await startCore({ folder: demo.folder });
    cleanup = async () => {
      await reopened.core.close();
      await demo.cleanup();
    };
    expect(unwrap(await reopened.call('app.status'))).toMatchObject({ state: 'failed', problem: { kind: 'too-new' } });
    await reopened.core.close();
    expect((await readFile(path)).equals(newer)).toBe(true);
  });
});

describe('a saved data folder that has gone missing', () => {
  it('is reported as not found (a drive not connected), not offered for a fresh set-up', async () => {
    const gone = join(tmpdir(), `keydesk-unplugged-${process.pid}-${Date.now()}`);
    const { core, call } = await startCore({ folder: gone, firstRunFolder: join(tmpdir(), 'keydesk-first-run-home') });
    cleanup = async () => {
      await core.close();
      await rm(gone, { recursive: true, force: true });
    };
    const status = unwrap(await call('app.status'));
    expect(status).toMatchObject({ state: 'failed', problem: { kind: 'folder-unusable', path: gone } });
    expect(status.problem?.message).toMatch(/cannot find the folder .*connect it/);
    // Not demo data (making that takes seconds): setting up is the same call either way.
    expect(await call('setup.createDatabase', { demo: false, manager: TEST_MANAGER })).toMatchObject({ ok: true });
  });

  it('is still a first run for the app’s own data folder', async () => {
    const home = join(tmpdir(), `keydesk-first-run-${process.pid}-${Date.now()}`);
    const { core, call } = await startCore({ folder: home, firstRunFolder: home });
    cleanup = async () => {
      await core.close();
      await rm(home, { recursive: true, force: true });
    };
    expect(unwrap(await call('app.status'))).toMatchObject({ state: 'setup', problem: null });
  });
});
