import Papa from 'papaparse';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CALL_NAMES, type CallName } from '../../../shared/api/calls';
import { unwrap } from '../../../shared/api/result';
import { AUDIT_PAGE_SIZE } from '../../../shared/domain/audit';
import { localIsoDate } from '../../../shared/domain/dates';
import { DEMO_PASSWORD, startDemoCore, TEST_NOW } from '../../helpers/core';
import { KEYWORK_MUTATIONS, KEYWORK_READS } from './audit-keywork-cases';
import { PLAN_MUTATIONS, PLAN_READS } from './audit-plan-cases';
import { type Ids, CALENDAR_MUTATIONS, PLACEMENT_MUTATIONS, PLACEMENT_READS, PUPIL_MUTATIONS, RECORD_READS as PUPIL_READS } from './audit-cases';
import { auditRows, lastAuditSeq, MINUTE, movingClock, pupilRows } from './sealed-files';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/**
 * A demo core signed in as the demo manager, on a new demo file (`fresh`, for tests about the file as
 * made) or on a copy of one made earlier at the same moment (as good for a case that looks only at the
 * entries it adds, and seconds quicker).
 */
async function demoCore(options: Parameters<typeof startDemoCore>[0] = {}, cleanUpAfterTest = true) {
  const clock = movingClock();
  const demo = await startDemoCore({ now: clock.now, ...options });
  if (cleanUpAfterTest) cleanups.push(demo.cleanup);
  const staff = unwrap(await demo.call('staff.list'));
  const bases = unwrap(await demo.call('bases.list'));
  const idOf = (username: string) => staff.find((s) => s.username === username)!.id;
  return { ...demo, clock, bases, managerId: idOf('demo.manager'), teacherId: idOf('demo.teacher'), adminId: idOf('demo.admin') };
}

type Demo = Awaited<ReturnType<typeof demoCore>>;

/** Every row inserted, changed or deleted on the open database since it opened (rolled back or not, triggers included). */
const rowsWritten = (demo: Demo) => Number(demo.core.requireFile().sql.exec('SELECT total_changes()')[0]?.values[0]?.[0]);

/**
 * The core the last read-only case left exactly as it found it: a copy of the demo file signed in as
 * the demo manager, with not one row written since (SQLite's own count), the same person signed in
 * and the clock where it was. The next read-only case starts from it rather than copying and
 * unsealing the file again. A case that wrote anything (its input may make records) or failed throws
 * its core away.
 */
let untouched: Demo | undefined;
afterAll(async () => {
  await untouched?.cleanup();
  untouched = undefined;
});

async function readOnlyCase(run: (demo: Demo) => Promise<void>) {
  const demo = untouched ?? (await demoCore({}, false));
  untouched = undefined;
  const written = rowsWritten(demo);
  const at = demo.clock.now().getTime();
  try {
    await run(demo);
  } catch (error) {
    await demo.cleanup();
    throw error;
  }
  const status = await demo.core.status();
  if (rowsWritten(demo) === written && status.state === 'ready' && status.user?.username === 'demo.manager' && demo.clock.now().getTime() === at) untouched = demo;
  else await demo.cleanup();
}

const MANAGER = { staff_id: expect.any(String), staff_name: 'Demo Manager' };
const NEW_PASSWORD = 'copper-lantern-road';

/**
 * Each call that changes something, what it is made to do, and the audit entries it must leave (in
 * order). Calls that change nothing are listed in READ_ONLY; between them they must cover the contract.
 */
