import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PROVISION_NAME } from '../../../electron/core/demo/generate';
import type { Base } from '../../../shared/domain/bases';
import { DEMO_PASSWORD, TEST_MANAGER, startCore, tempFolder } from '../../helpers/core';
import { expectUntouched, snapshot, writeRealDataFile } from './files';

let folder: { path: string; cleanup: () => Promise<void> };
let cores: Array<{ close(): Promise<void> }>;
beforeEach(async () => {
  folder = await tempFolder();
  cores = [];
});
afterEach(async () => {
  for (const core of cores) await core.close();
  await folder.cleanup();
});

async function start(options: Parameters<typeof startCore>[0]) {
  const started = await startCore(options);
  cores.push(started.core);
  return started;
}

async function bases(call: Awaited<ReturnType<typeof startCore>>['call']): Promise<Base[]> {
  const result = await call('bases.list');
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** A recovery key as printed for the manager: 32 characters of Crockford's base32 in groups of four. */
const RECOVERY_KEY = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}$/;

describe('first start in a new folder', () => {
  it('is in set-up, with nothing open, nobody signed in and nothing written', async () => {
    const { call } = await start({ folder: folder.path });
    expect(await call('app.status')).toEqual({
      ok: true,
      value: {
        state: 'setup',
        dataFolder: folder.path,
        isDemo: false,
        provisionName: null,
        problem: null,
        user: null,
        demoAccounts: null,
        autoLockMinutes: null,
        saveProblem: null,
        saveStopped: false,
        heldElsewhere: null,
        readOnly: false,
        canChooseFolder: false,
        version: '0.0.0-test',
        // By the core's clock (the tests' fixed day), not the PC's.
        today: '2026-11-23',
      },
    });
    expect(await call('bases.list')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await readdir(folder.path)).toEqual([]);
  });

  it('creates demo data: ready, marked as demo, signed in as the demo manager, every base partly filled', async () => {
    const { call } = await start({ folder: folder.path });
    const created = await call('setup.createDatabase', { demo: true });
    expect(created).toMatchObject({
      ok: true,
      value: {
        status: { state: 'ready', isDemo: true, provisionName: DEMO_PROVISION_NAME, problem: null, user: { username: 'demo.manager' } },
        recoveryKey: expect.stringMatching(RECOVERY_KEY),
      },
    });
    // The lock says this Key Desk has the folder open; the journal holds changes since the snapshot.
    expect((await readdir(folder.path)).sort()).toEqual(['keydesk.db', 'keydesk.db.journal', 'keydesk.lock']);
    const list = await bases(call);
    expect(list.map((b) => b.name)).toEqual(['Parkgate', 'Frederick Bird']);
    for (const base of list) {
      expect(base.placed).toBeGreaterThan(0);
      expect(base.placed).toBeLessThanOrEqual(base.places);
    }
  });

  it('creates an empty provision with the name given and its first manager: ready, not demo, nobody placed', async () => {
    const { call } = await start({ folder: folder.path });
    const created = await call('setup.createDatabase', { demo: false, provisionName: '  The Key, Coventry ', manager: TEST_MANAGER });
    expect(created).toMatchObject({
      ok: true,
      value: {
        status: { state: 'ready', isDemo: false, provisionName: 'The Key, Coventry', demoAccounts: null },
        recoveryKey: expect.stringMatching(RECOVERY_KEY),
      },
    });
    const list = await bases(call);
    expect(list.map((b) => [b.name, b.places, b.keyStages, b.placed])).toEqual([
      ['Parkgate', 24, ['KS1', 'KS2'], 0],
      ['Frederick Bird', 12, ['KS1'], 0],
    ]);
    // The first account manages everything, at every base.
    expect(created.ok && created.value.status.user).toEqual({
      id: expect.any(String),
      name: TEST_MANAGER.name,
      username: TEST_MANAGER.username,
      roles: ['manager', 'administrator'],
      baseIds: expect.arrayContaining(list.map((b) => b.id)),
    });
  });

  it('creates the data file in a folder given with the request, remembering it', async () => {
    const { core, call } = await start({ folder: folder.path });
    const elsewhere = join(folder.path, 'elsewhere');
    const created = await call('setup.createDatabase', { demo: false, provisionName: 'The Key', manager: TEST_MANAGER, folder: elsewhere });
    expect(created).toMatchObject({ ok: true, value: { status: { state: 'ready', dataFolder: elsewhere } } });
    expect(core.settings.get().dataFolder).toBe(elsewhere);
    expect(await readdir(elsewhere)).toContain('keydesk.db');
  });

  const manager = (changes: Partial<typeof TEST_MANAGER>) => ({ ...TEST_MANAGER, ...changes });

  it.each([
    [{ provisionName: 'The Key' }, 'demo', /Choose demo data/],
    [{ demo: 'yes' }, 'demo', /Choose demo data/],
    [{ demo: false, provisionName: 42, manager: TEST_MANAGER }, 'provisionName', /^Enter the name of your provision\.$/],
    [{ demo: false, provisionName: '  ', manager: TEST_MANAGER }, 'provisionName', /^Enter the name of your provision\.$/],
    [{ demo: false, provisionName: 'x'.repeat(81), manager: TEST_MANAGER }, 'provisionName', /at most 80/],
    [{ demo: true, folder: 'relative/path' }, 'folder', /full path/],
    [{ demo: true, seed: 1 }, 'seed', /does not know the field seed/],
    // A real provision needs its first account, with a password good enough to guard the file.
    [{ demo: false, provisionName: 'The Key' }, 'manager', /first account/],
    [{ demo: false, manager: manager({ name: ' ' }) }, 'manager.name', /name/],
    [{ demo: false, manager: manager({ username: 'r ashdown' }) }, 'manager.username', /no spaces/],
    [{ demo: false, manager: manager({ password: 'short-one' }) }, 'manager.password', /at least 10 characters/],
    [{ demo: false, manager: manager({ password: 'password123' }) }, 'manager.password', /too common/],
    [{ demo: false, manager: manager({ password: 'ashdown-rules-ok' }) }, 'manager.password', /name or username/],
    [{ demo: false, manager: { name: 'Robin', username: 'robin' } }, 'manager.password', /Enter a password/],
  ])('refuses to create a database from %j, naming the field, writing nothing', async (input, field, message) => {
    const { call } = await start({ folder: folder.path });
    expect(await call('setup.createDatabase', input)).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', field, message: expect.stringMatching(message) },
    });
    expect(await call('app.status')).toMatchObject({ ok: true, value: { state: 'setup', user: null } });
    expect(await readdir(folder.path)).toEqual([]);
  });

  it('refuses to create a database when no folder has been chosen', async () => {
    const core = await start({ folder: '' });
    expect(await core.call('setup.createDatabase', { demo: true })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'folder', message: expect.stringMatching(/Choose a folder/) },
    });
  });
});

