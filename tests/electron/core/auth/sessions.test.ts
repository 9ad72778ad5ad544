import { afterEach, describe, expect, it } from 'vitest';
import { usernameLookup } from '../../../../electron/core/crypto/envelope';
import { dataFilePath } from '../../../../electron/core/data-file';
import { unwrap } from '../../../../shared/api/result';
import { DEMO_PASSWORD, startCore, startDemoCore } from '../../../helpers/core';
import { auditRows, fileState, lastAuditSeq, MINUTE, movingClock, readEnvelope, slotFor } from '../sealed-files';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function demoCore(options: Parameters<typeof startDemoCore>[0] = {}) {
  const demo = await startDemoCore(options);
  cleanups.push(demo.cleanup);
  const staff = unwrap(await demo.call('staff.list'));
  const idOf = (username: string) => staff.find((s) => s.username === username)!.id;
  return { ...demo, managerId: idOf('demo.manager'), teacherId: idOf('demo.teacher'), adminId: idOf('demo.admin') };
}

/** Another core on the same folder, as after quitting and starting Key Desk again. */
async function restart(folder: string, now?: () => Date) {
  const started = await startCore({ folder, ...(now ? { now } : {}) });
  cleanups.push(() => started.core.close());
  return started;
}

const WRONG = 'The username or password is not right.';
const TEACHER_OWN = 'saffron-kettle-dawn';

describe('auto-lock', () => {
  it('locks after the provision’s minutes without a call; then every call says LOCKED', async () => {
    const clock = movingClock();
    const { core, call, managerId } = await demoCore({ now: clock.now });
    clock.advance(5 * MINUTE - 1000);
    unwrap(await call('bases.list'));
    // The call above was activity: the five minutes start again from it.
    clock.advance(5 * MINUTE - 1000);
    expect(unwrap(await call('app.status')).state).toBe('ready');
    clock.advance(1000);
    const status = unwrap(await call('app.status'));
    expect(status).toMatchObject({ state: 'locked', provisionName: null, user: { username: 'demo.manager' } });
    for (const name of ['bases.list', 'session.touch', 'staff.list', 'audit.list', 'settings.get', 'session.lock', 'session.changePassword'] as const) {
      expect(await call(name, name === 'session.changePassword' ? { currentPassword: DEMO_PASSWORD, newPassword: 'copper-lantern-road' } : undefined)).toEqual({
        ok: false,
        error: { code: 'LOCKED', message: 'Key Desk is locked. Enter your password to carry on.' },
      });
    }
    expect(auditRows(core).filter((r) => r.action === 'auto-locked')).toEqual([
      expect.objectContaining({ staff_id: managerId, detail: 'after 5 minutes without use', at: clock.now().toISOString() }),
    ]);
  });

  it('polling the status is not activity: it does not keep Key Desk unlocked', async () => {
    const clock = movingClock();
    const { call } = await demoCore({ now: clock.now });
    for (let i = 0; i < 5; i++) {
      clock.advance(MINUTE);
      await call('app.status');
    }
    expect(unwrap(await call('app.status')).state).toBe('locked');
  });

  it('follows the minutes set for the provision', async () => {
    const clock = movingClock();
    const { call } = await demoCore({ now: clock.now });
    expect(unwrap(await call('settings.update', { autoLockMinutes: 2 }))).toMatchObject({ autoLockMinutes: 2 });
    clock.advance(2 * MINUTE - 1);
    expect(unwrap(await call('session.touch'))).toEqual({ autoLockMinutes: 2 });
    clock.advance(2 * MINUTE);
    expect(await call('bases.list')).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });

  it('unlocks only with the same person’s password, carrying on their session', async () => {
    const clock = movingClock();
    const { core, call, teacherId, managerId } = await demoCore({ now: clock.now });
    unwrap(await call('staff.setPassword', { id: teacherId, password: TEACHER_OWN }));
    clock.advance(5 * MINUTE);
    expect(unwrap(await call('app.status')).state).toBe('locked');
    const seq = lastAuditSeq(core);
    // The teacher's password (or anyone else's) does not unlock the manager's session.
    expect(await call('session.unlock', { password: TEACHER_OWN })).toEqual({
      ok: false,
      error: { code: 'WRONG_PASSWORD', field: 'password', message: 'That password is not right.' },
    });
    expect(await call('session.signIn', { username: 'demo.teacher', password: TEACHER_OWN })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(unwrap(await call('app.status'))).toMatchObject({ state: 'locked', user: { username: 'demo.manager' } });
    expect(unwrap(await call('session.unlock', { password: DEMO_PASSWORD }))).toMatchObject({ state: 'ready', user: { username: 'demo.manager' } });
    unwrap(await call('bases.list'));
    expect(auditRows(core, seq).map((r) => [r.action, r.staff_id])).toEqual([
      ['unlock-failed', managerId],
      ['unlocked', managerId],
    ]);
  });

  it('locking by hand and unlocking are logged; switching user from the lock screen signs out', async () => {
    const { core, call, managerId } = await demoCore();
    const seq = lastAuditSeq(core);
    expect(unwrap(await call('session.lock')).state).toBe('locked');
    expect(unwrap(await call('session.unlock', { password: DEMO_PASSWORD })).state).toBe('ready');
    unwrap(await call('session.lock'));
    expect(unwrap(await call('session.signOut')).state).toBe('sign-in');
    unwrap(await call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD }));
    expect(auditRows(core, seq).map((r) => [r.action, r.staff_id])).toEqual([
      ['locked', managerId],
      ['unlocked', managerId],
      ['locked', managerId],
      ['signed-out', managerId],
      ['signed-in', managerId],
    ]);
  });
});