const MUTATIONS: Array<{ name: CallName | 'sign-in' | 'failed sign-in' | 'auto-lock'; run: (demo: Demo) => Promise<void>; expected: (demo: Demo) => unknown[] }> = [
  {
    name: 'bases.update',
    run: async ({ call, bases }) => void unwrap(await call('bases.update', { id: bases[0]!.id, name: 'Parkgate North', places: 30 })),
    expected: ({ bases, managerId }) => [
      expect.objectContaining({
        action: 'update',
        entity: 'bases',
        entity_id: bases[0]!.id,
        staff_id: managerId,
        staff_name: 'Demo Manager',
        before: expect.objectContaining({ name: 'Parkgate', places: bases[0]!.places }),
        after: expect.objectContaining({ name: 'Parkgate North', places: 30 }),
      }),
    ],
  },
  {
    name: 'bases.update',
    run: async ({ call, bases }) => void unwrap(await call('bases.update', { id: bases[0]!.id, keyStages: ['KS2'] })),
    expected: ({ bases }) => [
      expect.objectContaining({ action: 'update', entity: 'bases', entity_id: bases[0]!.id }),
      ...bases[0]!.keyStages.map((stage) =>
        expect.objectContaining({ action: 'delete', entity: 'base_key_stages', entity_id: bases[0]!.id, before: { base_id: bases[0]!.id, key_stage: stage }, after: null }),
      ),
      expect.objectContaining({ action: 'insert', entity: 'base_key_stages', before: null, after: { base_id: bases[0]!.id, key_stage: 'KS2' } }),
    ],
  },
  {
    name: 'settings.update',
    run: async ({ call }) => void unwrap(await call('settings.update', { autoLockMinutes: 7 })),
    expected: () => [
      expect.objectContaining({
        ...MANAGER,
        action: 'update',
        entity: 'provision',
        before: expect.objectContaining({ auto_lock_minutes: 5 }),
        after: expect.objectContaining({ auto_lock_minutes: 7 }),
      }),
    ],
  },
  {
    name: 'settings.update',
    run: async ({ call, bases }) => void unwrap(await call('settings.update', { defaultBaseId: bases[1]!.id })),
    expected: ({ bases }) => [expect.objectContaining({ ...MANAGER, action: 'changed-setting', detail: expect.stringContaining(bases[1]!.id) })],
  },
  {
    name: 'staff.create',
    run: async ({ call, bases }) =>
      void unwrap(await call('staff.create', { name: 'Nell Quarry', username: 'n.quarry', roles: ['teacher'], baseIds: [bases[1]!.id], password: NEW_PASSWORD })),
    expected: ({ bases }) => [
      expect.objectContaining({
        ...MANAGER,
        action: 'insert',
        entity: 'staff',
        before: null,
        after: expect.objectContaining({ name: 'Nell Quarry', username: 'n.quarry', roles: '["teacher"]', removed_at: null }),
      }),
      expect.objectContaining({ action: 'insert', entity: 'staff_bases', after: expect.objectContaining({ base_id: bases[1]!.id }) }),
    ],
  },
  {
    name: 'staff.update',
    run: async ({ call, teacherId }) => void unwrap(await call('staff.update', { id: teacherId, name: 'Dee Teacher', roles: ['teacher', 'manager'] })),
    expected: ({ teacherId }) => [
      expect.objectContaining({
        ...MANAGER,
        action: 'update',
        entity: 'staff',
        entity_id: teacherId,
        before: expect.objectContaining({ name: 'Demo Teacher', roles: '["teacher"]' }),
        after: expect.objectContaining({ name: 'Dee Teacher', roles: '["teacher","manager"]' }),
      }),
    ],
  },
  {
    name: 'staff.setPassword',
    run: async ({ call, teacherId }) => void unwrap(await call('staff.setPassword', { id: teacherId, password: NEW_PASSWORD })),
    expected: ({ teacherId }) => [expect.objectContaining({ ...MANAGER, action: 'password-set', entity: 'staff', entity_id: teacherId, detail: 'for Demo Teacher' })],
  },
  {
    name: 'staff.remove',
    run: async ({ call, teacherId }) => void unwrap(await call('staff.remove', { id: teacherId })),
    expected: ({ teacherId }) => [
      expect.objectContaining({
        ...MANAGER,
        action: 'update',
        entity: 'staff',
        entity_id: teacherId,
        before: expect.objectContaining({ removed_at: null }),
        after: expect.objectContaining({ removed_at: expect.any(String) }),
      }),
      expect.objectContaining({ action: 'delete', entity: 'staff_bases', entity_id: teacherId }),
    ],
  },
  {
    name: 'staff.clearFailedSignIns',
    run: async ({ call, signIn }) => {
      unwrap(await call('session.signOut'));
      for (let i = 0; i < 2; i++) await call('session.signIn', { username: 'demo.teacher', password: `wrong-${i}` });
      await signIn('demo.manager');
      const teacher = unwrap(await call('staff.failedSignIns'))[0]!;
      unwrap(await call('staff.clearFailedSignIns', { id: teacher.staffId }));
    },
    expected: ({ teacherId }) => [
      expect.objectContaining({ ...MANAGER, action: 'signed-out' }),
      expect.objectContaining({ action: 'sign-in-failed', staff_id: teacherId, staff_name: 'Demo Teacher' }),
      expect.objectContaining({ action: 'sign-in-failed', staff_id: teacherId, staff_name: 'Demo Teacher' }),
      expect.objectContaining({ ...MANAGER, action: 'signed-in' }),
      expect.objectContaining({
        ...MANAGER,
        action: 'cleared-failed-sign-ins',
        entity: 'staff',
        entity_id: teacherId,
        detail: 'for Demo Teacher: an administrator let them try again',
      }),
    ],
  },
  {
    name: 'session.changePassword',
    run: async ({ call }) => void unwrap(await call('session.changePassword', { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD })),
    expected: () => [expect.objectContaining({ ...MANAGER, action: 'password-changed' })],
  },
  {
    name: 'provision.newRecoveryKey',
    run: async ({ call }) => void unwrap(await call('provision.newRecoveryKey', { password: DEMO_PASSWORD })),
    expected: () => [expect.objectContaining({ ...MANAGER, action: 'recovery-key-replaced' })],
  },
  {
    name: 'audit.export',
    run: async ({ call }) => void unwrap(await call('audit.export', {})),
    expected: () => [expect.objectContaining({ ...MANAGER, action: 'exported-audit-log', detail: expect.stringMatching(/^\d+ entries$/) })],
  },
  {
    name: 'session.lock',
    run: async ({ call }) => void unwrap(await call('session.lock')),
    expected: () => [expect.objectContaining({ ...MANAGER, action: 'locked' })],
  },
  {
    name: 'session.unlock',
    run: async ({ call }) => {
      unwrap(await call('session.lock'));
      expect(await call('session.unlock', { password: 'not-the-password' })).toMatchObject({ ok: false });
      unwrap(await call('session.unlock', { password: DEMO_PASSWORD }));
    },
    expected: () => [
      expect.objectContaining({ ...MANAGER, action: 'locked' }),
      expect.objectContaining({ ...MANAGER, action: 'unlock-failed' }),
      expect.objectContaining({ ...MANAGER, action: 'unlocked' }),
    ],
  },
  {
    name: 'session.signOut',
    run: async ({ call, signIn }) => {
      unwrap(await call('session.signOut'));
      await signIn('demo.manager');
    },
    expected: () => [expect.objectContaining({ ...MANAGER, action: 'signed-out' }), expect.objectContaining({ ...MANAGER, action: 'signed-in' })],
  },
  {
    name: 'failed sign-in',
    run: async ({ call, signIn }) => {
      unwrap(await call('session.signOut'));
      expect(await call('session.signIn', { username: 'demo.teacher', password: 'not-the-password' })).toMatchObject({ ok: false });
      await signIn('demo.manager');
    },
    expected: ({ teacherId }) => [
      expect.objectContaining({ ...MANAGER, action: 'signed-out' }),
      expect.objectContaining({ action: 'sign-in-failed', staff_id: teacherId, staff_name: 'Demo Teacher' }),
      expect.objectContaining({ ...MANAGER, action: 'signed-in' }),
    ],
  },
  {
    name: 'session.recover',
    run: async ({ call, recoveryKey }) => {
      unwrap(await call('session.signOut'));
      unwrap(await call('session.recover', { recoveryKey, username: 'demo.admin', newPassword: NEW_PASSWORD }));
    },
    expected: ({ adminId }) => [
      expect.objectContaining({ ...MANAGER, action: 'signed-out' }),
      expect.objectContaining({ action: 'password-reset-with-recovery-key', staff_id: adminId, staff_name: 'Demo Administrator' }),
    ],
  },
  {
    name: 'auto-lock',
    run: async ({ call, clock }) => {
      clock.advance(5 * MINUTE);
      expect(await call('bases.list')).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    },
    expected: () => [expect.objectContaining({ ...MANAGER, action: 'auto-locked' })],
  },
];

