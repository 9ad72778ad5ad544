import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SealedDataFile } from '../../../../electron/core/data-file';
import { Keyring } from '../../../../electron/core/crypto/keyring';
import { forgetRegister } from '../../../../electron/core/services/register-cache';
import { markPupil, type RegisterContext } from '../../../../electron/core/services/registers';
import type { Register } from '../../../../shared/api/specs/registers';
import { TEST_MANAGER } from '../../../helpers/core';
import { databaseOnDisk } from '../files';
import { placementsCore, type PlacementsCore } from '../placements/fixture';

/**
 * A mark reuses the register the last call read or marked while no row in the database has changed
 * since (a register is marked a pupil every second or two). These check that the register a mark
 * answers with is always the one opening it afresh would show, whatever happened in between.
 */
const MONDAY = '2026-11-23';
let clock: Date;
let t: PlacementsCore;
let pupils: string[];
const am = () => ({ baseId: t.parkgate.id, date: MONDAY, session: 'AM' as const });

beforeEach(async () => {
  clock = new Date(`${MONDAY}T09:05:00Z`);
  t = await placementsCore({ now: () => clock });
  pupils = [];
  for (let i = 0; i < 3; i++) pupils.push((await t.startedPupil('2026-11-02')).pupilId);
});
afterEach(async () => {
  await t.cleanup();
});

/** The register read and built afresh, not one kept from an earlier call. */
async function afresh(): Promise<Register> {
  forgetRegister(t.core.requireDb());
  return t.ok('registers.get', am());
}

const mark = (pupilId: string, code: string | null, extra: { minutesLate?: number; reason?: string } = {}) =>
  t.call('registers.mark', { ...am(), pupilId, code, minutesLate: extra.minutesLate ?? null, ...(extra.reason ? { reason: extra.reason } : {}) });

describe('marks one after another', () => {
  it('answer each with the register exactly as opening it afresh shows it', async () => {
    await t.ok('registers.get', am());
    const steps: Array<[number, string | null, number?]> = [[0, '/'], [1, 'L', 12], [2, 'I'], [1, '/'], [0, null], [0, 'M']];
    for (const [who, code, minutesLate] of steps) {
      const answer = await mark(pupils[who]!, code, minutesLate ? { minutesLate } : {});
      expect(answer.ok).toBe(true);
      if (answer.ok) expect(answer.value).toEqual(await afresh());
    }
    const last = await t.ok('registers.get', am());
    expect(last.pupils.map((p) => p.code).sort()).toEqual(['/', 'I', 'M'].sort());
    expect(last.unmarked).toBe(0);
  });
});

describe('marking everyone present and submitting', () => {
  it('answer with the register exactly as opening it afresh shows it, taken or not', async () => {
    // Not taken yet: marking everyone present takes it.
    const all = await t.ok('registers.markAllPresent', am());
    expect(all).toMatchObject({ state: 'open', takenBy: 'Robin Ashdown', unmarked: 0 });
    expect(all).toEqual(await afresh());
    expect((await mark(pupils[1]!, 'I')).ok).toBe(true);
    const submitted = await t.ok('registers.submit', am());
    expect(submitted).toMatchObject({ state: 'submitted', submittedBy: 'Robin Ashdown' });
    expect(submitted).toEqual(await afresh());
    // Friday: everyone at their home school, nobody to mark; submitting takes it.
    const friday = { baseId: t.parkgate.id, date: '2026-11-20', session: 'PM' as const };
    const empty = await t.ok('registers.submit', friday);
    expect(empty).toMatchObject({ state: 'submitted', takenBy: 'Robin Ashdown', pupils: [] });
    forgetRegister(t.core.requireDb());
    expect(empty).toEqual(await t.ok('registers.get', friday));
  });
});

