import { afterEach, describe, expect, it } from 'vitest';
import { startDemoCore, DEMO_PASSWORD } from '../../../helpers/core';
import { FREE_ATTEMPTS } from '../../../../electron/core/auth/sign-in-guard';
import { listAudit } from '../../../../electron/core/repositories/audit';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** Re-entering your password (to change it, or to replace the recovery key) is guarded like signing in. */
describe('asking a signed-in person for their password again', () => {
  it('logs each wrong password and makes further tries wait after a few', async () => {
    const demo = await startDemoCore();
    cleanup = demo.cleanup;
    for (let i = 0; i < FREE_ATTEMPTS; i++) {
      const wrong = await demo.call('session.changePassword', { currentPassword: 'not-my-password', newPassword: 'amber-kettle-forest' });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD', field: 'currentPassword' } });
    }
    const waiting = await demo.call('provision.newRecoveryKey', { password: DEMO_PASSWORD });
    expect(waiting).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS', field: 'password' } });

    const { entries } = await listAudit(demo.core.requireDb(), { staffId: demo.core.sessions.requireUser().id }, 100, 0);
    expect(entries.filter((e) => e.action === 'password-check-failed')).toHaveLength(FREE_ATTEMPTS);
  });

  it('lets the right password through and clears the count', async () => {
    const demo = await startDemoCore();
    cleanup = demo.cleanup;
    await demo.call('session.changePassword', { currentPassword: 'not-my-password', newPassword: 'amber-kettle-forest' });
    const changed = await demo.call('session.changePassword', { currentPassword: DEMO_PASSWORD, newPassword: 'amber-kettle-forest' });
    expect(changed).toEqual({ ok: true, value: { changed: true } });
    const again = await demo.call('provision.newRecoveryKey', { password: 'amber-kettle-forest' });
    expect(again.ok).toBe(true);
  });
});
