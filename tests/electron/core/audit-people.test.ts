import { afterEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../shared/api/result';
import { KEY_DESK_ACTOR } from '../../../shared/domain/audit';
import { startDemoCore } from '../../helpers/core';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('people in the audit trail', () => {
  it('lists Key Desk itself and people since removed, and filters by either', async () => {
    const demo = await startDemoCore();
    cleanup = demo.cleanup;
    const staff = unwrap(await demo.call('staff.list'));
    const teacher = staff.find((s) => s.username === 'demo.teacher');
    if (!teacher) throw new Error('no demo teacher');
    unwrap(await demo.call('session.signOut'));
    await demo.signIn('demo.teacher');
    unwrap(await demo.call('session.signOut'));
    await demo.signIn('demo.manager');
    unwrap(await demo.call('staff.remove', { id: teacher.id }));

    const people = unwrap(await demo.call('audit.people'));
    expect(people).toEqual(
      expect.arrayContaining([
        { staffId: KEY_DESK_ACTOR, name: 'Key Desk' },
        { staffId: teacher.id, name: 'Demo Teacher' },
        expect.objectContaining({ name: 'Demo Manager' }),
      ]),
    );

    const bySystem = unwrap(await demo.call('audit.list', { filters: { staffId: KEY_DESK_ACTOR } }));
    expect(bySystem.total).toBeGreaterThan(0);
    expect(bySystem.entries.every((e) => e.staffId === null && e.staffName === 'Key Desk')).toBe(true);

    const byRemoved = unwrap(await demo.call('audit.list', { filters: { staffId: teacher.id } }));
    // Newest first: the sign-out and sign-in above, then the support plans the teacher wrote as keyworker in the demo.
    expect(byRemoved.entries.slice(0, 2).map((e) => e.action)).toEqual(['signed-out', 'signed-in']);
    expect(byRemoved.entries.every((e) => e.staffId === teacher.id && e.staffName === 'Demo Teacher')).toBe(true);
    expect(byRemoved.entries.slice(2).every((e) => e.action.startsWith('plan-'))).toBe(true);
  });
});
