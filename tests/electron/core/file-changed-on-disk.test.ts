import { readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../shared/api/result';
import type { Base } from '../../../shared/domain/bases';
import { DEMO_PASSWORD, startCore, startDemoCore, tempFolder } from '../../helpers/core';
import { eventually, expectUntouched, snapshot, writeRealDataFile } from './files';

/**
 * The data file can change under an open Key Desk: a backup restored by hand, another PC working on
 * the same shared folder, someone deleting it. Key Desk must neither show a stale copy nor overwrite
 * the newer file, and must not leave the folder without a data file when it closes.
 */

let folder: { path: string; cleanup: () => Promise<void> };
const cleanups: (() => Promise<unknown>)[] = [];
beforeEach(async () => {
  folder = await tempFolder();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  await folder.cleanup();
});

const dataFile = () => join(folder.path, 'keydesk.db');
const journalFile = () => join(folder.path, 'keydesk.db.journal');

async function parkgate(call: Awaited<ReturnType<typeof startCore>>['call']): Promise<Base> {
  const found = unwrap(await call('bases.list')).find((b) => b.name.startsWith('Parkgate'));
  if (!found) throw new Error('no Parkgate');
  return found;
}

/** What the next start of Key Desk finds in the folder: its state, and Parkgate once signed in (read-only). */
async function onNextStart(path: string): Promise<{ state: string; parkgate: Base | null }> {
  const next = await startCore({ folder: path });
  try {
    const { state } = unwrap(await next.call('app.status'));
    if (state !== 'sign-in') return { state, parkgate: null };
    // Read-only: only looking, and the Key Desk under test may still hold the folder.
    unwrap(await next.call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD, readOnly: true }));
    return { state, parkgate: await parkgate(next.call) };
  } finally {
    await next.core.close();
  }
}

describe('signing in', () => {
  it('opens the data file as it is now, not the copy read when the folder was opened, and keeps the newer changes', async () => {
    await writeRealDataFile(folder.path);
    // This PC opens the folder and sits at the sign-in screen.
    const here = await startCore({ folder: folder.path });
    cleanups.push(() => here.core.close());
    expect(unwrap(await here.call('app.status')).state).toBe('sign-in');

    // Meanwhile another PC on the same shared folder signs in, renames the base and closes.
    const other = await startCore({ folder: folder.path });
    await other.signIn('demo.manager');
    unwrap(await other.call('bases.update', { id: (await parkgate(other.call)).id, name: 'Parkgate (changed on the office PC)' }));
    await other.core.close();

    await here.signIn('demo.manager');
    expect((await parkgate(here.call)).name).toBe('Parkgate (changed on the office PC)');
    // Signing in is itself saved (an audit entry): that save must not put the old copy back.
    await here.core.close();
    expect((await onNextStart(folder.path)).parkgate?.name).toBe('Parkgate (changed on the office PC)');
  });

  it('with the recovery key also opens the data file as it is now', async () => {
    const demo = await startDemoCore({ folder: folder.path });
    cleanups.push(demo.cleanup);
    unwrap(await demo.call('session.signOut'));

    const other = await startCore({ folder: folder.path });
    await other.signIn('demo.manager');
    unwrap(await other.call('bases.update', { id: (await parkgate(other.call)).id, places: 26 }));
    await other.core.close();

    unwrap(await demo.call('session.recover', { recoveryKey: demo.recoveryKey, username: 'demo.admin', newPassword: 'amber-kettle-meadow' }));
    unwrap(await demo.call('session.signOut'));
    await demo.signIn('demo.manager');
    expect((await parkgate(demo.call)).places).toBe(26);
    await demo.core.close();
    expect((await onNextStart(folder.path)).parkgate?.places).toBe(26);
  });

  it('refuses a data file damaged since the folder was opened, and leaves it as it is', async () => {
    await writeRealDataFile(folder.path);
    const here = await startCore({ folder: folder.path });
    cleanups.push(() => here.core.close());
    await writeFile(dataFile(), 'overwritten by something else');
    const before = await snapshot(dataFile());

    expect(await here.call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD })).toMatchObject({
      ok: true,
      value: { state: 'failed', user: null, problem: { kind: 'not-ours' } },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await here.core.close();
    await expectUntouched(dataFile(), before);
  });

  it('still signs in when the data file was deleted after the folder was opened, and writes it back', async () => {
    await writeRealDataFile(folder.path);
    const here = await startCore({ folder: folder.path });
    await unlink(dataFile());
    await here.signIn('demo.manager');
    await here.core.close();
    expect((await onNextStart(folder.path)).state).toBe('sign-in');
  });
});

