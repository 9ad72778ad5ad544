import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeyDeskCore } from '../../../electron/core/core';
import { Keyring } from '../../../electron/core/crypto/keyring';
import { newRecoverySecret } from '../../../electron/core/crypto/recovery-key';
import { DataFile, SealedDataFile } from '../../../electron/core/data-file';
import { dispatch } from '../../../electron/core/dispatch';
import { memorySettings } from '../../../electron/core/settings';
import { unwrap } from '../../../shared/api/result';
import type { Base } from '../../../shared/domain/bases';
import { DEMO_PASSWORD, TEST_NOW, TEST_SCRYPT, startCore, tempFolder } from '../../helpers/core';
import { databaseOnDisk, expectUntouched, snapshot, writeRealDataFile } from './files';

let folder: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  folder = await tempFolder();
});
afterEach(() => folder.cleanup());

/** Opens the folder afresh, as the app does on its next start, signs in and reads the bases back. */
async function basesOnNextStart(path: string): Promise<Base[]> {
  const { core, call } = await startCore({ folder: path });
  // Read-only: only looking, and the Key Desk under test may still hold the folder.
  unwrap(await call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD, readOnly: true }));
  const result = await call('bases.list');
  await core.close();
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** The places Parkgate has in the file on disk right now, read straight from the (decrypted) bytes. */
async function parkgatePlacesOnDisk(path: string, keyring: Keyring): Promise<unknown> {
  const db = await databaseOnDisk(path, keyring);
  const places = db.exec("SELECT places FROM bases WHERE name = 'Parkgate'")[0]?.values[0]?.[0];
  db.close();
  return places;
}

/**
 * A core signed in as the demo manager on a demo data file: a copy of the one made once (making demo
 * data takes seconds; these tests are about saving, not about making it).
 */