/** Pupils, placements and the calendar: cases in audit-cases.ts; keywork and plans in their own files. */
const RECORD_MUTATIONS = [...PUPIL_MUTATIONS, ...PLACEMENT_MUTATIONS, ...CALENDAR_MUTATIONS, ...KEYWORK_MUTATIONS, ...PLAN_MUTATIONS];
const RECORD_READS = [...PUPIL_READS, ...PLACEMENT_READS, ...KEYWORK_READS, ...PLAN_READS];

/** Calls that change nothing, so leave no entry (a refusal aside). */
const READ_ONLY: CallName[] = [
  'app.status',
  'setup.chooseFolder',
  'setup.openFolder',
  'session.touch',
  'bases.list',
  'settings.get',
  'staff.list',
  'staff.failedSignIns',
  'audit.list',
  'audit.people',
  'registers.today',
];
/** Covered elsewhere: creating a data file logs its first rows and 'created-data-file' (below); sign-in with each mutation above. */
const ELSEWHERE: CallName[] = [
  // The fire list is made for the roll call and not recorded: tests/electron/core/reports/fire-list.test.ts.
  'reports.fireList',
  // Printing a passport or the impact report is recorded: tests/electron/core/reports/passport-impact.test.ts.
  'reports.passport',
  'reports.impact',
  // Issuing and reprinting are recorded ('report-issued', 'report-reprinted'): tests/electron/core/reports/issued-reports.test.ts.
  // A batch records one 'reports-exported' entry when it ends, naming how many PDFs were saved (issued-reintegration.test.ts); its status, cancelling it, the list of issued
  // versions and the folder picker change nothing in the data.
  'reports.issue',
  'reports.reprint',
  'reports.batchStart',
  'reports.batchStatus',
  'reports.batchCancel',
  'reports.issuedList',
  'reports.chooseFolder',
  'setup.createDatabase',
  'session.signIn',
  // Register times and the home schools' code: their audit entries are checked in
  // tests/electron/core/registers/register-settings.test.ts; reading them changes nothing.
  'registers.settings',
  'registers.setTimes',
  'registers.setHomeSchoolCode',
  // Registers are their own history (every mark, amendment, who and when), never copied into the log:
  // see tests/electron/core/registers.
  'registers.get',
  'registers.mark',
  'registers.markAllPresent',
  'registers.addPupil',
  'registers.submit',
  'registers.completion',
  'registers.pupilAttendance',
  'registers.baseAttendance',
  // Backups: 'backed-up' and 'restored-backup' entries are checked in tests/electron/core/backups.
  'backups.list',
  'backups.create',
  'backups.chooseFolder',
  'backups.inspect',
  'backups.restore',
];

