import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { KeyDeskCore } from '../../../../electron/core/core';
import { unwrap, type Result } from '../../../../shared/api/result';
import { withCheckLetter } from '../../../../shared/domain/pupils';
import { startCore, tempFolder, TEST_MANAGER, TEST_NOW } from '../../../helpers/core';
import { dataTables, lastAuditSeq } from '../sealed-files';

/** A teacher at Parkgate only, as demo.teacher is in the demo file. */
export const TEACHER = { name: 'Tamsin Hollis', username: 't.hollis', password: 'amber-kestrel-window' };

/** Valid, made-up UPNs (check letter computed). */
export const UPN_1 = withCheckLetter('801200001001');
export const UPN_2 = withCheckLetter('801200001002');
export const UPN_3 = withCheckLetter('801200001003');

/**
 * A new (non-demo) provision on TEST_NOW (23/11/2026, academic year 2026–27) with its first manager
 * signed in and a Parkgate teacher, so lists hold only the pupils a test adds.
 */
export async function pupilsCore(options: { now?: Date | (() => Date) } = {}) {
  const folder = await tempFolder();
  const started = await startCore({ folder: folder.path, now: options.now ?? TEST_NOW });
  const { call, core, signIn } = started;
  let later: Awaited<ReturnType<typeof startCore>> | null = null;
  unwrap(await call('setup.createDatabase', { demo: false, provisionName: 'The Key', manager: TEST_MANAGER }));
  const bases = unwrap(await call('bases.list'));
  const parkgate = bases.find((b) => b.name === 'Parkgate')!;
  const frederickBird = bases.find((b) => b.name === 'Frederick Bird')!;
  unwrap(await call('staff.create', { ...TEACHER, roles: ['teacher'], baseIds: [parkgate.id] }));

  const asManager = async () => {
    unwrap(await call('session.signOut'));
    await signIn(TEST_MANAGER.username, TEST_MANAGER.password);
  };
  const asTeacher = async () => {
    unwrap(await call('session.signOut'));
    await signIn(TEACHER.username, TEACHER.password);
  };
  /** The same data file opened by a new core on another day (a later academic year, say), signed in as the manager. */
  const reopenOn = async (now: Date) => {
    await core.close();
    later = await startCore({ folder: folder.path, now });
    await later.signIn(TEST_MANAGER.username, TEST_MANAGER.password);
    return later;
  };
  const cleanup = async () => {
    await core.close();
    await later?.core.close();
    await folder.cleanup();
  };
  return { ...started, folder: folder.path, parkgate, frederickBird, asManager, asTeacher, reopenOn, cleanup };
}

export type PupilsCore = Awaited<ReturnType<typeof pupilsCore>>;

/** A pupil as the form sends one: Year 3 on TEST_NOW (born May 2019). */
export const MAYA = { legalFirstName: 'Maya', legalLastName: 'Okonjo', dateOfBirth: '2019-05-04' };

/**
 * A placement written straight into the database (the placements service has its own tests): accepted
 * for `baseId`, started on `start` unless it is only a referral.
 */
export async function insertPlacement(
  core: KeyDeskCore,
  pupilId: string,
  baseId: string | null,
  dates: { referred?: string; start?: string | null; plannedEnd?: string | null; end?: string | null; declined?: boolean } = {},
): Promise<string> {
  const db = core.requireDb();
  let school = await db.selectFrom('schools').select('id').where('name', '=', 'Placement fixture school').executeTakeFirst();
  if (!school) {
    school = { id: randomUUID() };
    await db.insertInto('schools').values({ id: school.id, name: 'Placement fixture school', senco_name: null, phone: null, email: null, address: null, created_at: 'x', updated_at: 'x' }).execute();
  }
  const id = randomUUID();
  const referred = dates.referred ?? '2026-09-10';
  const start = dates.start === undefined ? '2026-10-05' : dates.start;
  const decision = dates.declined ? 'declined' : baseId ? 'accepted' : null;
  await db
    .insertInto('placements')
    .values({
      id,
      pupil_id: pupilId,
      referring_school_id: school.id,
      referred_on: referred,
      reason: 'Fixture',
      decision,
      decided_on: decision ? referred : null,
      base_id: baseId,
      start_date: decision === 'accepted' ? start : null,
      planned_end: decision === 'accepted' && start ? (dates.plannedEnd ?? '2027-04-30') : null,
      end_date: dates.end ?? null,
      outcome: dates.end ? 'returned-full-time' : null,
      created_at: `${referred}T09:00:00.000Z`,
      updated_at: `${referred}T09:00:00.000Z`,
    })
    .execute();
  return id;
}

/** Every table and the audit log, to show a refused call wrote nothing. */
export function snapshotData(core: KeyDeskCore) {
  return { tables: dataTables(core), lastAudit: lastAuditSeq(core) };
}

/** The refusal a user sees, and that nothing at all was written. */
export async function expectRefused<T>(
  core: KeyDeskCore,
  run: () => Promise<Result<T>>,
  expected: { code: string; field?: string; message?: string | RegExp },
): Promise<void> {
  const before = snapshotData(core);
  const result = await run();
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toEqual(expected.code);
  if (expected.field !== undefined) expect(result.error.field).toBe(expected.field);
  if (expected.message instanceof RegExp) expect(result.error.message).toMatch(expected.message);
  else if (expected.message !== undefined) expect(result.error.message).toBe(expected.message);
  expect(snapshotData(core)).toEqual(before);
}