describe('a data file changed under an open Key Desk', () => {
  async function signedInWithBackup() {
    const demo = await startDemoCore({ folder: folder.path });
    cleanups.push(demo.cleanup);
    // A backup is the snapshot and its journal, taken together at a checkpoint.
    await demo.core.dataFile?.checkpoint();
    const backup = { snapshot: await readFile(dataFile()), journal: await readFile(journalFile()) };
    const base = await parkgate(demo.call);
    unwrap(await demo.call('bases.update', { id: base.id, places: 30 }));
    await demo.core.dataFile?.flush();
    return { ...demo, backup, base };
  }

  it('is never overwritten: saving stops, the change stays in memory and the teacher is told in plain words', async () => {
    const { call, core, backup, base } = await signedInWithBackup();
    // A backup restored by hand (copied over the file) while Key Desk is open.
    for (const [bytes, path] of [[backup.snapshot, dataFile()], [backup.journal, journalFile()]] as const) {
      const restored = join(folder.path, 'restored-copy');
      await writeFile(restored, bytes);
      await rename(restored, path);
    }
    const before = await snapshot(dataFile());
    const journalBefore = await snapshot(journalFile());

    unwrap(await call('bases.update', { id: base.id, places: 31 }));
    let status = unwrap(await call('app.status'));
    await eventually(async () => {
      status = unwrap(await call('app.status'));
      return status.saveProblem !== null;
    });
    expect(status.saveProblem).toMatch(/^The data file was changed by another copy of Key Desk or a restored backup since you opened it\. Key Desk has stopped saving/);
    expect(status.saveProblem).not.toMatch(/E[A-Z]{3,}|\.tmp|keydesk\.db/);
    // What was typed is still there to see (and note down).
    expect((await parkgate(call)).places).toBe(31);

    // Neither waiting for the retry, nor signing out, nor closing writes over the restored file.
    await new Promise((resolve) => setTimeout(resolve, 2300));
    const signOut = await call('session.signOut');
    expect(signOut).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!signOut.ok && signOut.error.message).toMatch(/^The data file was changed by another copy of Key Desk or a restored backup/);
    expect(unwrap(await call('app.status'))).toMatchObject({ state: 'ready' });
    await expect(core.close()).rejects.toMatchObject({ code: 'CONFLICT' });
    await expectUntouched(dataFile(), before);
    await expectUntouched(journalFile(), journalBefore);
    expect((await onNextStart(folder.path)).parkgate?.places).toBe(24);
  });

  it('is not mistaken for a change when Key Desk only wrote it itself, save after save', async () => {
    const { call, core, base } = await signedInWithBackup();
    for (const places of [25, 26, 27]) {
      unwrap(await call('bases.update', { id: base.id, places }));
      await core.dataFile?.flush();
    }
    expect(unwrap(await call('app.status')).saveProblem).toBeNull();
    unwrap(await call('session.signOut'));
    expect((await onNextStart(folder.path)).parkgate?.places).toBe(27);
  });
});

describe('a data file deleted while Key Desk has it open', () => {
  it('is written back on close even when nothing changed since, so the next start does not offer a fresh set-up', async () => {
    const demo = await startDemoCore({ folder: folder.path });
    cleanups.push(demo.cleanup);
    const base = await parkgate(demo.call);
    unwrap(await demo.call('bases.update', { id: base.id, places: 29 }));
    await demo.core.dataFile?.flush();
    await unlink(dataFile());

    await demo.core.close();
    expect(await onNextStart(folder.path)).toMatchObject({ state: 'sign-in', parkgate: { places: 29 } });
  });

  it('is not mistaken for deleted when the whole folder has gone (a drive not connected) with nothing unsaved: closing goes ahead', async () => {
    const demo = await startDemoCore({ folder: folder.path });
    cleanups.push(demo.cleanup);
    await demo.core.dataFile?.flush();
    const away = `${folder.path}-away`;
    cleanups.push(() => rm(away, { recursive: true, force: true }));
    await rename(folder.path, away);

    await demo.core.close();
    await rename(away, folder.path);
    expect((await onNextStart(folder.path)).state).toBe('sign-in');
  });

  it('is written back on signing out', async () => {
    const demo = await startDemoCore({ folder: folder.path });
    cleanups.push(demo.cleanup);
    await demo.core.dataFile?.flush();
    await unlink(dataFile());

    expect(unwrap(await demo.call('session.signOut'))).toMatchObject({ state: 'sign-in' });
    expect((await onNextStart(folder.path)).state).toBe('sign-in');
  });
});