describe('wrong passwords', () => {
  it('after 4 wrong the username must wait, even with the right password, and the wait holds across a restart', async () => {
    const clock = movingClock();
    const { core, call, folder, managerId } = await demoCore({ now: clock.now });
    unwrap(await call('session.signOut'));
    const attempt = (password: string) => call('session.signIn', { username: 'demo.manager', password });
    for (let i = 1; i <= 3; i++) {
      clock.advance(1000);
      expect(await attempt(`wrong-${i}`)).toEqual({ ok: false, error: { code: 'WRONG_PASSWORD', field: 'password', message: WRONG } });
    }
    clock.advance(1000);
    expect(await attempt('wrong-4')).toEqual({
      ok: false,
      error: { code: 'WRONG_PASSWORD', field: 'password', message: `${WRONG} Too many wrong tries: wait 30 seconds before the next one.` },
    });
    const failedAt = clock.now().getTime();
    expect(await attempt(DEMO_PASSWORD)).toEqual({
      ok: false,
      error: { code: 'TOO_MANY_ATTEMPTS', field: 'username', message: 'Too many wrong tries. Wait 30 seconds, then try again.' },
    });
    expect(unwrap(await call('app.status')).state).toBe('sign-in');

    // Quit and start again: still waiting.
    await core.close();
    const again = await restart(folder, clock.now);
    clock.advance(20_000);
    expect(await again.call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'TOO_MANY_ATTEMPTS', message: 'Too many wrong tries. Wait 10 seconds, then try again.' },
    });
    clock.set(new Date(failedAt + 30_000));
    expect(unwrap(await again.call('session.signIn', { username: 'Demo.Manager', password: DEMO_PASSWORD })).state).toBe('ready');

    // The failures made while the file was sealed are in the audit log now, with who and when.
    const failures = auditRows(again.core).filter((r) => r.action === 'sign-in-failed');
    expect(failures.map((r) => [r.staff_id, r.staff_name])).toEqual(Array.from({ length: 4 }, () => [managerId, 'Demo Manager']));
    expect(failures.map((r) => r.at)).toEqual([1, 2, 3, 4].map((s) => new Date(failedAt - (4 - s) * 1000).toISOString()));
    const actions = auditRows(again.core).map((r) => r.action);
    expect(actions.lastIndexOf('sign-in-failed')).toBeLessThan(actions.lastIndexOf('signed-in'));

    // A good sign-in clears the count: the next wrong password is free again.
    unwrap(await again.call('session.signOut'));
    expect(await again.call('session.signIn', { username: 'demo.manager', password: 'wrong-5' })).toMatchObject({ error: { message: WRONG } });
  });

  it('counts per username: another person can still sign in while one waits', async () => {
    const { call } = await demoCore();
    unwrap(await call('session.signOut'));
    for (let i = 0; i < 5; i++) await call('session.signIn', { username: 'demo.manager', password: `wrong-${i}` });
    expect(await call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD })).toMatchObject({ error: { code: 'TOO_MANY_ATTEMPTS' } });
    expect(unwrap(await call('session.signIn', { username: 'demo.teacher', password: DEMO_PASSWORD })).state).toBe('ready');
  });

  it('failed unlocks back off too, and are logged at once', async () => {
    const { core, call, managerId } = await demoCore();
    unwrap(await call('session.lock'));
    const seq = lastAuditSeq(core);
    for (let i = 0; i < 4; i++) expect(await call('session.unlock', { password: `wrong-${i}` })).toMatchObject({ error: { code: 'WRONG_PASSWORD' } });
    expect(await call('session.unlock', { password: DEMO_PASSWORD })).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
    expect(unwrap(await call('app.status')).state).toBe('locked');
    expect(auditRows(core, seq).map((r) => [r.action, r.staff_id])).toEqual(Array.from({ length: 4 }, () => ['unlock-failed', managerId]));
  });

  it('wrong recovery keys are logged but never make the real key wait: nobody can block the way back in', async () => {
    const { call, core, recoveryKey } = await demoCore();
    unwrap(await call('session.signOut'));
    const wrongKey = recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const recover = (key: string) => call('session.recover', { recoveryKey: key, username: 'demo.admin', newPassword: 'copper-lantern-road' });
    for (let i = 0; i < 20; i++) expect(await recover(wrongKey)).toMatchObject({ error: { code: 'WRONG_PASSWORD', field: 'recoveryKey' } });
    expect(unwrap(await recover(recoveryKey)).state).toBe('ready');
    const failed = auditRows(core).filter((r) => r.action === 'recovery-failed');
    expect(failed).toHaveLength(20);
    expect(failed[0]).toMatchObject({ staff_id: null, staff_name: 'Recovery key' });
  });

  it('resetting a password with the recovery key ends that person’s wait', async () => {
    const { call, recoveryKey, signIn } = await demoCore();
    unwrap(await call('session.signOut'));
    for (let i = 0; i < 5; i++) await call('session.signIn', { username: 'demo.manager', password: `wrong-${i}` });
    expect(await call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD })).toMatchObject({ error: { code: 'TOO_MANY_ATTEMPTS' } });
    unwrap(await call('session.recover', { recoveryKey, username: 'demo.manager', newPassword: 'copper-lantern-road' }));
    unwrap(await call('session.signOut'));
    expect(await signIn('demo.manager', 'copper-lantern-road')).toMatchObject({ state: 'ready' });
  });

  it('failures under an unknown username are logged as such at the next sign-in', async () => {
    const { call, core } = await demoCore();
    unwrap(await call('session.signOut'));
    expect(await call('session.signIn', { username: 'no.such.person', password: DEMO_PASSWORD })).toEqual({
      ok: false,
      error: { code: 'WRONG_PASSWORD', field: 'password', message: WRONG },
    });
    unwrap(await call('session.signIn', { username: 'demo.teacher', password: DEMO_PASSWORD }));
    const failed = auditRows(core).filter((r) => r.action === 'sign-in-failed');
    expect(failed).toEqual([expect.objectContaining({ staff_id: null, staff_name: 'Unknown username' })]);
  });
});

