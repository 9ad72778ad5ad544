import { afterEach, describe, expect, it } from 'vitest';
import { MAX_PENDING } from '../../../../electron/core/auth/sign-in-guard';
import { KeyDeskCore } from '../../../../electron/core/core';
import type { ScryptParams } from '../../../../electron/core/crypto/keys';
import { dispatch } from '../../../../electron/core/dispatch';
import { memorySettings } from '../../../../electron/core/settings';
import type { CallName } from '../../../../shared/api/contract';
import { unwrap, type Result } from '../../../../shared/api/result';
import { DEMO_PASSWORD, startCore, startDemoCore, tempFolder, TEST_MANAGER, TEST_NOW, TEST_SCRYPT } from '../../../helpers/core';
import { auditRows, readEnvelope, slotFor } from '../sealed-files';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function demoCore() {
  const demo = await startDemoCore();
  cleanups.push(demo.cleanup);
  const staff = unwrap(await demo.call('staff.list'));
  const idOf = (username: string) => staff.find((s) => s.username === username)!.id;
  return { ...demo, teacherId: idOf('demo.teacher'), managerId: idOf('demo.manager') };
}

const wrongTries = async (call: Awaited<ReturnType<typeof demoCore>>['call'], username: string, times: number) => {
  for (let i = 0; i < times; i++) await call('session.signIn', { username, password: `wrong-${i}` });
};

describe('ending a lock-out', () => {
  it('administrators see each person’s wrong tries and the wait, and can let them try again (logged)', async () => {
    const { call, core, signIn, teacherId } = await demoCore();
    unwrap(await call('session.signOut'));
    await wrongTries(call, 'demo.teacher', 6);
    await wrongTries(call, 'no.such.person', 3);
    expect(await call('session.signIn', { username: 'demo.teacher', password: DEMO_PASSWORD })).toMatchObject({ error: { code: 'TOO_MANY_ATTEMPTS' } });

    await signIn('demo.admin');
    // Only real accounts are listed, with how many and until when (tries made while waiting do not count).
    expect(unwrap(await call('staff.failedSignIns'))).toEqual([
      { staffId: teacherId, failures: 4, lastFailedAt: TEST_NOW.toISOString(), waitUntil: new Date(TEST_NOW.getTime() + 30_000).toISOString() },
    ]);
    expect(unwrap(await call('staff.clearFailedSignIns', { id: teacherId }))).toEqual({ cleared: true });
    expect(unwrap(await call('staff.failedSignIns'))).toEqual([]);
    expect(auditRows(core).at(-1)).toMatchObject({
      action: 'cleared-failed-sign-ins',
      staff_name: 'Demo Administrator',
      entity_id: teacherId,
      detail: expect.stringContaining('Demo Teacher'),
    });

    // The clock has not moved: the teacher can sign in at once.
    unwrap(await call('session.signOut'));
    expect(await signIn('demo.teacher')).toMatchObject({ state: 'ready' });
  });

  it('an administrator setting a new password ends that person’s wait', async () => {
    const { call, signIn, teacherId } = await demoCore();
    unwrap(await call('session.signOut'));
    await wrongTries(call, 'demo.teacher', 8);
    await signIn('demo.admin');
    unwrap(await call('staff.setPassword', { id: teacherId, password: 'copper-lantern-road' }));
    expect(unwrap(await call('staff.failedSignIns'))).toEqual([]);
    unwrap(await call('session.signOut'));
    expect(await signIn('demo.teacher', 'copper-lantern-road')).toMatchObject({ state: 'ready' });
  });

  it('an unknown id is refused by name', async () => {
    const { call } = await demoCore();
    expect(await call('staff.clearFailedSignIns', { id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', field: 'id' },
    });
  });
});

describe('many made-up usernames', () => {
  it('keeps the newest failed tries one by one and logs how many more there were', async () => {
    // A new data file with one account, not demo data: each try reads the whole data file again, and
    // a small one makes two hundred tries take a second rather than many.
    const folder = await tempFolder();
    const { call, core, signIn } = await startCore({ folder: folder.path });
    cleanups.push(async () => {
      await core.close();
      await folder.cleanup();
    });
    unwrap(await call('setup.createDatabase', { demo: false, manager: TEST_MANAGER }));
    unwrap(await call('session.signOut'));
    for (let i = 0; i < MAX_PENDING + 5; i++) await call('session.signIn', { username: `made.up.${i}`, password: 'not-a-password' });
    await signIn(TEST_MANAGER.username, TEST_MANAGER.password);
    const rows = auditRows(core);
    expect(rows.filter((r) => r.action === 'sign-in-failed')).toHaveLength(MAX_PENDING);
    expect(rows.filter((r) => r.action === 'failed-sign-ins-not-kept')).toEqual([
      expect.objectContaining({ staff_id: null, staff_name: 'Key Desk', detail: '5 earlier failed tries were too many to keep one by one' }),
    ]);
  }, 120_000);
});

describe('password cost', () => {
  /** A core on `folder` whose new passwords get `scrypt`, as after an upgrade that raised the cost. */
  async function coreWithCost(folder: string, scrypt: ScryptParams) {
    const core = new KeyDeskCore({ settings: memorySettings({ dataFolder: folder }), version: '0.0.0-test', clock: () => TEST_NOW, saveDelayMs: 5, scrypt });
    await core.start();
    cleanups.push(() => core.close());
    const call = <N extends CallName>(name: N, input?: unknown) => dispatch(core, name, input) as Promise<Result<unknown>>;
    return { core, call };
  }

  it('a password wrapped at an older, lower cost still opens the file, and is wrapped again at the new cost', async () => {
    const { call, core, folder, teacherId, managerId } = await demoCore();
    unwrap(await call('session.signOut'));
    await core.close();
    const old = await readEnvelope(folder);
    expect(slotFor(old, teacherId)).toMatchObject({ kdf: { N: TEST_SCRYPT.N } });

    const raised = { ...TEST_SCRYPT, N: TEST_SCRYPT.N * 2 };
    const later = await coreWithCost(folder, raised);
    unwrap(await later.call('session.signIn', { username: 'demo.teacher', password: DEMO_PASSWORD }));
    await later.core.requireFile().flush();
    const after = await readEnvelope(folder);
    expect(slotFor(after, teacherId)).toMatchObject({ kdf: { name: 'scrypt', ...raised } });
    // Nobody else's slot changes until they sign in themselves.
    expect(slotFor(after, managerId)).toEqual(slotFor(old, managerId));
    unwrap(await later.call('session.signOut'));
    unwrap(await later.call('session.signIn', { username: 'demo.teacher', password: DEMO_PASSWORD }));
    unwrap(await later.call('session.signOut'));
    unwrap(await later.call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD }));
  });
});
