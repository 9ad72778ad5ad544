import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PROVISION_NAME } from '../../../electron/core/core';
import type { Base } from '../../../shared/domain/bases';
import { startCore, tempFolder } from '../../helpers/core';
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
  return result.value as Base[];
}

describe('first start in a new folder', () => {
  it('is in set-up, with nothing open and nothing written', async () => {
    const { call } = await start({ folder: folder.path });
    expect(await call('app.status')).toEqual({
      ok: true,
      value: {
        state: 'setup',
        dataFolder: folder.path,
        isDemo: false,
        provisionName: null,
        problem: null,
        canChooseFolder: false,
        version: '0.0.0-test',
      },
    });
    expect(await call('bases.list')).toMatchObject({ ok: false, error: { code: 'NO_DATABASE' } });
    expect(await readdir(folder.path)).toEqual([]);
  });

  it('creates demo data: ready, marked as demo, every base partly filled', async () => {
    const { call } = await start({ folder: folder.path });
    const created = await call('setup.createDatabase', { demo: true });
    expect(created).toMatchObject({ ok: true, value: { state: 'ready', isDemo: true, provisionName: DEMO_PROVISION_NAME, problem: null } });
    expect(await readdir(folder.path)).toEqual(['keydesk.db']);
    const list = await bases(call);
    expect(list.map((b) => b.name)).toEqual(['Parkgate', 'Frederick Bird']);
    for (const base of list) {
      expect(base.placed).toBeGreaterThan(0);
      expect(base.placed).toBeLessThanOrEqual(base.places);
    }
  });

  it('creates an empty provision with the name given: ready, not demo, nobody placed', async () => {
    const { call } = await start({ folder: folder.path });
    const created = await call('setup.createDatabase', { demo: false, provisionName: '  The Key, Coventry ' });
    expect(created).toMatchObject({ ok: true, value: { state: 'ready', isDemo: false, provisionName: 'The Key, Coventry' } });
    const list = await bases(call);
    expect(list.map((b) => [b.name, b.places, b.keyStages, b.placed])).toEqual([
      ['Parkgate', 24, ['KS1', 'KS2'], 0],
      ['Frederick Bird', 12, ['KS1'], 0],
    ]);
  });

  it('creates the data file in a folder given with the request, remembering it', async () => {
    const { core, call } = await start({ folder: folder.path });
    const elsewhere = join(folder.path, 'elsewhere');
    const created = await call('setup.createDatabase', { demo: false, provisionName: 'The Key', folder: elsewhere });
    expect(created).toMatchObject({ ok: true, value: { state: 'ready', dataFolder: elsewhere } });
    expect(core.settings.get().dataFolder).toBe(elsewhere);
    expect(await readdir(elsewhere)).toEqual(['keydesk.db']);
  });

  it.each([
    [{ provisionName: 'The Key' }, 'demo', /Choose demo data/],
    [{ demo: 'yes' }, 'demo', /Choose demo data/],
    [{ demo: false, provisionName: 42 }, 'provisionName', /^Enter the name of your provision\.$/],
    [{ demo: false, provisionName: '  ' }, 'provisionName', /^Enter the name of your provision\.$/],
    [{ demo: false, provisionName: 'x'.repeat(81) }, 'provisionName', /at most 80/],
    [{ demo: true, folder: 'relative/path' }, 'folder', /full path/],
    [{ demo: true, seed: 1 }, 'seed', /does not know the field seed/],
  ])('refuses to create a database from %j, naming the field, writing nothing', async (input, field, message) => {
    const { call } = await start({ folder: folder.path });
    expect(await call('setup.createDatabase', input)).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', field, message: expect.stringMatching(message) },
    });
    expect(await call('app.status')).toMatchObject({ ok: true, value: { state: 'setup' } });
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
  it('opens it ready on start', async () => {
    await writeRealDataFile(folder.path);
    const { core } = await start({ folder: folder.path });
    expect(await core.status()).toMatchObject({ state: 'ready', isDemo: true, problem: null });
  });

  it('refuses to create another database over it, open or not, and leaves it untouched', async () => {
    const path = await writeRealDataFile(folder.path);
    const before = await snapshot(path);
    const other = await tempFolder();
    try {
      // From another folder, naming this one.
      const { call } = await start({ folder: other.path });
      const refused = await call('setup.createDatabase', { demo: false, provisionName: 'New', folder: folder.path });
      expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'folder', message: expect.stringMatching(/already has/) } });
      expect(await call('app.status')).toMatchObject({ ok: true, value: { state: 'setup', dataFolder: other.path } });

      // With it open.
      const opened = await start({ folder: folder.path });
      expect(await opened.call('setup.createDatabase', { demo: true })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', field: 'folder' },
      });
      expect(await opened.call('setup.createDatabase', { demo: true, folder: `${folder.path}/` })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', field: 'folder' },
      });
      expect(await opened.call('app.status')).toMatchObject({ ok: true, value: { state: 'ready', isDemo: true } });
      await opened.core.close();
      await expectUntouched(path, before);
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

  it('switches to another folder, saving the one it leaves', async () => {
    const { core, call } = await start({ folder: folder.path });
    await call('setup.createDatabase', { demo: false, provisionName: 'First' });
    const [parkgate] = await bases(call);
    await call('bases.update', { id: parkgate?.id, places: 40 });
    const second = join(folder.path, 'second');
    expect(await call('setup.openFolder', { folder: second })).toMatchObject({ ok: true, value: { state: 'setup', dataFolder: second } });
    expect(await call('setup.openFolder', { folder: folder.path })).toMatchObject({ ok: true, value: { state: 'ready', provisionName: 'First' } });
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
    const { call } = await start({ folder: folder.path });
    await call('setup.createDatabase', { demo: true });
    expect(await call('settings.get')).toEqual({ ok: true, value: { defaultBaseId: null } });

    expect(await call('settings.update', { defaultBaseId: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', field: 'defaultBaseId' },
    });
    expect(await call('settings.update', { defaultBaseId: 'parkgate' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'defaultBaseId' },
    });
    expect(await call('settings.get')).toEqual({ ok: true, value: { defaultBaseId: null } });

    const frederickBird = (await bases(call)).find((b) => b.name === 'Frederick Bird');
    expect(await call('settings.update', { defaultBaseId: frederickBird?.id })).toEqual({ ok: true, value: { defaultBaseId: frederickBird?.id } });
    expect(await call('settings.get')).toEqual({ ok: true, value: { defaultBaseId: frederickBird?.id } });

    expect(await call('settings.update', { defaultBaseId: null })).toEqual({ ok: true, value: { defaultBaseId: null } });
    expect(await call('settings.get')).toEqual({ ok: true, value: { defaultBaseId: null } });
  });
});