describe('the audit trail', () => {
  it('has a mutation case (or a reason for none) for every call in the contract', () => {
    const covered = new Set<string>([...MUTATIONS.map((m) => m.name), ...RECORD_MUTATIONS.map((m) => m.name), ...READ_ONLY, ...RECORD_READS.map(([n]) => n), ...ELSEWHERE]);
    for (const name of CALL_NAMES) expect(covered.has(name), `${name} is neither tested for its audit entry nor listed as read-only`).toBe(true);
  });

  it.each(MUTATIONS.map((m, i) => [`${m.name} #${i}`, m] as const))('%s leaves the right entries: who, what, the record before and after', async (_label, mutation) => {
    const demo = await demoCore();
    const seq = lastAuditSeq(demo.core);
    await mutation.run(demo);
    const logged = auditRows(demo.core, seq);
    expect(logged).toEqual(mutation.expected(demo));
    for (const row of logged) expect(row.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // No password, in any form, ever reaches the log.
    for (const text of logged.map((r) => JSON.stringify(r))) {
      expect(text).not.toContain(NEW_PASSWORD);
      expect(text).not.toContain(DEMO_PASSWORD);
    }
  });

  it.each(RECORD_MUTATIONS.map((m, i) => [`${m.name} #${i}`, m] as const))('%s leaves the right entries about the record', async (_label, mutation) => {
    const demo = await demoCore();
    // A case's run and expectations use only the ids its own prepare made.
    const ids = ((await mutation.prepare?.(demo)) ?? {}) as Ids;
    const seq = lastAuditSeq(demo.core);
    await mutation.run(demo, ids);
    expect(auditRows(demo.core, seq)).toEqual(mutation.expected(demo, ids));
  });

  it.each(RECORD_READS)('%s leaves no entry', (name, input) =>
    readOnlyCase(async (demo) => {
      const made = await input(demo);
      const seq = lastAuditSeq(demo.core);
      unwrap(await demo.call(name, made));
      expect(auditRows(demo.core, seq)).toEqual([]);
    }),
  );

  it.each(READ_ONLY.filter((n) => !n.startsWith('setup.')))('%s leaves no entry', (name) =>
    readOnlyCase(async (demo) => {
      const seq = lastAuditSeq(demo.core);
      unwrap(await demo.call(name, name === 'audit.list' ? {} : undefined));
      expect(auditRows(demo.core, seq)).toEqual([]);
    }),
  );

  it('a new data file starts its log: every row the set-up made, then who created it', async () => {
    const { core, managerId } = await demoCore({ fresh: true });
    const rows = auditRows(core);
    expect(rows.at(-1)).toMatchObject({ action: 'created-data-file', staff_id: managerId });
    const pupils = pupilRows(core);
    const inserted = new Set(rows.filter((r) => r.action === 'insert' && r.entity === 'pupils').map((r) => r.entity_id));
    expect(inserted).toEqual(new Set(pupils.map((p) => p.id)));
  }, 180_000);

  it('refuses to let any entry be changed or deleted, by any route', async () => {
    const { core } = await demoCore();
    const before = auditRows(core);
    const sql = core.requireFile().sql;
    expect(() => sql.run("UPDATE audit_log SET staff_name = 'Someone else'")).toThrow(/audit log cannot be changed/);
    expect(() => sql.run('UPDATE audit_log SET detail = NULL WHERE seq = 1')).toThrow(/audit log cannot be changed/);
    expect(() => sql.run('DELETE FROM audit_log WHERE seq = 1')).toThrow(/audit log cannot be changed/);
    expect(() => sql.run('DELETE FROM audit_log')).toThrow(/audit log cannot be changed/);
    await expect(core.requireDb().deleteFrom('audit_log').execute()).rejects.toThrow(/audit log cannot be changed/);
    await expect(core.requireDb().updateTable('audit_log').set({ action: 'x' }).execute()).rejects.toThrow(/audit log cannot be changed/);
    expect(auditRows(core)).toEqual(before);
  });
});

describe('the audit view', () => {
  it('filters by person, by pupil and by date, newest first, and pages', async () => {
    // 09:00 UTC: the same day in England (whose days the filter counts) in GMT and BST. A copy of the
    // demo made at that moment (as every copy case's), signed in to then by the demo manager.
    const clock = movingClock(TEST_NOW);
    const demo = await demoCore({ now: clock.now });
    const { call, signIn, teacherId, managerId, core } = demo;
    // The next day: the teacher signs in and out; the manager comes back and changes a base.
    clock.set(new Date('2026-11-24T12:00:00Z'));
    unwrap(await call('session.signOut'));
    await signIn('demo.teacher');
    unwrap(await call('session.signOut'));
    await signIn('demo.manager');
    unwrap(await call('bases.update', { id: demo.bases[0]!.id, hostSchool: 'Parkgate Primary' }));

    const list = async (filters: Record<string, string>, page = 0) => unwrap(await call('audit.list', { filters, page }));

    // The demo teacher wrote support plans as a keyworker in the story; the next day they only signed in and out.
    const teacherAll = await list({ staffId: teacherId });
    expect(teacherAll.total).toBeGreaterThan(2);
    expect(teacherAll.entries.every((e) => e.staffId === teacherId)).toBe(true);
    const teacher = await list({ staffId: teacherId, from: '2026-11-24' });
    expect(teacher.entries.map((e) => e.action)).toEqual(['signed-out', 'signed-in']);
    expect(teacher.total).toBe(2);

    const pupil = pupilRows(core)[0]!;
    const aboutPupil = await list({ pupilId: pupil.id });
    expect(aboutPupil.total).toBeGreaterThanOrEqual(2);
    expect(aboutPupil.entries.every((e) => e.pupilId === pupil.id)).toBe(true);
    expect(aboutPupil.entries.map((e) => `${e.action} ${e.entity}`)).toEqual(expect.arrayContaining(['insert pupils', 'insert placements']));

    const secondDay = await list({ from: '2026-11-24', to: '2026-11-24' });
    expect(secondDay.entries.map((e) => e.action)).toEqual(['update', 'signed-in', 'signed-out', 'signed-in', 'signed-out']);
    const firstDay = await list({ to: '2026-11-23' });
    expect(firstDay.entries.every((e) => e.at.startsWith('2026-11-23'))).toBe(true);
    expect(firstDay.total + secondDay.total).toBe((await list({})).total);
    expect((await list({ from: '2026-11-25' })).total).toBe(0);
    expect((await list({ staffId: managerId, from: '2026-11-24' })).entries.map((e) => e.action)).toEqual(['update', 'signed-in', 'signed-out']);

    // Newest first, a page at a time (enough changes to need a second page).
    for (let i = 0; i < 20; i++) unwrap(await call('bases.update', { id: demo.bases[1]!.id, places: 12 + i }));
    const all = await list({});
    expect(all.total).toBeGreaterThan(AUDIT_PAGE_SIZE);
    expect(all.entries).toHaveLength(AUDIT_PAGE_SIZE);
    const seqs = all.entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const next = await list({}, 1);
    expect(next.entries[0]!.seq).toBe(seqs.at(-1)! - 1);

    expect(await call('audit.list', { filters: { from: '2026-11-24', to: '2026-11-23' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'filters.to', message: 'The end date is before the start date.' },
    });
    expect(await call('audit.list', { filters: { staffId: 'someone' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'filters.staffId' } });
  }, 180_000);
});

describe('audit dates', () => {
  it('refuses days outside 1900–2100 with a message naming the filter, in the list and the export', async () => {
    const { call } = await demoCore();
    for (const name of ['audit.list', 'audit.export'] as const) {
      expect(await call(name, { filters: { to: '9999-12-31' } })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'filters.to', message: 'The end date must be between 01/01/1900 and 31/12/2100.' },
      });
      expect(await call(name, { filters: { from: '0050-01-01' } })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'filters.from', message: 'The start date must be between 01/01/1900 and 31/12/2100.' },
      });
      expect(await call(name, { filters: { from: '2026-02-30' } })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'filters.from', message: 'Enter the start date as dd/mm/yyyy.' },
      });
    }
    // The widest range it takes is the whole trail.
    const all = unwrap(await call('audit.list', {})).total;
    expect(unwrap(await call('audit.list', { filters: { from: '1900-01-01', to: '2100-12-31' } })).total).toBe(all);
  });

  it("counts days as England's clocks do, whatever the PC's time zone", async () => {
    // 23:30 UTC on 1 July is 00:30 on 2 July in England (BST).
    const clock = movingClock(new Date('2026-07-01T23:30:00Z'));
    const { call, core } = await demoCore({ fresh: true, now: clock.now });
    const list = async (filters: Record<string, string>) => unwrap(await call('audit.list', { filters })).total;
    const all = await list({});
    // 2 July in England is 23:00 UTC on 1 July to 23:00 UTC on 2 July. Everything logged as the demo was
    // made, at 23:30 UTC on 1 July, falls on it; what the demo's staff did on the school days before
    // (plans, keywork, register amendments) falls before it.
    const between = async (from: string, to: string) =>
      Number((await core.requireDb().selectFrom('audit_log').where('at', '>=', from).where('at', '<', to).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const secondOfJuly = await between('2026-07-01T23:00:00.000Z', '2026-07-02T23:00:00.000Z');
    expect(await between('2026-07-01T23:30:00.000Z', '2026-07-01T23:31:00.000Z')).toBeGreaterThan(0);
    expect(secondOfJuly).toBeLessThan(all);
    expect(await list({ from: '2026-07-02', to: '2026-07-02' })).toBe(secondOfJuly);
    expect(await list({ to: '2026-07-01' })).toBe(all - secondOfJuly);
  }, 180_000);
});