describe('a folder that already has a data file', () => {
  it('opens it at the sign-in screen on start, showing nothing from inside until someone signs in', async () => {
    await writeRealDataFile(folder.path);
    const { call, signIn } = await start({ folder: folder.path });
    expect(await call('app.status')).toMatchObject({
      ok: true,
      value: { state: 'sign-in', isDemo: true, problem: null, provisionName: null, user: null, demoAccounts: DEMO_ACCOUNTS },
    });
    expect(await call('bases.list')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await signIn('demo.manager')).toMatchObject({
      state: 'ready',
      isDemo: true,
      provisionName: DEMO_PROVISION_NAME,
      user: { username: 'demo.manager' },
      demoAccounts: null,
    });
    expect(await bases(call)).toHaveLength(2);
  });

  it('shows no demo accounts on the sign-in screen of a real provision', async () => {
    await writeRealDataFile(folder.path, false);
    const { call, signIn } = await start({ folder: folder.path });
    expect(await call('app.status')).toMatchObject({ ok: true, value: { state: 'sign-in', isDemo: false, demoAccounts: null } });
    expect(await signIn(TEST_MANAGER.username, TEST_MANAGER.password)).toMatchObject({ state: 'ready', provisionName: 'The Key' });
  });

  it('refuses to create another database over it, open or not, signed in or not, and leaves it untouched', async () => {
    const path = await writeRealDataFile(folder.path);
    let before = await snapshot(path);
    const other = await tempFolder();
    try {
      // From another folder, naming this one.
      const { call } = await start({ folder: other.path });
      const refused = await call('setup.createDatabase', { demo: false, provisionName: 'New', manager: TEST_MANAGER, folder: folder.path });
      expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'folder', message: expect.stringMatching(/already has/) } });
      expect(await call('app.status')).toMatchObject({ ok: true, value: { state: 'setup', dataFolder: other.path } });

      // With it open at the sign-in screen, nobody signed in may start a new data file at all.
      const opened = await start({ folder: folder.path });
      const tries = [{ demo: true }, { demo: true, folder: `${folder.path}/` }, { demo: false, manager: TEST_MANAGER }];
      for (const input of tries) {
        expect(await opened.call('setup.createDatabase', input)).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
      }
      expect(await opened.call('app.status')).toMatchObject({ ok: true, value: { state: 'sign-in', isDemo: true } });
      await expectUntouched(path, before);

      // Signed in (signing in is itself logged, so the file changes once), as an administrator.
      await opened.signIn('demo.manager');
      await opened.core.dataFile?.flush();
      before = await snapshot(path);
      const journalBefore = await snapshot(`${path}.journal`);
      for (const input of tries) {
        expect(await opened.call('setup.createDatabase', input)).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'folder' } });
      }
      expect(await opened.call('app.status')).toMatchObject({ ok: true, value: { state: 'ready', isDemo: true } });
      await expectUntouched(path, before);
      await expectUntouched(`${path}.journal`, journalBefore);
      await opened.core.close();
    } finally {
      await other.cleanup();
    }
  });
});

