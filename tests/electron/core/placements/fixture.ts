import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { CallName, CallOutput } from '../../../../shared/api/contract';
import { unwrap, type Result } from '../../../../shared/api/result';
import { addDays } from '../../../../shared/domain/dates';
import type { Placement } from '../../../../shared/domain/placements';
import { startCore, tempFolder, TEST_MANAGER, TEST_NOW } from '../../../helpers/core';

/** Monday 23/11/2026, a school day in the shipped 2026/27 pattern. */
export const TODAY = TEST_NOW.toISOString().slice(0, 10);

/** Dates of birth giving a year group in 2026/27. */
export const BORN = {
  year1: '2021-02-01',
  /** Year 2 now (KS1); Year 3 (KS2) from 1 September 2027. */
  year2: '2020-03-10',
  year4: '2018-05-01',
} as const;

/**
 * A new (not demo) provision signed in as its first manager, with one home school, and a way to add
 * pupils straight into the database: these tests are about placements, not the pupil record.
 */
export async function placementsCore(options: { keepInsetPlaceholders?: boolean; now?: () => Date } = {}) {
  const temp = await tempFolder();
  const started = await startCore({ folder: temp.path, ...(options.now ? { now: options.now } : {}) });
  unwrap(await started.call('setup.createDatabase', { demo: false, manager: TEST_MANAGER }));
  const { core, call } = started;
  const bases = unwrap(await call('bases.list'));
  const parkgate = bases.find((b) => b.name === 'Parkgate')!;
  const frederickBird = bases.find((b) => b.name === 'Frederick Bird')!;
  const schoolId = randomUUID();
  const now = core.now();
  // These tests are about placements, worked out on the typical terms alone: the shipped INSET
  // placeholders are taken out (the calendar's own tests cover them).
  if (!options.keepInsetPlaceholders) await core.requireDb().deleteFrom('closures').where('kind', '=', 'inset').execute();
  await core
    .requireDb()
    .insertInto('schools')
    .values({ id: schoolId, name: 'Willow Lane Primary', created_at: now, updated_at: now })
    .execute();

  let pupils = 0;
  const addPupil = async (dateOfBirth: string, yearGroupOffset = 0) => {
    pupils += 1;
    const id = randomUUID();
    await core
      .requireDb()
      .insertInto('pupils')
      .values({
        id,
        legal_first_name: `Pupil${String(pupils).padStart(2, '0')}`,
        legal_last_name: 'Testcase',
        preferred_name: null,
        date_of_birth: dateOfBirth,
        year_group_offset: yearGroupOffset,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  };

  const ok = async <N extends CallName>(name: N, input?: unknown): Promise<CallOutput<N>> => unwrap(await call(name, input));

  /** Referred, accepted and both visits done: ready for a start date. */
  const acceptedPupil = async (options: { dateOfBirth?: string; baseId?: string; decidedOn?: string } = {}): Promise<Placement> => {
    const pupilId = await addPupil(options.dateOfBirth ?? BORN.year4);
    const decidedOn = options.decidedOn ?? '2026-09-20';
    const referredOn = addDays(decidedOn, -10);
    const referred = await ok('placements.refer', { pupilId, referringSchoolId: schoolId, referredOn, reason: 'Struggling to settle in class' });
    await ok('placements.decide', { id: referred.id, decision: 'accepted', decidedOn, baseId: options.baseId ?? parkgate.id });
    return ok('placements.recordVisits', { id: referred.id, keyVisitOn: decidedOn, homeVisitSkipped: 'Family preferred to meet at school' });
  };

  /** An accepted pupil with an agreed start. */
  const startedPupil = async (startDate: string, options: Parameters<typeof acceptedPupil>[0] = {}) => {
    const accepted = await acceptedPupil(options);
    return ok('placements.agreeStart', { id: accepted.id, startDate });
  };

  const count = (table: string) => Number(core.requireFile().sql.exec(`SELECT count(*) FROM ${table}`)[0]?.values[0]?.[0] ?? 0);

  /** Runs a call that must be refused, and checks nothing was written. */
  const refused = async <N extends CallName>(name: N, input: unknown) => {
    const before = { audit: count('audit_log'), events: count('placement_events') };
    const result = (await call(name, input)) as Result<CallOutput<N>>;
    expect(result.ok, `${name} should have been refused`).toBe(false);
    expect({ audit: count('audit_log'), events: count('placement_events') }).toEqual(before);
    if (result.ok) throw new Error('unreachable');
    return result.error;
  };

  const cleanup = async () => {
    await core.close();
    await temp.cleanup();
  };
  return { ...started, folder: temp.path, ok, parkgate, frederickBird, schoolId, addPupil, acceptedPupil, startedPupil, refused, count, cleanup };
}

export type PlacementsCore = Awaited<ReturnType<typeof placementsCore>>;
