import type { Session } from '../../../shared/domain/attendance';
import type { Base } from '../../../shared/domain/bases';
import { addDays } from '../../../shared/domain/dates';
import { addMinutes } from '../../../shared/domain/register-settings';
import type { Db } from '../db/dialect';
import { sessionTimes } from '../repositories/registers';
import { loadCalendar } from '../services/calendar';
import { keyDays } from '../services/registers';
import { amendDemoRegisters, takeDemoRegister, type DemoAmendment, type DemoMark } from './register-taking';
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
 * register was never taken, and one N older than 5 school days still has no reason. Each register is
 * taken, submitted and amended through the register services, on its day and at its time, so a mark
 * the services would refuse stops the demo.
 */
export async function fillDemoRegisters(
  db: Db,
  random: Random,
  options: { today: string; now: string; bases: readonly Base[]; takenBy: string; takenByAt?: Readonly<Record<string, string>>; amendedBy: string },
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

  const times = new Map<string, { startsAt: string; closesAt: string }>();
  for (const base of options.bases) {
    for (const session of SESSIONS) {
      const t = await sessionTimes(db, base.id, session);
      times.set(`${base.id}|${session}`, { startsAt: t.startsAt, closesAt: addMinutes(t.startsAt, t.openMinutes) });
    }
  }

  const amendments: DemoAmendment[] = [];
  for (const date of schoolDays) {
    // The day's plan per pupil: away all day, one session (an appointment), late in the morning, or in.
    const today = new Map<string, Record<Session, DemoMark | null>>();
    for (const base of options.bases) {
      const expected = placements.filter((p) => p.baseId === base.id && p.startDate <= date && (p.endDate === null || p.endDate >= date) && p.keyDays.has(date));
      if (expected.length === 0) continue;
      for (const p of expected) {
        if (today.has(p.pupilId)) continue;
        let day: Record<Session, DemoMark | null> = { AM: null, PM: null };
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
        const marks = new Map<string, DemoMark>();
        for (const p of expected) {
          const mark = today.get(p.pupilId)![session];
          if (!mark) continue;
          marks.set(p.pupilId, mark);
          const amend = (code: string, reason: string, daysLater: number) =>
            amendments.push({ baseId: base.id, date, session, pupilId: p.pupilId, code, reason, on: addDays(date, daysLater), time: `1${random.int(0, 5)}:${String(random.int(10, 59))}` });
          if (mark.code === 'N') {
            const waiting = date === unresolvedOn && session === 'AM' && p.pupilId === unresolvedPupil;
            if (!waiting && date < stillWaitingFrom) {
              const [code, reason] = random.weighted(REASONS_GIVEN);
              amend(code, reason, random.int(1, 2));
            }
          } else if (mark.code === 'O' && random.chance(0.3)) amend('I', 'Parent rang later: unwell that morning', 1);
        }
        await takeDemoRegister(db, random, {
          baseId: base.id,
          date,
          session,
          takenBy: options.takenByAt?.[base.id] ?? options.takenBy,
          ...times.get(`${base.id}|${session}`)!,
          expected: expected.map((p) => p.pupilId),
          marks,
        });
      }
    }
  }
  await amendDemoRegisters(db, amendments, options.amendedBy, options.now);
}