describe('setup.openFolder and setup.chooseFolder', () => {
  it.each([['keydesk'], ['./data/keydesk'], ['..']])('refuses the relative path %s, naming the folder field', async (relative) => {
    const { call } = await start({ folder: folder.path });
    expect(await call('setup.openFolder', { folder: relative })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'folder', message: expect.stringMatching(/full path/) },
    });
    expect(await call('app.status')).toMatchObject({ ok: true, value: { dataFolder: folder.path } });
  });

  it('refuses an empty folder name', async () => {
    const { call } = await start({ folder: folder.path });
    expect(await call('setup.openFolder', { folder: '   ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'folder' } });
  });

  it('switches to another folder, saving the one it leaves and signing out of it', async () => {
    const { core, call, signIn } = await start({ folder: folder.path });
    await call('setup.createDatabase', { demo: false, provisionName: 'First', manager: TEST_MANAGER });
    const [parkgate] = await bases(call);
    expect(await call('bases.update', { id: parkgate?.id, places: 40 })).toMatchObject({ ok: true });
    const second = join(folder.path, 'second');
    expect(await call('setup.openFolder', { folder: second })).toMatchObject({ ok: true, value: { state: 'setup', dataFolder: second, user: null } });
    expect(await call('setup.openFolder', { folder: folder.path })).toMatchObject({ ok: true, value: { state: 'sign-in', user: null, provisionName: null } });
    expect(await signIn(TEST_MANAGER.username, TEST_MANAGER.password)).toMatchObject({ state: 'ready', provisionName: 'First' });
    expect((await bases(call))[0]).toMatchObject({ id: parkgate?.id, places: 40 });
    expect(core.settings.get().dataFolder).toBe(folder.path);
  });

  it('says choosing a folder needs the desktop app when the platform has no picker', async () => {
    const { call } = await start({ folder: folder.path });
    expect(await call('setup.chooseFolder')).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE', message: expect.stringMatching(/desktop app/) } });
  });

  it('returns the folder the platform’s picker chose', async () => {
    const picked = join(folder.path, 'picked');
    const { call } = await start({ folder: folder.path, platform: { canChooseFolder: true, chooseFolder: async () => picked } });
    expect(await call('app.status')).toMatchObject({ ok: true, value: { canChooseFolder: true } });
    expect(await call('setup.chooseFolder')).toEqual({ ok: true, value: { folder: picked } });
  });
});

describe('settings', () => {
  it('refuses a default base that does not exist, and remembers a real one', async () => {
    // A copy of a demo file made once, signed in to as its demo manager (making one takes seconds).
    await writeRealDataFile(folder.path);
    const { call, signIn } = await start({ folder: folder.path });
    await signIn('demo.manager');
    const unchanged = { defaultBaseId: null, autoLockMinutes: 5 };
    expect(await call('settings.get')).toEqual({ ok: true, value: unchanged });

    expect(await call('settings.update', { defaultBaseId: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', field: 'defaultBaseId' },
    });
    expect(await call('settings.update', { defaultBaseId: 'parkgate' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'defaultBaseId' },
    });
    expect(await call('settings.get')).toEqual({ ok: true, value: unchanged });

    const frederickBird = (await bases(call)).find((b) => b.name === 'Frederick Bird');
    expect(await call('settings.update', { defaultBaseId: frederickBird?.id })).toEqual({
      ok: true,
      value: { defaultBaseId: frederickBird?.id, autoLockMinutes: 5 },
    });
    expect(await call('settings.get')).toEqual({ ok: true, value: { defaultBaseId: frederickBird?.id, autoLockMinutes: 5 } });

    expect(await call('settings.update', { defaultBaseId: null })).toEqual({ ok: true, value: unchanged });
    expect(await call('settings.get')).toEqual({ ok: true, value: unchanged });
  });

  it('keeps the auto-lock minutes in the data file, for whoever signs in next', async () => {
    await writeRealDataFile(folder.path);
    const { core, call, signIn } = await start({ folder: folder.path });
    await signIn('demo.manager');
    expect(await call('settings.update', { autoLockMinutes: 0 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'autoLockMinutes' } });
    expect(await call('settings.update', { autoLockMinutes: 12 })).toEqual({ ok: true, value: { defaultBaseId: null, autoLockMinutes: 12 } });
    await call('session.signOut');
    await signIn('demo.teacher', DEMO_PASSWORD);
    expect(await call('settings.get')).toEqual({ ok: true, value: { defaultBaseId: null, autoLockMinutes: 12 } });
    expect((await core.status()).autoLockMinutes).toBe(12);
  });
});
