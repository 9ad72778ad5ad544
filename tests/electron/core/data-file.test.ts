import { readdir, readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeyDeskCore } from '../../../electron/core/core';
import { DataFile, dataFilePath } from '../../../electron/core/data-file';
import { dispatch } from '../../../electron/core/dispatch';
import { loadSqlJs } from '../../../electron/core/db/sqljs';
import { memorySettings } from '../../../electron/core/settings';
import type { Base } from '../../../shared/domain/bases';
import { TEST_NOW, startCore, tempFolder } from '../../helpers/core';
import { eventually, expectUntouched, snapshot, writeRealDataFile } from './files';

let folder: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  folder = await tempFolder();
});
afterEach(() => folder.cleanup());

/** Opens the folder afresh, as the app does on its next start, and reads the bases back. */
async function basesOnNextStart(path: string): Promise<Base[]> {
  const { core, call } = await startCore({ folder: path });
  const result = await call('bases.list');
  await core.close();
  if (!result.ok) throw new Error(result.error.message);
  return result.value as Base[];
}

/** The places Parkgate has in the file on disk right now, read straight from the bytes. */
async function parkgatePlacesOnDisk(path: string): Promise<unknown> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database(await readFile(dataFilePath(path)));
  const places = db.exec("SELECT places FROM bases WHERE name = 'Parkgate'")[0]?.values[0]?.[0];
  db.close();
  return places;
}

async function demoCore() {
  const started = await startCore({ folder: folder.path });
  const created = await started.call('setup.createDatabase', { demo: true });
  expect(created).toMatchObject({ ok: true, value: { state: 'ready' } });
  const listed = await started.call('bases.list');
  if (!listed.ok) throw new Error(listed.error.message);
  const parkgate = (listed.value as Base[]).find((b) => b.name === 'Parkgate');
  if (!parkgate) throw new Error('no Parkgate');
  return { ...started, parkgate };
}

describe('changes reach the disk and survive a restart', () => {
  it('keeps a change after flush, for a new core opening the same folder', async () => {
    const { core, call, parkgate } = await demoCore();
    expect(await call('bases.update', { id: parkgate.id, places: 30, name: 'Parkgate Key' })).toMatchObject({ ok: true });
    await core.dataFile?.flush();
    expect(core.dataFile?.hasUnsavedChanges).toBe(false);
    const reopened = await basesOnNextStart(folder.path);
    expect(reopened.find((b) => b.id === parkgate.id)).toMatchObject({ name: 'Parkgate Key', places: 30 });
    await core.close();
  });

  it('keeps a change made just before close()', async () => {
    const { core, call, parkgate } = await demoCore();
    await call('bases.update', { id: parkgate.id, keyStages: ['KS2'], hostSchool: 'Parkgate Primary (annexe)' });
    await core.close();
    const reopened = await basesOnNextStart(folder.path);
    expect(reopened.find((b) => b.id === parkgate.id)).toMatchObject({
      keyStages: ['KS2'],
      hostSchool: 'Parkgate Primary (annexe)',
      places: 24,
    });
  });

  it('saves a change by the debounce alone, with the default delay, nobody flushing', async () => {
    await writeRealDataFile(folder.path);
    const core = new KeyDeskCore({ settings: memorySettings({ dataFolder: folder.path }), version: 't', clock: () => TEST_NOW });
    await core.start();
    const bases = await dispatch(core, 'bases.list', undefined);
    const parkgate = bases.ok ? (bases.value as Base[]).find((b) => b.name === 'Parkgate') : undefined;
    expect(await parkgatePlacesOnDisk(folder.path)).toBe(24);

    const changedAt = Date.now();
    expect(await dispatch(core, 'bases.update', { id: parkgate?.id, places: 25 })).toMatchObject({ ok: true });
    expect(core.dataFile?.hasUnsavedChanges).toBe(true);
    await eventually(async () => (await parkgatePlacesOnDisk(folder.path)) === 25, 3000);
    expect(Date.now() - changedAt).toBeLessThan(2000); // loose: the delay is 250 ms
    expect(core.dataFile?.hasUnsavedChanges).toBe(false);
    expect((await readdir(folder.path)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    await core.close();
  });
});

describe('DataFile', () => {
  it('opens nothing, and creates nothing, in a folder without a data file', async () => {
    expect(await DataFile.open(folder.path)).toBeNull();
    expect(await readdir(folder.path)).toEqual([]);
  });

  it('does not rewrite a healthy file that was only opened and read', async () => {
    const path = await writeRealDataFile(folder.path);
    const before = await snapshot(path);
    const { core, call } = await startCore({ folder: folder.path });
    expect(await call('bases.list')).toMatchObject({ ok: true });
    expect(await call('app.status')).toMatchObject({ ok: true, value: { state: 'ready' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await core.close();
    await expectUntouched(path, before);
  });

  it('refuses to create a data file over an existing one, leaving it untouched', async () => {
    const path = await writeRealDataFile(folder.path);
    const before = await snapshot(path);
    let filled = false;
    await expect(
      DataFile.create(folder.path, async () => {
        filled = true;
      }),
    ).rejects.toMatchObject({ name: 'FileRefused', kind: 'folder-unusable' });
    expect(filled).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expectUntouched(path, before);
  });

  it('creates the folder when it does not exist yet', async () => {
    const nested = `${folder.path}/school/key desk`;
    const file = await DataFile.create(nested, async () => undefined);
    await file.close();
    expect(await readdir(nested)).toEqual(['keydesk.db']);
    expect(await DataFile.open(nested).then((f) => f?.close())).toBeUndefined();
  });
});
