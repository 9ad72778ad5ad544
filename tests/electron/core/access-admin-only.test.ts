import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS, rolesAllow } from '../../../shared/api/access';
import type { CallName } from '../../../shared/api/calls';
import { unwrap } from '../../../shared/api/result';
import { startDemoCore } from '../../helpers/core';

/**
 * An administrator manages staff accounts and settings (the README and the staff form say so), not
 * pupils: an administrator-only account gets no pupil data from the core, whatever the UI shows.
 */

/** Every call that reads or changes pupils, their placements, or the audit trail (which holds their values). */
const PUPIL_DATA: readonly CallName[] = [
  'pupils.list',
  'pupils.get',
  'pupils.findDuplicates',
  'pupils.create',
  'pupils.update',
  'pupils.importPreview',
  'pupils.import',
  'pupils.export',
  'contacts.save',
  'contacts.remove',
  'placements.refer',
  'placements.decide',
  'placements.recordVisits',
  'placements.previewStart',
  'placements.agreeStart',
  'placements.end',
  'placements.addFollowUp',
  'placements.timetable',
  'placements.board',
  'placements.pipeline',
  'audit.list',
  'audit.people',
  'audit.export',
];

const STAFF_AND_SETTINGS: readonly CallName[] = [
  'staff.list',
  'staff.create',
  'staff.update',
  'staff.setPassword',
  'staff.remove',
  'staff.failedSignIns',
  'staff.clearFailedSignIns',
  'settings.update',
  'bases.update',
  'provision.newRecoveryKey',
];

describe('the access table', () => {
  it('gives an administrator alone no pupil data; a manager who is also an administrator has pupils and staff', () => {
    for (const name of PUPIL_DATA) {
      expect(rolesAllow(ACCESS[name], ['administrator']), name).toBe(false);
      expect(rolesAllow(ACCESS[name], ['manager', 'administrator']), name).toBe(true);
    }
    for (const name of STAFF_AND_SETTINGS) {
      expect(rolesAllow(ACCESS[name], ['administrator']), name).toBe(true);
      expect(rolesAllow(ACCESS[name], ['manager', 'administrator']), name).toBe(true);
    }
  });
});

describe('through the core', () => {
  let demo: Awaited<ReturnType<typeof startDemoCore>>;
  let pupilId: string;
  beforeAll(async () => {
    demo = await startDemoCore();
    pupilId = unwrap(await demo.call('pupils.list'))[0]!.id;
    // A demo file takes a while to build on a busy machine.
  }, 60_000);
  afterAll(async () => {
    await demo?.cleanup();
  });

  it('refuses an administrator-only account every pupil call, and logs each refusal', async () => {
    unwrap(await demo.call('session.signOut'));
    await demo.signIn('demo.admin');
    const refused = { ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/not allowed/) } };
    expect(await demo.call('pupils.list')).toEqual(refused);
    expect(await demo.call('pupils.get', { id: pupilId })).toEqual(refused);
    expect(await demo.call('pupils.export', {})).toEqual(refused);
    expect(await demo.call('placements.board')).toEqual(refused);
    expect(await demo.call('placements.timetable', { id: pupilId })).toEqual(refused);
    expect(await demo.call('audit.list', {})).toEqual(refused);
    expect(await demo.call('audit.export', {})).toEqual(refused);
    // What administrators are for still works.
    expect(unwrap(await demo.call('staff.list')).length).toBeGreaterThan(0);
    expect(await demo.call('staff.failedSignIns')).toEqual({ ok: true, value: [] });
    expect(await demo.call('settings.update', { autoLockMinutes: 7 })).toMatchObject({ ok: true });
  });

  it('lets the demo manager, also an administrator, have both', async () => {
    unwrap(await demo.call('session.signOut'));
    await demo.signIn('demo.manager');
    expect(unwrap(await demo.call('pupils.list')).length).toBeGreaterThan(0);
    expect(unwrap(await demo.call('pupils.get', { id: pupilId })).pupil.id).toBe(pupilId);
    expect(unwrap(await demo.call('pupils.export', {})).csv).toContain('Legal first name');
    expect(unwrap(await demo.call('audit.list', {})).entries.map((e) => e.action)).toContain('refused');
    expect(await demo.call('staff.failedSignIns')).toEqual({ ok: true, value: [] });
  });

  it('a teacher who is also an administrator sees only their own bases’ pupils, like any teacher', async () => {
    const bases = unwrap(await demo.call('bases.list'));
    const parkgate = bases.find((b) => b.name === 'Parkgate')!;
    unwrap(
      await demo.call('staff.create', {
        name: 'Tamsin Oakley',
        username: 't.oakley',
        roles: ['teacher', 'administrator'],
        baseIds: [parkgate.id],
        password: 'juniper-quarry-lane',
      }),
    );
    const everyone = unwrap(await demo.call('pupils.list')).map((p) => p.id);
    unwrap(await demo.call('session.signOut'));
    await demo.signIn('demo.teacher');
    const teachers = unwrap(await demo.call('pupils.list')).map((p) => p.id).sort();
    unwrap(await demo.call('session.signOut'));
    await demo.signIn('t.oakley', 'juniper-quarry-lane');
    const theirs = unwrap(await demo.call('pupils.list')).map((p) => p.id).sort();
    expect(theirs).toEqual(teachers);
    expect(theirs.length).toBeLessThan(everyone.length);
  });
});