describe('adding a pupil to the day\'s register', () => {
  it('answers with the register exactly as opening it afresh shows it, in name order, and the next mark sees them', async () => {
    // Friday: everyone is at their home school, so each pupil added is a change of plan agreed on the day.
    const friday = { baseId: t.parkgate.id, date: '2026-11-20', session: 'PM' as const };
    const fresh = async () => {
      forgetRegister(t.core.requireDb());
      return t.ok('registers.get', friday);
    };
    clock = new Date('2026-11-20T13:05:00Z');
    for (const [i, pupilId] of [pupils[2]!, pupils[0]!].entries()) {
      const added = await t.ok('registers.addPupil', { ...friday, pupilId, note: `Came in for the afternoon (${i + 1})` });
      expect(added.pupils.map((l) => l.pupilId)).toContain(pupilId);
      expect(added.atHomeSchool.map((l) => l.pupilId)).not.toContain(pupilId);
      expect(added).toMatchObject({ state: 'open', takenBy: 'Robin Ashdown', unmarked: i + 1 });
      expect(added).toEqual(await fresh());
    }
    const marked = await t.ok('registers.mark', { ...friday, pupilId: pupils[0]!, code: '\\', minutesLate: null });
    expect(marked).toEqual(await fresh());
    expect(marked.unmarked).toBe(1);
  });
});

describe('a change made between two marks', () => {
  it('is seen: a closure added for the day refuses the next mark', async () => {
    expect((await mark(pupils[0]!, '/')).ok).toBe(true);
    await t.ok('calendar.addClosure', { date: MONDAY, kind: 'inset', name: 'Staff training' });
    const refused = await mark(pupils[1]!, '/');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'INVALID_INPUT', field: 'date' });
  });

  it('is seen: register times moved earlier close the register, so a change needs a reason', async () => {
    expect((await mark(pupils[0]!, '/')).ok).toBe(true);
    await t.ok('registers.setTimes', { baseId: t.parkgate.id, AM: { startsAt: '08:30', closesAt: '09:00' }, PM: { startsAt: '13:00', closesAt: '13:30' } });
    const refused = await mark(pupils[0]!, 'I');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ field: 'reason' });
    const amended = await mark(pupils[0]!, 'I', { reason: 'Parent rang at 9:20' });
    expect(amended.ok && amended.value).toEqual(await afresh());
  });

  it('is seen: a member of staff renamed shows under their new name', async () => {
    expect((await mark(pupils[0]!, '/')).ok).toBe(true);
    const me = (await t.ok('staff.list')).find((s) => s.username === 'r.ashdown')!;
    await t.ok('staff.update', { id: me.id, name: 'Robin Ashdown-Kerr' });
    const answer = await mark(pupils[1]!, '/');
    expect(answer.ok && answer.value).toMatchObject({ takenBy: 'Robin Ashdown-Kerr' });
    expect(answer.ok && answer.value.pupils.find((p) => p.pupilId === pupils[1])).toMatchObject({ markedBy: 'Robin Ashdown-Kerr' });
  });

  it('is seen: marking everyone present, then a single mark', async () => {
    expect((await mark(pupils[0]!, 'I')).ok).toBe(true);
    await t.ok('registers.markAllPresent', am());
    const answer = await mark(pupils[1]!, 'L', { minutesLate: 5 });
    expect(answer.ok && answer.value).toEqual(await afresh());
    expect(answer.ok && answer.value.unmarked).toBe(0);
  });
});

describe('what depends on the caller and the clock', () => {
  it('is worked out on every mark, never kept', async () => {
    const db = t.core.requireDb();
    const userId = (await t.ok('staff.list')).find((s) => s.username === 'r.ashdown')!.id;
    const at = (time: string, scope: RegisterContext['scope'] = { all: true }, today = MONDAY): RegisterContext => ({
      userId,
      scope,
      today,
      timeNow: time,
      now: `${today}T${time}:00.000Z`,
    });
    const input = (pupilId: string, code: string, reason?: string) => ({ ...am(), pupilId, code, minutesLate: null, ...(reason ? { reason } : {}) });
    const open = await markPupil(db, input(pupils[0]!, '/'), at('09:05'));
    expect(open.closed).toBe(false);
    // The same register, nothing changed since, but now past its close: a change needs a reason.
    await expect(markPupil(db, input(pupils[0]!, 'I'), at('09:45'))).rejects.toMatchObject({ field: 'reason' });
    // A teacher of the other base only.
    await expect(markPupil(db, input(pupils[1]!, '/'), at('09:10', { all: false, baseIds: [t.frederickBird.id] }))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      field: 'baseId',
    });
    // A clock set to the Friday before: the register is for a day still to come.
    await expect(markPupil(db, input(pupils[1]!, '/'), at('09:10', { all: true }, '2026-11-20'))).rejects.toMatchObject({ field: 'date' });
    const closed = await markPupil(db, input(pupils[0]!, 'I', 'Parent rang at 9:40'), at('09:45'));
    expect(closed).toMatchObject({ closed: true });
    expect(closed.pupils.find((p) => p.pupilId === pupils[0])).toMatchObject({ code: 'I', amendments: 1 });
  });
});