async function demoCore() {
  await writeRealDataFile(folder.path);
  const started = await startCore({ folder: folder.path });
  await started.signIn('demo.manager');
  expect(await started.call('app.status')).toMatchObject({ ok: true, value: { state: 'ready' } });
  const listed = await started.call('bases.list');
  if (!listed.ok) throw new Error(listed.error.message);
  const parkgate = listed.value.find((b) => b.name === 'Parkgate');
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

  it('keeps a change made just before signing out', async () => {
    const { core, call, parkgate } = await demoCore();
    await call('bases.update', { id: parkgate.id, places: 26 });
    expect(await call('session.signOut')).toMatchObject({ ok: true, value: { state: 'sign-in' } });
    expect(core.dataFile).toBeNull();
    await core.close();
    expect((await basesOnNextStart(folder.path)).find((b) => b.id === parkgate.id)).toMatchObject({ places: 26 });
  });

  it('answers a change only once it is on disk, nobody flushing, and leaves no temp files', async () => {
    // A copy of the demo file made once, and the keyring its demo manager's password opens.
    await writeRealDataFile(folder.path);
    const sealed = await SealedDataFile.read(folder.path);
    const keyring = sealed && (await Keyring.unlockWithPassword(sealed.envelope, 'demo.manager', DEMO_PASSWORD, TEST_SCRYPT))?.keyring;
    if (!keyring) throw new Error('the demo file did not open with the demo password');
    const core = new KeyDeskCore({ settings: memorySettings({ dataFolder: folder.path }), version: 't', clock: () => TEST_NOW, scrypt: TEST_SCRYPT });
    await core.start();
    expect(await dispatch(core, 'session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD })).toMatchObject({ ok: true });
    const bases = await dispatch(core, 'bases.list', undefined);
    const parkgate = bases.ok ? (bases.value as Base[]).find((b) => b.name === 'Parkgate') : undefined;
    expect(await parkgatePlacesOnDisk(folder.path, keyring)).toBe(24);

    expect(await dispatch(core, 'bases.update', { id: parkgate?.id, places: 25 })).toMatchObject({ ok: true });
    expect(core.dataFile?.hasUnsavedChanges).toBe(false);
    expect(await parkgatePlacesOnDisk(folder.path, keyring)).toBe(25);
    expect((await readdir(folder.path)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    await core.close();
  });
});

describe('DataFile', () => {
  it('reads nothing, and creates nothing, in a folder without a data file', async () => {
    expect(await SealedDataFile.read(folder.path)).toBeNull();
    expect(await readdir(folder.path)).toEqual([]);
  });

  it('does not rewrite a healthy file that was only opened, or signed in to and read', async () => {
    const path = await writeRealDataFile(folder.path);
    let before = await snapshot(path);
    const { core, call, signIn } = await startCore({ folder: folder.path });
    // At the sign-in screen, the file has been read but nothing in it has changed.
    expect(await call('app.status')).toMatchObject({ ok: true, value: { state: 'sign-in' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expectUntouched(path, before);

    // Signing in is logged (one journal record); reading after that changes nothing more.
    await signIn('demo.manager');
    await core.dataFile?.flush();
    before = await snapshot(path);
    const journalBefore = await snapshot(`${path}.journal`);
    expect(await call('bases.list')).toMatchObject({ ok: true });
    expect(await call('settings.get')).toMatchObject({ ok: true });
    expect(await call('app.status')).toMatchObject({ ok: true, value: { state: 'ready' } });
    expect(core.dataFile?.hasUnsavedChanges).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expectUntouched(path, before);
    await expectUntouched(`${path}.journal`, journalBefore);
    // Closing folds the journal into a new snapshot; nothing else is left behind but the day's backup.
    await core.close();
    expect((await readdir(folder.path)).sort()).toEqual(['backups', 'keydesk.db', 'keydesk.db.journal']);
  });

  it('refuses to create a data file over an existing one, leaving it untouched', async () => {
    const path = await writeRealDataFile(folder.path);
    const before = await snapshot(path);
    let filled = false;
    await expect(
      DataFile.create(folder.path, Keyring.create({ demo: false, scrypt: TEST_SCRYPT }), async () => {
        filled = true;
      }),
    ).rejects.toMatchObject({ name: 'FileRefused', kind: 'folder-unusable' });
    expect(filled).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expectUntouched(path, before);
  });

  it('writes nothing at all when filling a new data file fails part-way', async () => {
    const keyring = Keyring.create({ demo: false, scrypt: TEST_SCRYPT });
    await expect(
      DataFile.create(
        folder.path,
        keyring,
        async (file) => {
          file.sql.run("UPDATE bases SET places = 30 WHERE name = 'Parkgate'");
          throw new Error('fill broke');
        },
        { saveDelayMs: 1 },
      ),
    ).rejects.toThrow('fill broke');
    await new Promise((resolve) => setTimeout(resolve, 50)); // longer than the save delay
    expect(await readdir(folder.path)).toEqual([]);
  });

  it('creates the folder when it does not exist yet, and opens again with the keyring that sealed it', async () => {
    const nested = `${folder.path}/school/key desk`;
    const keyring = Keyring.create({ demo: false, scrypt: TEST_SCRYPT });
    // A file must carry at least one key slot, or nobody could ever open it again.
    await keyring.setRecoveryKey(newRecoverySecret());
    const file = await DataFile.create(nested, keyring, async (f) => {
      f.sql.run("UPDATE bases SET places = 30 WHERE name = 'Parkgate'");
    });
    await file.close();
    expect((await readdir(nested)).sort()).toEqual(['keydesk.db', 'keydesk.db.journal']);
    const sealed = await SealedDataFile.read(nested);
    expect(sealed).not.toBeNull();
    if (!sealed) return;
    expect(sealed.demo).toBe(false);
    expect(sealed.provisionId).toBe(keyring.provisionId);
    const reopened = await DataFile.unlock(sealed, keyring);
    expect(reopened.sql.exec("SELECT places FROM bases WHERE name = 'Parkgate'")[0]?.values).toEqual([[30]]);
    await reopened.close();
  });
});
