import type { Base } from '../../../shared/domain/bases';
import { addDays } from '../../../shared/domain/dates';
import type { Db } from '../db/dialect';
import { loadCalendar } from '../services/calendar';
import { getRegister, markAllPresent, markPupil, submitRegister, type RegisterContext } from '../services/registers';
import type { Random } from './random';

/** School days of registers the demo fills in, back from yesterday: enough for weekly charts and a to-do list. */
export const DEMO_REGISTER_DAYS = 20;

const ABSENCES = [
  ['I', 40],
  ['M', 12],
  ['O', 6],
  ['G', 2],
  ['C', 4],
  ['E', 3],
  ['U', 3],
] as const;

/**
 * Registers taken through the same services a teacher's keystrokes call, for the last school days up to
 * yesterday: most pupils present, some late or absent, a few marks amended afterwards with a reason, one
 * register missing last week, and an N (no reason yet) older than 5 school days.
 */
export async function fillDemoRegisters(db: Db, random: Random, options: { today: string; bases: readonly Base[]; takenBy: string; now: string }) {
  const calendar = await loadCalendar(db);
  const days: string[] = [];
  for (let day = addDays(options.today, -1), guard = 0; days.length < DEMO_REGISTER_DAYS && guard < 120; day = addDays(day, -1), guard++) {
    if (calendar.isSchoolDay(day)) days.push(day);
  }
  days.reverse();
  const ctx: RegisterContext = { userId: options.takenBy, scope: { all: true }, today: options.today, timeNow: '12:00', now: options.now };
  // Last week's one missing register, and the pupil whose absence still has no reason.
  const missing = { date: days.at(-4), baseId: options.bases[0]?.id, session: 'PM' };
  let reasonStillMissing = false;
  for (const [d, date] of days.entries()) {
    for (const base of options.bases) {
      for (const session of ['AM', 'PM'] as const) {
        if (date === missing.date && base.id === missing.baseId && session === missing.session) continue;
        const key = { baseId: base.id, date, session };
        const register = await getRegister(db, key, ctx);
        if (register.pupils.length === 0) continue;
        for (const line of register.pupils) {
          if (!reasonStillMissing && d === days.length - 8) {
            reasonStillMissing = true;
            await markPupil(db, { ...key, pupilId: line.pupilId, code: 'N' }, ctx);
          } else if (random.chance(0.07)) {
            await markPupil(db, { ...key, pupilId: line.pupilId, code: random.weighted(ABSENCES) }, ctx);
          } else if (session === 'AM' && random.chance(0.04)) {
            await markPupil(db, { ...key, pupilId: line.pupilId, code: 'L', minutesLate: random.int(3, 25) }, ctx);
          }
        }
        await markAllPresent(db, key, ctx);
        const taken = await submitRegister(db, key, ctx);
        // Now and then a parent rings afterwards: the mark is amended, the original kept.
        const absent = taken.pupils.find((l) => l.code === 'O');
        if (absent && random.chance(0.5)) {
          await markPupil(db, { ...key, pupilId: absent.pupilId, code: 'I', reason: 'Parent rang later: unwell that morning' }, ctx);
        }
      }
    }
  }
}