describe('bad input at sign-in', () => {
  it('an unknown user, an empty password and an empty username are refused with clear messages; nothing changes', async () => {
    const { call, folder } = await demoCore();
    unwrap(await call('session.signOut'));
    const before = await fileState(dataFilePath(folder));
    expect(await call('session.signIn', { username: 'nobody', password: 'whatever-it-is' })).toEqual({
      ok: false,
      error: { code: 'WRONG_PASSWORD', field: 'password', message: WRONG },
    });
    expect(await call('session.signIn', { username: 'demo.manager', password: '' })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'password', message: 'Enter your password.' },
    });
    expect(await call('session.signIn', { username: '', password: DEMO_PASSWORD })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'username', message: expect.stringMatching(/username/i) },
    });
    expect(await call('session.signIn', { username: 'demo.manager' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'password' } });
    expect(await call('session.signIn')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(unwrap(await call('app.status'))).toMatchObject({ state: 'sign-in', user: null });
    expect(await fileState(dataFilePath(folder))).toEqual(before);
  });

  it('a teacher calling a manager’s function directly through the API is refused and it is logged', async () => {
    const { core, call, signIn, teacherId } = await demoCore();
    unwrap(await call('session.signOut'));
    await signIn('demo.teacher');
    const baseId = unwrap(await call('bases.list'))[0]!.id;
    const seq = lastAuditSeq(core);
    expect(await call('bases.update', { id: baseId, places: 200 })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Your account is not allowed to do that. Ask a manager or administrator.' },
    });
    expect(await call('staff.create', { name: 'Sneaky Person', username: 's.person', roles: ['administrator'], baseIds: [], password: 'copper-lantern-road' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call('staff.setPassword', { id: teacherId, password: 'copper-lantern-road' })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(unwrap(await call('bases.list'))[0]!.places).not.toBe(200);
    expect(auditRows(core, seq).map((r) => [r.action, r.staff_id, r.detail])).toEqual([
      ['refused', teacherId, 'bases.update: not allowed for teacher'],
      ['refused', teacherId, 'staff.create: not allowed for teacher'],
      ['refused', teacherId, 'staff.setPassword: not allowed for teacher'],
    ]);
  });
});

