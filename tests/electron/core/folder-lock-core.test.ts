import { readdir, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyDeskCore } from '../../../electron/core/core';
import { dataFilePath } from '../../../electron/core/data-file';
import { dispatch } from '../../../electron/core/dispatch';
import { LOCK_FILE_NAME, STALE_AFTER_MS } from '../../../electron/core/persistence/folder-lock';
import { memorySettings } from '../../../electron/core/settings';
import type { CallName, CallOutput } from '../../../shared/api/contract';
import { unwrap, type Result } from '../../../shared/api/result';
import type { Base } from '../../../shared/domain/bases';
import { DEMO_PASSWORD, startDemoCore, TEST_NOW, TEST_SCRYPT } from '../../helpers/core';
import { eventually } from './files';
import { sha256 } from './sealed-files';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

/** A Key Desk on another PC, on a shared folder: its own machine name, and its own clock. */
async function otherPc(folder: string, now: Date) {
  const core = new KeyDeskCore({
    settings: memorySettings({ dataFolder: folder }),
    version: 'test',
    clock: () => now,
    saveDelayMs: 5,
    scrypt: TEST_SCRYPT,
    lock: { host: 'OFFICE-PC', user: 'office' },
  });
  await core.start();
  cleanups.push(() => core.close());
  const call = <N extends CallName>(name: N, input?: unknown) => dispatch(core, name, input) as Promise<Result<CallOutput<N>>>;
  return { core, call };
}

describe('one Key Desk per data folder, seen from the core', () => {
  it('holds the folder while signed in, and lets it go on signing out', async () => {
    const demo = await startDemoCore();
    cleanups.push(demo.cleanup);
    expect(await readdir(demo.folder)).toContain(LOCK_FILE_NAME);
    const lock = JSON.parse(await readFile(join(demo.folder, LOCK_FILE_NAME), 'utf8'));
    expect(lock).toMatchObject({ app: 'Key Desk', pid: process.pid, since: TEST_NOW.toISOString() });

    const other = await otherPc(demo.folder, TEST_NOW);
    expect(unwrap(await other.call('app.status')).heldElsewhere).toMatch(new RegExp(`^Key Desk is open on ${hostname()} since \\d\\d:\\d\\d by \\S+\\.$`));
    expect(await other.call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD })).toMatchObject({ ok: false, error: { code: 'IN_USE' } });

    unwrap(await demo.call('session.signOut'));
    expect(await readdir(demo.folder)).not.toContain(LOCK_FILE_NAME);
    expect(unwrap(await other.call('app.status')).heldElsewhere).toBeNull();
    expect(unwrap(await other.call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD }))).toMatchObject({ state: 'ready', readOnly: false });
    // Now this PC is the second one.
    expect(await demo.call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD })).toMatchObject({ ok: false, error: { code: 'IN_USE' } });
  });

  it('a PC that slept past its heartbeat finds the folder taken over: it stops saving and says why, never overwriting', async () => {
    const demo = await startDemoCore();
    cleanups.push(demo.cleanup);
    // This PC goes to sleep with everything saved.
    await demo.core.dataFile?.flush();
    // The other PC's clock is past the point where this PC's lock counts as left behind.
    const other = await otherPc(demo.folder, new Date(TEST_NOW.getTime() + STALE_AFTER_MS + 60_000));
    unwrap(await other.call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD }));
    const parkgate = unwrap(await other.call('bases.list')).find((b: Base) => b.name === 'Parkgate')!;
    unwrap(await other.call('bases.update', { id: parkgate.id, places: 30 }));
    await other.core.dataFile?.flush();
    const theirs = sha256(await readFile(dataFilePath(demo.folder)));

    // This PC wakes: its next heartbeat finds the lock is not its own.
    const lock = (demo.core as unknown as { lock: { beat(): Promise<boolean> } | null }).lock;
    expect(await lock?.beat()).toBe(false);
    const status = unwrap(await demo.call('app.status'));
    expect(status.saveStopped).toBe(true);
    unwrap(await demo.call('bases.update', { id: parkgate.id, places: 31 }));
    await eventually(async () => unwrap(await demo.call('app.status')).saveProblem !== null);
    expect(unwrap(await demo.call('app.status')).saveProblem).toMatch(
      /^Another Key Desk has taken over this data folder \(Key Desk is open on OFFICE-PC since .* by office\.\), because this PC stopped answering for a while/,
    );
    expect(sha256(await readFile(dataFilePath(demo.folder)))).toBe(theirs);
  });
});