describe('the audit export', () => {
  const parse = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
  const FORMULA = '=HYPERLINK("http://example.invalid","Click me")';

  /** The demo teacher signs in and out (under whatever name they have now), then the manager exports the trail as rows. */
  async function exportAfterTeacherSignsIn({ call, signIn }: Pick<Awaited<ReturnType<typeof demoCore>>, 'call' | 'signIn'>) {
    unwrap(await call('session.signOut'));
    await signIn('demo.teacher');
    unwrap(await call('session.signOut'));
    await signIn('demo.manager');
    return parse(unwrap(await call('audit.export')).csv);
  }

  it('is CSV with a header row, one row per entry, the filters applied', async () => {
    const { call, teacherId, signIn } = await demoCore();
    unwrap(await call('session.signOut'));
    await signIn('demo.teacher');
    unwrap(await call('session.signOut'));
    await signIn('demo.manager');
    const { fileName, csv } = unwrap(await call('audit.export', { filters: { staffId: teacherId } }));
    expect(fileName).toBe(`key-desk-audit-${localIsoDate(TEST_NOW)}.csv`);
    const rows = parse(csv);
    expect(rows[0]).toEqual(['When', 'Who', 'What', 'Record', 'Before', 'After', 'Detail', 'Record id', 'Pupil id']);
    // Newest first: signing in and out just now, then the support plans the demo teacher wrote as a keyworker.
    expect(rows.slice(1, 3).map((r) => [r[1], r[2]])).toEqual([
      ['Demo Teacher', 'Signed out'],
      ['Demo Teacher', 'Signed in'],
    ]);
    expect(rows.slice(1).every((r) => r[1] === 'Demo Teacher')).toBe(true);
    expect(rows.length - 1).toBe(unwrap(await call('audit.list', { filters: { staffId: teacherId } })).total);
    const everything = parse(unwrap(await call('audit.export')).csv);
    const total = unwrap(await call('audit.list', {})).total;
    // The export itself is logged after it is taken: the list has one entry more than the export.
    expect(everything.length - 1).toBe(total - 1);
  });

  it('escapes what a spreadsheet would run as a formula, keeping the value readable', async () => {
    const { call, bases, teacherId, signIn } = await demoCore();
    unwrap(await call('bases.update', { id: bases[0]!.id, name: FORMULA }));
    unwrap(await call('staff.update', { id: teacherId, name: FORMULA }));
    const rows = await exportAfterTeacherSignsIn({ call, signIn });
    // No cell begins with a character that starts a formula.
    for (const row of rows) for (const cell of row) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    // The teacher's own entries name them: escaped with a leading quote.
    const teacherRows = rows.filter((r) => r[2] === 'Signed in' && r[1]!.includes('HYPERLINK'));
    expect(teacherRows.map((r) => r[1])).toEqual([`'${FORMULA}`]);
    // The base's new name is in the record's values after the change, exactly.
    const renamed = rows.find((r) => r[2] === 'Changed base' && r[5]!.includes('HYPERLINK'));
    expect(renamed![5]!.split('\n')).toContain(`Name: ${FORMULA}`);
  });

  it('escapes a formula that runs on over several lines, in every column', async () => {
    const { call, bases, teacherId, signIn } = await demoCore();
    const MULTI_LINE = '=1+2\n+3';
    unwrap(await call('bases.update', { id: bases[0]!.id, name: '+1\n=HYPERLINK("http://example.invalid")' }));
    unwrap(await call('staff.update', { id: teacherId, name: MULTI_LINE }));
    const rows = await exportAfterTeacherSignsIn({ call, signIn });
    for (const row of rows) for (const cell of row) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows.filter((r) => r[2] === 'Signed in' && r[1] === `'${MULTI_LINE}`)).toHaveLength(1);
    expect(rows.filter((r) => r[2] === 'Changed base' && r[3] === `'+1\n=HYPERLINK("http://example.invalid")`)).toHaveLength(1);
  });

  it('names records and ids and shows times as staff read them', async () => {
    const { call, core } = await demoCore();
    const rows = parse(unwrap(await call('audit.export')).csv).slice(1);
    const placements = rows.filter((r) => r[2] === 'Added placement');
    expect(placements.length).toBeGreaterThan(0);
    const pupilNames = new Set(unwrap(await call('pupils.list')).map((p) => p.name));
    const schoolNames = new Set(unwrap(await call('schools.list')).map((s) => s.name));
    for (const row of placements) {
      expect(pupilNames.has(row[3]!), row[3]).toBe(true);
      expect(row[5]).toContain(`Pupil: ${row[3]}\n`);
      expect(schoolNames.has(/^Referring school: (.+)$/m.exec(row[5]!)?.[1] ?? ''), row[5]).toBe(true);
      expect(row[5]).toMatch(/^Referral received: \d\d\/\d\d\/\d{4}$/m);
    }
    for (const row of rows) {
      expect(row[0]).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
      // Ids only in their own columns, for matching an entry to the data file.
      for (const cell of row.slice(0, 7)) expect(cell).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    }
    expect(pupilRows(core).length).toBeGreaterThan(0);
  });
});