describe('the quick mark (a register already taken, kept from the last call)', () => {
  it('writes without a Kysely transaction, is on disk when the call answers, and leaves amendments to the full way', async () => {
    const db = t.core.requireDb();
    const transactions = vi.spyOn(db, 'transaction');
    /** A mark's answer, and how many Kysely transactions it ran. */
    const counted = async (...args: Parameters<typeof mark>) => {
      const before = transactions.mock.calls.length;
      const answer = await mark(...args);
      expect(answer.ok).toBe(true);
      return { register: answer.ok ? answer.value : undefined, transactions: transactions.mock.calls.length - before };
    };
    try {
      // The first mark takes the register: the full way, one transaction.
      expect((await counted(pupils[0]!, '/')).transactions).toBe(1);
      const second = await counted(pupils[1]!, 'L', { minutesLate: 7 });
      const third = await counted(pupils[0]!, null);
      expect([second.transactions, third.transactions]).toEqual([0, 0]);
      expect(third.register).toEqual(await afresh());
      expect(second.register?.pupils.find((p) => p.pupilId === pupils[1])).toMatchObject({ code: 'L', minutesLate: 7, markedBy: 'Robin Ashdown' });

      // Each call answers once what it wrote is on disk.
      const sealed = (await SealedDataFile.read(t.folder))!;
      const keyring = (await Keyring.unlockWithPassword(sealed.envelope, TEST_MANAGER.username, TEST_MANAGER.password))!.keyring;
      const onDisk = await databaseOnDisk(t.folder, keyring);
      try {
        const rows = onDisk.exec(`SELECT p.id, m.code, m.minutes_late FROM register_marks m JOIN register_people p ON p.n = m.pupil_n`)[0]!.values;
        expect(new Map(rows.map(([id, code, late]) => [id, [code, late]]))).toEqual(
          new Map([
            [pupils[0], [null, null]],
            [pupils[1], ['L', 7]],
            [pupils[2], [null, null]],
          ]),
        );
      } finally {
        onDisk.close();
      }

      // Once the register has closed, a change to a mark is an amendment: the full way, though the register is kept.
      await t.ok('registers.setTimes', { baseId: t.parkgate.id, AM: { startsAt: '08:30', closesAt: '09:00' }, PM: { startsAt: '13:00', closesAt: '13:30' } });
      expect((await counted(pupils[2]!, 'U')).transactions).toBe(1);
      const amended = await counted(pupils[1]!, 'I', { reason: 'Parent rang at 9:00' });
      expect(amended.transactions).toBe(1);
      expect(amended.register?.pupils.find((p) => p.pupilId === pupils[1])).toMatchObject({ code: 'I', amendments: 1 });
      expect(amended.register).toEqual(await afresh());
    } finally {
      transactions.mockRestore();
    }
  });

  it('writes nothing when SQLite refuses the mark, and the next mark works', async () => {
    const db = t.core.requireDb();
    expect((await mark(pupils[0]!, '/')).ok).toBe(true);
    // Schema changes do not count as changed rows: the register is still the kept one.
    await sql`CREATE TEMP TRIGGER refuse_marks BEFORE UPDATE ON register_marks BEGIN SELECT RAISE(ABORT, 'refused for the test'); END`.execute(db);
    const refused = await mark(pupils[1]!, 'I');
    expect(refused.ok).toBe(false);
    await sql`DROP TRIGGER refuse_marks`.execute(db);
    const before = await afresh();
    expect(before.pupils.find((p) => p.pupilId === pupils[1])).toMatchObject({ code: null });
    const next = await mark(pupils[1]!, 'I');
    expect(next.ok && next.value).toEqual(await afresh());
  });
});
