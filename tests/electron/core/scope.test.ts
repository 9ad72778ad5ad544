import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneBase, requireBaseInScope, requireInScope, scopedToBases, scopeFor, type PupilScope } from '../../../electron/core/scope';
import { UserError } from '../../../electron/core/errors';
import { unwrap } from '../../../shared/api/result';
import type { SignedInUser } from '../../../shared/api/status';
import { startDemoCore } from '../../helpers/core';

const PARKGATE = 'base-parkgate';
const FREDERICK_BIRD = 'base-frederick-bird';
const teacher: PupilScope = { all: false, baseIds: [PARKGATE] };
const manager: PupilScope = { all: true };
const MINE = 'You can see attendance only for the bases you work at.';

function refusal(run: () => unknown): { code: string; message: string; field?: string | undefined } | null {
  try {
    run();
    return null;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { code: error.code, message: error.message, field: error.field };
  }
}

describe('the base scoping helpers', () => {
  it("refuse a base outside a teacher's scope as not found, in the caller's words and naming the field", () => {
    expect(refusal(() => requireBaseInScope(teacher, FREDERICK_BIRD, 'baseId', MINE))).toEqual({ code: 'NOT_FOUND', message: MINE, field: 'baseId' });
    expect(requireBaseInScope(teacher, PARKGATE, 'baseId', MINE)).toBe(PARKGATE);
    expect(requireBaseInScope(manager, FREDERICK_BIRD, 'baseId', MINE)).toBe(FREDERICK_BIRD);
    // A base that does not exist is refused for a manager too, with the same words.
    expect(refusal(() => requireBaseInScope(manager, undefined, 'baseId', MINE))).toEqual({ code: 'NOT_FOUND', message: MINE, field: 'baseId' });
  });

  it('refuse a record at another base exactly as one that does not exist', () => {
    const known = 'That placement is not one Key Desk knows.';
    const elsewhere = { id: 'p1', baseId: FREDERICK_BIRD };
    expect(refusal(() => requireInScope(teacher, elsewhere, 'placementId', known))).toEqual(refusal(() => requireInScope(teacher, undefined, 'placementId', known)));
    expect(refusal(() => requireInScope(teacher, { id: 'p2', baseId: null }, 'placementId', known))).toMatchObject({ code: 'NOT_FOUND' });
    expect(requireInScope(manager, elsewhere, 'placementId', known)).toBe(elsewhere);
    expect(requireInScope(teacher, { id: 'b', name: 'Parkgate' }, 'baseId', known, (b) => (b.name === 'Parkgate' ? PARKGATE : null)).name).toBe('Parkgate');
  });

  it('give a teacher their own bases, a manager every base, and nobody signed in none', () => {
    const user = (roles: SignedInUser['roles']): SignedInUser => ({ id: 's', name: 'S', username: 's', roles, baseIds: [PARKGATE] });
    expect(scopeFor(user(['teacher']))).toEqual(teacher);
    expect(scopeFor(user(['teacher', 'administrator']))).toEqual(teacher);
    expect(scopeFor(user(['manager']))).toEqual(manager);
    expect(scopeFor(null)).toEqual({ all: false, baseIds: [] });
  });
});

describe('queries narrowed to a scope, and what a teacher sees', () => {
  let demo: Awaited<ReturnType<typeof startDemoCore>>;
  let parkgate: string;
  let frederickBird: string;
  /** Pupils only ever referred or placed at Frederick Bird: Parkgate's teacher must never see them. */
  let onlyAtFrederickBird: Set<string>;

  beforeAll(async () => {
    demo = await startDemoCore();
    const bases = unwrap(await demo.call('bases.list'));
    parkgate = bases.find((b) => b.name === 'Parkgate')!.id;
    frederickBird = bases.find((b) => b.name === 'Frederick Bird')!.id;
    const rows = await demo.core.requireDb().selectFrom('placements').select(['pupil_id', 'base_id']).execute();
    const atParkgate = new Set(rows.filter((r) => r.base_id === parkgate).map((r) => r.pupil_id));
    onlyAtFrederickBird = new Set(rows.filter((r) => r.base_id === frederickBird && !atParkgate.has(r.pupil_id)).map((r) => r.pupil_id));
    expect(onlyAtFrederickBird.size).toBeGreaterThan(0);
  });
  afterAll(async () => demo.cleanup());

  it('scopedToBases keeps only the rows at the scope’s bases: all for a manager, none for no base', async () => {
    const db = demo.core.requireDb();
    const placements = () => db.selectFrom('placements').select('base_id').where('base_id', 'is not', null);
    const everyBase = await scopedToBases(placements(), 'base_id', { all: true }).execute();
    expect(new Set(everyBase.map((r) => r.base_id))).toEqual(new Set([parkgate, frederickBird]));
    const own = await scopedToBases(placements(), 'base_id', { all: false, baseIds: [parkgate] }).execute();
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((r) => r.base_id === parkgate)).toBe(true);
    expect(await scopedToBases(placements(), 'base_id', oneBase(frederickBird)).execute()).toHaveLength(everyBase.length - own.length);
    expect(await scopedToBases(placements(), 'base_id', { all: false, baseIds: [] }).execute()).toEqual([]);
  });

  it("never shows Parkgate's teacher a Frederick Bird pupil: pupils, plans, registers, the board", async () => {
    unwrap(await demo.call('session.signOut'));
    await demo.signIn('demo.teacher');
    try {
      const pupils = unwrap(await demo.call('pupils.list'));
      const plans = unwrap(await demo.call('plans.list'));
      const completion = unwrap(await demo.call('registers.completion'));
      const board = unwrap(await demo.call('placements.board'));
      expect(pupils.length).toBeGreaterThan(0);
      expect(plans.length).toBeGreaterThan(0);
      expect(pupils.filter((p) => onlyAtFrederickBird.has(p.id))).toEqual([]);
      expect(plans.filter((p) => p.baseId !== parkgate || onlyAtFrederickBird.has(p.pupilId))).toEqual([]);
      expect(completion.registers.filter((r) => r.baseId !== parkgate)).toEqual([]);
      expect(completion.overdueReasons.filter((r) => onlyAtFrederickBird.has(r.pupilId))).toEqual([]);
      expect(board.map((b) => b.base.name)).toEqual(['Parkgate']);
      // Asking for the other base by name is refused with the words each screen has always used.
      expect(await demo.call('plans.list', { baseId: frederickBird })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'That base is not one Key Desk knows.', field: 'baseId' } });
      expect(await demo.call('reports.issuedList', { baseId: frederickBird })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', message: 'You can see reports only for the bases you work at.', field: 'baseId' },
      });
    } finally {
      unwrap(await demo.call('session.signOut'));
      await demo.signIn('demo.manager');
    }
  });
});