describe('the audit list names what each entry is about', () => {
  it('by pupil, base, school and member of staff, with names for every id', async () => {
    const { call, core, bases, teacherId } = await demoCore();
    const pupil = pupilRows(core)[0]!;
    const name = unwrap(await call('pupils.list')).find((p) => p.id === pupil.id)!.name;
    const page = unwrap(await call('audit.list', { filters: { pupilId: pupil.id } }));
    const placement = page.entries.find((e) => e.entity === 'placements' && e.action === 'insert')!;
    expect(placement.recordName).toBe(name);
    expect(page.names[pupil.id]).toBe(name);
    const after = placement.after as Record<string, string>;
    if (after.base_id) expect(bases.map((b) => b.name)).toContain(page.names[after.base_id]);
    expect(unwrap(await call('schools.list')).map((s) => s.name)).toContain(page.names[after.referring_school_id!]);
    // Its record, contacts, professionals, referrals and placement steps: all named by the pupil (a contact or professional by both).
    for (const entry of page.entries) expect(entry.recordName).toMatch(new RegExp(`(^|contact for |working with )${name}$`));

    unwrap(await call('staff.update', { id: teacherId, name: 'Dee Teacher', baseIds: [bases[1]!.id] }));
    const everything = unwrap(await call('audit.list', {}));
    for (const entry of everything.entries) expect(entry.recordName ?? '').not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(everything.entries.filter((e) => e.entity === 'staff' || e.entity === 'staff_bases').map((e) => [e.action, e.entity, e.recordName])).toEqual([
      ['insert', 'staff_bases', 'Dee Teacher'],
      ['delete', 'staff_bases', 'Dee Teacher'],
      ['update', 'staff', 'Dee Teacher'],
    ]);
    const linked = everything.entries.find((e) => e.entity === 'staff_bases' && e.action === 'insert')!;
    expect(everything.names[linked.after!.base_id as string]).toBe(bases[1]!.name);
  });
});
