import type { Insertable } from 'kysely';
import type { Session } from '../../../shared/domain/attendance';
import type { Base } from '../../../shared/domain/bases';
import { addDays } from '../../../shared/domain/dates';
import { addMinutes } from '../../../shared/domain/register-settings';
import type { Db } from '../db/dialect';
import type { DbRegisterAmendment, DbRegisterMark } from '../db/schema';
import { insertRegister, markSubmitted, personNumber, sessionTimes } from '../repositories/registers';
import { loadCalendar } from '../services/calendar';
import { keyDays } from '../services/registers';
import { londonInstant } from './clock';
import type { Random } from './random';

/** Why a pupil was away, as often as the Key sees each (illness far the most). */
const ABSENCES = [
  ['I', 40],
  ['M', 12],
  ['O', 6],
  ['G', 2],
  ['C', 4],
  ['E', 3],
] as const;

/** What a reason given later turns an N (no reason yet) into. */
const REASONS_GIVEN: ReadonlyArray<readonly [readonly [code: string, reason: string], number]> = [
  [['I', 'Parent rang: unwell that day'], 6],
  [['M', 'Appointment letter brought in: dental check-up'], 3],
  [['C', 'Family emergency, agreed by the head of the base'], 1],
];

/** The 4th school day before today (last week) at the first base: its afternoon register was never taken. */
const MISSING_DAYS_BACK = 4;
/** The N still without a reason is from this many school days ago (older than 5). */
const UNRESOLVED_N_DAYS_BACK = 8;

const SESSIONS: readonly Session[] = ['AM', 'PM'];

interface DemoPlacement {
  placementId: string;
  pupilId: string;
  baseId: string;
  startDate: string;
  endDate: string | null;
  keyDays: Set<string>;
  /** How likely this pupil is to be away on a day at the Key: most rarely, a few often. */
  awayChance: number;
  /** An illness carries on to the next day now and then. */
  illUntil: string | null;
}

/**
 * Registers for every demo placement from its first day up to yesterday, as teachers would have taken
 * them: who was expected at the Key fixed from each placement's plan, most pupils present, some late
 * (with minutes) or absent for a reason, a few pupils away often, N (no reason yet) amended once a
 * parent rings, an O amended now and then, every past register submitted. Last week one afternoon
 * register was never taken, and one N older than 5 school days still has no reason. Written straight
 * to the tables in bulk (the rules come from the same functions the services use) so a demo file is
 * made in seconds.
 */
