import type { ParsedInput } from '../../../shared/api/contract';
import type { Session } from '../../../shared/domain/attendance';
import { addMinutes, minutesOfDay, type BaseRegisterTimes, type RegisterSettings } from '../../../shared/domain/register-settings';
import type { Db } from '../db/dialect';
import { UserError } from '../errors';
import { findBase, listBases } from '../repositories/bases';
import { getHomeSchoolAttendedCode, setHomeSchoolAttendedCode } from '../repositories/provision';
import { DEFAULT_OPEN_MINUTES, DEFAULT_SESSION_TIMES, listSessionTimes, setSessionTimes } from '../repositories/registers';

/**
 * The provision's register settings: when each base's registers open and close, and the code home
 * schools enter for a session the pupil attended the Key. Both are low-volume rows the audit triggers
 * record (base_sessions, provision), so every change shows in the audit trail with who made it.
 */

async function registerTimes(db: Db, today: string): Promise<BaseRegisterTimes[]> {
  const stored = await listSessionTimes(db);
  const times = (baseId: string, session: Session) => {
    const row = stored.find((r) => r.baseId === baseId && r.session === session);
    const startsAt = row?.startsAt ?? DEFAULT_SESSION_TIMES[session];
    return { startsAt, closesAt: addMinutes(startsAt, row?.openMinutes ?? DEFAULT_OPEN_MINUTES) };
  };
  return (await listBases(db, today)).map((base) => ({ baseId: base.id, baseName: base.name, AM: times(base.id, 'AM'), PM: times(base.id, 'PM') }));
}

export async function registerSettings(db: Db, today: string): Promise<RegisterSettings> {
  return { bases: await registerTimes(db, today), homeSchoolAttendedCode: await getHomeSchoolAttendedCode(db) };
}

/** Sets when a base's morning and afternoon registers open and close (checked by the contract: 1–30 minutes, afternoon after morning). */
export async function setRegisterTimes(db: Db, input: ParsedInput<'registers.setTimes'>, today: string): Promise<BaseRegisterTimes> {
  return db.transaction().execute(async (tx) => {
    if (!(await findBase(tx, input.baseId, today))) throw new UserError('NOT_FOUND', 'That base is not one Key Desk knows. It may have been removed.', 'baseId');
    for (const session of ['AM', 'PM'] as const) {
      const { startsAt, closesAt } = input[session];
      await setSessionTimes(tx, input.baseId, session, startsAt, minutesOfDay(closesAt) - minutesOfDay(startsAt));
    }
    const saved = (await registerTimes(tx, today)).find((b) => b.baseId === input.baseId);
    if (!saved) throw new Error('Base vanished while its register times were saved');
    return saved;
  });
}

export async function setHomeSchoolCode(db: Db, input: ParsedInput<'registers.setHomeSchoolCode'>, today: string): Promise<RegisterSettings> {
  await setHomeSchoolAttendedCode(db, input.attendedCode);
  return registerSettings(db, today);
}