describe('roles', () => {
  it('a change to your own roles applies from your next call', async () => {
    const { call, managerId } = await demoCore();
    unwrap(await call('staff.update', { id: managerId, roles: ['manager'] }));
    expect(unwrap(await call('app.status')).user?.roles).toEqual(['manager']);
    expect(await call('staff.create', { name: 'Nell Quarry', username: 'n.quarry', roles: ['teacher'], baseIds: [], password: 'copper-lantern-road' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    unwrap(await call('staff.list'));
  });

  it('the last administrator cannot be removed or lose the role', async () => {
    const { call, signIn, adminId, managerId } = await demoCore();
    unwrap(await call('staff.update', { id: managerId, roles: ['manager'] }));
    expect(await call('session.signOut')).toMatchObject({ ok: true });
    await signIn('demo.admin');
    expect(await call('staff.update', { id: adminId, roles: ['manager'] })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'roles' } });
    expect(await call('staff.remove', { id: adminId })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('signing out', () => {
  it('goes back to the sign-in screen with the file sealed; no data call works', async () => {
    const { core, call, folder } = await demoCore();
    const status = unwrap(await call('session.signOut'));
    expect(status).toMatchObject({ state: 'sign-in', user: null, provisionName: null, autoLockMinutes: null });
    expect(core.dataFile).toBeNull();
    const before = await fileState(dataFilePath(folder));
    for (const name of ['bases.list', 'settings.get', 'staff.list', 'audit.list', 'audit.export', 'session.touch', 'session.lock'] as const) {
      expect(await call(name), name).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    }
    expect(await call('session.changePassword', { currentPassword: DEMO_PASSWORD, newPassword: 'copper-lantern-road' })).toMatchObject({
      error: { code: 'NOT_SIGNED_IN' },
    });
    expect(unwrap(await call('session.signOut')).state).toBe('sign-in');
    expect(await fileState(dataFilePath(folder))).toEqual(before);
  });
});

describe('changing keys', () => {
  it('changing your password re-wraps only your slot; every save has a new body nonce', async () => {
    const { core, call, signIn, folder, teacherId } = await demoCore();
    unwrap(await call('session.signOut'));
    await signIn('demo.teacher');
    const before = await readEnvelope(folder);
    expect(await call('session.changePassword', { currentPassword: 'not-my-password', newPassword: 'copper-lantern-road' })).toEqual({
      ok: false,
      error: { code: 'WRONG_PASSWORD', field: 'currentPassword', message: 'Your current password is not right.' },
    });
    expect(await call('session.changePassword', { currentPassword: DEMO_PASSWORD, newPassword: 'demo-teacher-2026' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'newPassword', message: expect.stringMatching(/name or username/) },
    });
    expect(unwrap(await call('session.changePassword', { currentPassword: DEMO_PASSWORD, newPassword: 'copper-lantern-road' }))).toEqual({ changed: true });
    const after = await readEnvelope(folder);
    expect(after.header.slots.map((s) => s.id).sort()).toEqual(before.header.slots.map((s) => s.id).sort());
    for (const slot of before.header.slots) {
      const now = JSON.stringify(slotFor(after, slot.id));
      if (slot.id === teacherId) expect(now).not.toBe(JSON.stringify(slot));
      else expect(now, `slot ${slot.id}`).toBe(JSON.stringify(slot));
    }
    expect(after.header.body.nonce).not.toBe(before.header.body.nonce);
    expect(auditRows(core).at(-1)).toMatchObject({ action: 'password-changed', staff_id: teacherId });

    unwrap(await call('session.signOut'));
    expect(await call('session.signIn', { username: 'demo.teacher', password: DEMO_PASSWORD })).toMatchObject({ error: { code: 'WRONG_PASSWORD' } });
    await signIn('demo.teacher', 'copper-lantern-road');
    unwrap(await call('session.signOut'));
    await signIn('demo.manager');
  });

  it('an administrator setting someone’s password changes only that slot', async () => {
    const { call, folder, teacherId, signIn, core } = await demoCore();
    const before = await readEnvelope(folder);
    unwrap(await call('staff.setPassword', { id: teacherId, password: TEACHER_OWN }));
    await core.requireFile().flush();
    const after = await readEnvelope(folder);
    for (const slot of before.header.slots) {
      expect(JSON.stringify(slotFor(after, slot.id)) === JSON.stringify(slot), slot.id).toBe(slot.id !== teacherId);
    }
    unwrap(await call('session.signOut'));
    await signIn('demo.teacher', TEACHER_OWN);
  });

  it('removing a person removes their slot; they can no longer sign in', async () => {
    const { call, folder, teacherId, signIn, core } = await demoCore();
    expect(slotFor(await readEnvelope(folder), teacherId)).toBeDefined();
    expect(unwrap(await call('staff.remove', { id: teacherId }))).toEqual({ removed: true });
    await core.requireFile().flush();
    const envelope = await readEnvelope(folder);
    expect(slotFor(envelope, teacherId)).toBeUndefined();
    expect(envelope.header.slots.some((s) => s.kind === 'password' && s.lookup === usernameLookup(envelope.header.provisionId, 'demo.teacher'))).toBe(false);
    expect(unwrap(await call('staff.list')).map((s) => s.username)).not.toContain('demo.teacher');
    unwrap(await call('session.signOut'));
    expect(await call('session.signIn', { username: 'demo.teacher', password: DEMO_PASSWORD })).toEqual({
      ok: false,
      error: { code: 'WRONG_PASSWORD', field: 'password', message: WRONG },
    });
    await signIn('demo.admin');
  });

  it('renaming a username keeps the password working under the new name only', async () => {
    const { call, folder, teacherId, signIn, core } = await demoCore();
    const before = slotFor(await readEnvelope(folder), teacherId);
    unwrap(await call('staff.update', { id: teacherId, username: 'p.teacher' }));
    await core.requireFile().flush();
    const after = slotFor(await readEnvelope(folder), teacherId);
    // The same wrapped key, found under a new lookup.
    expect(after && { ...after, lookup: null }).toEqual(before && { ...before, lookup: null });
    expect(after).not.toEqual(before);
    unwrap(await call('session.signOut'));
    expect(await call('session.signIn', { username: 'demo.teacher', password: DEMO_PASSWORD })).toMatchObject({ error: { code: 'WRONG_PASSWORD' } });
    expect(await signIn('P.Teacher')).toMatchObject({ state: 'ready', user: { id: teacherId, username: 'p.teacher' } });
  });

  it('renaming your own username keeps your session and your password', async () => {
    const { call, signIn, managerId } = await demoCore();
    expect(unwrap(await call('staff.update', { id: managerId, username: 'the.manager' }))).toMatchObject({ username: 'the.manager' });
    expect(unwrap(await call('app.status')).user).toMatchObject({ username: 'the.manager' });
    unwrap(await call('session.signOut'));
    await signIn('the.manager');
  });

  it('a new recovery key needs your password; the old key stops working, the new one works', async () => {
    const { call, recoveryKey, core } = await demoCore();
    expect(await call('provision.newRecoveryKey', { password: 'not-my-password' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD', field: 'password' },
    });
    const { recoveryKey: fresh } = unwrap(await call('provision.newRecoveryKey', { password: DEMO_PASSWORD }));
    expect(fresh).not.toBe(recoveryKey);
    expect(auditRows(core).at(-1)).toMatchObject({ action: 'recovery-key-replaced' });
    unwrap(await call('session.signOut'));
    expect(await call('session.recover', { recoveryKey, username: 'demo.admin', newPassword: 'copper-lantern-road' })).toMatchObject({
      error: { code: 'WRONG_PASSWORD', field: 'recoveryKey' },
    });
    expect(unwrap(await call('session.recover', { recoveryKey: fresh, username: 'demo.admin', newPassword: 'copper-lantern-road' })).state).toBe('ready');
  });
});