export async function fillDemoRegisters(
  db: Db,
  random: Random,
  options: { today: string; bases: readonly Base[]; takenBy: string; takenByAt?: Readonly<Record<string, string>>; amendedBy: string },
): Promise<void> {
  const calendar = await loadCalendar(db);
  const yesterday = addDays(options.today, -1);
  const rows = await db
    .selectFrom('placements')
    .select(['id', 'pupil_id', 'base_id', 'start_date', 'end_date', 'home_school_day', 'phases'])
    .where('decision', '=', 'accepted')
    .where('start_date', 'is not', null)
    .where('start_date', '<=', yesterday)
    .orderBy('start_date')
    .execute();
  const placements: DemoPlacement[] = rows.map((r) => ({
    placementId: r.id,
    pupilId: r.pupil_id,
    baseId: r.base_id!,
    startDate: r.start_date!,
    endDate: r.end_date,
    keyDays: keyDays({ startDate: r.start_date!, endDate: r.end_date, homeSchoolDay: r.home_school_day, phases: r.phases }, calendar),
    awayChance: random.chance(0.15) ? 0.08 + random.next() * 0.08 : 0.01 + random.next() * 0.04,
    illUntil: null,
  }));
  if (placements.length === 0) return;

  const schoolDays: string[] = [];
  for (let day = placements[0]!.startDate; day <= yesterday; day = addDays(day, 1)) if (calendar.isSchoolDay(day)) schoolDays.push(day);
  const daysBack = (n: number) => schoolDays.at(-n);
  const missing = { date: daysBack(MISSING_DAYS_BACK), baseId: options.bases[0]?.id, session: 'PM' as Session };
  const unresolvedOn = daysBack(UNRESOLVED_N_DAYS_BACK);
  /** Recent enough that a reason may still come: N marks from the last 3 school days stay N. */
  const stillWaitingFrom = daysBack(3) ?? yesterday;
  let unresolvedPupil: string | null = null;

  const people = new Map<string, number>();
  const person = async (id: string) => {
    let n = people.get(id);
    if (n === undefined) people.set(id, (n = await personNumber(db, id)));
    return n;
  };
  const times = new Map<string, { startsAt: string; closesAt: string }>();
  for (const base of options.bases) {
    for (const session of SESSIONS) {
      const t = await sessionTimes(db, base.id, session);
      times.set(`${base.id}|${session}`, { startsAt: t.startsAt, closesAt: addMinutes(t.startsAt, t.openMinutes) });
    }
  }

  const marks: Array<Insertable<DbRegisterMark>> = [];
  const amendments: Array<Insertable<DbRegisterAmendment>> = [];
  const amendedBy = options.amendedBy;
  for (const date of schoolDays) {
    // The day's plan per pupil: away all day, one session (an appointment), late in the morning, or in.
    const today = new Map<string, Record<Session, { code: string; minutesLate: number | null }>>();
    for (const base of options.bases) {
      const placed = placements.filter((p) => p.baseId === base.id && p.startDate <= date && (p.endDate === null || p.endDate >= date));
      const expected = placed.filter((p) => p.keyDays.has(date));
      if (expected.length === 0) continue;
      for (const p of expected) {
        if (today.has(p.pupilId)) continue;
        const present = (session: Session) => ({ code: session === 'AM' ? '/' : '\\', minutesLate: null });
        let day: Record<Session, { code: string; minutesLate: number | null }> = { AM: present('AM'), PM: present('PM') };
        if (p.illUntil && date <= p.illUntil) day = { AM: { code: 'I', minutesLate: null }, PM: { code: 'I', minutesLate: null } };
        else if (random.chance(p.awayChance)) {
          const code = random.weighted(ABSENCES);
          if (code === 'M') day[random.chance(0.5) ? 'AM' : 'PM'] = { code: 'M', minutesLate: null };
          else {
            // Some absences reach the register with no reason yet (N), to be amended when a parent rings.
            const recorded = code !== 'E' && random.chance(0.2) ? 'N' : code;
            day = { AM: { code: recorded, minutesLate: null }, PM: { code: recorded, minutesLate: null } };
            if (code === 'I' && random.chance(0.4)) p.illUntil = addDays(date, random.int(1, 2));
          }
        } else if (random.chance(0.05)) day.AM = { code: 'L', minutesLate: random.int(3, 25) };
        else if (random.chance(0.01)) day.PM = { code: 'U', minutesLate: null };
        // The morning absence still waiting for a reason: the first pupil expected at the first base that day.
        if (date === unresolvedOn && unresolvedPupil === null && base.id === options.bases[0]?.id) {
          unresolvedPupil = p.pupilId;
          day.AM = { code: 'N', minutesLate: null };
        }
        today.set(p.pupilId, day);
      }
      for (const session of SESSIONS) {
        if (date === missing.date && base.id === missing.baseId && session === missing.session) continue;
        const { startsAt, closesAt } = times.get(`${base.id}|${session}`)!;
        const takenBy = options.takenByAt?.[base.id] ?? options.takenBy;
        const takenAt = londonInstant(date, startsAt);
        const registerN = await insertRegister(db, { baseId: base.id, date, session }, takenBy, takenAt);
        await markSubmitted(db, registerN, takenBy, londonInstant(date, closesAt));
        const markedBy = await person(takenBy);
        for (const p of placed) {
          const isExpected = p.keyDays.has(date);
          const mark = isExpected ? today.get(p.pupilId)![session] : null;
          const pupilN = await person(p.pupilId);
          marks.push({
            register_n: registerN,
            pupil_n: pupilN,
            placement_id: p.placementId,
            expected: isExpected ? 1 : 0,
            code: mark?.code ?? null,
            minutes_late: mark?.minutesLate ?? null,
            marked_by: mark ? markedBy : null,
            marked_at: mark ? Math.floor(Date.parse(takenAt) / 1000) + random.int(30, 600) : null,
            note: null,
          });
          if (!mark) continue;
          const amend = (newCode: string, reason: string, daysLater: number) => {
            const last = marks.at(-1)!;
            amendments.push({
              register_n: registerN,
              pupil_n: pupilN,
              seq: 1,
              old_code: mark.code,
              old_minutes_late: null,
              new_code: newCode,
              new_minutes_late: null,
              reason,
              amended_by: amendedBy,
              amended_at: londonInstant(addDays(date, daysLater), `1${random.int(0, 5)}:${String(random.int(10, 59))}`),
            });
            last.code = newCode;
          };
          if (mark.code === 'N') {
            const waiting = date === unresolvedOn && session === 'AM' && p.pupilId === unresolvedPupil;
            if (!waiting && date < stillWaitingFrom) {
              const [code, reason] = random.weighted(REASONS_GIVEN);
              amend(code, reason, random.int(1, 2));
            }
          } else if (mark.code === 'O' && random.chance(0.3)) amend('I', 'Parent rang later: unwell that morning', 1);
        }
      }
    }
  }
  for (let i = 0; i < marks.length; i += 500) await db.insertInto('register_marks').values(marks.slice(i, i + 500)).execute();
  for (let i = 0; i < amendments.length; i += 500) await db.insertInto('register_amendments').values(amendments.slice(i, i + 500)).execute();
}
