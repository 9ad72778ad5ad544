/** What is still to do across the bases: the completion board and the Today screen. */
import type { CompletionBoard, RegisterLine, RegisterStatus, TodayBase, TodayPlacementChange, TodaySummary } from '../../../shared/api/specs/registers';
import type { Session } from '../../../shared/domain/attendance';
import { isoWeekday } from '../../../shared/domain/bank-holidays';
import { addDays } from '../../../shared/domain/dates';
import { displayName } from '../../../shared/domain/pupil-record';
import type { Db } from '../db/dialect';
import { listBasesInScope } from '../repositories/bases';
import { listReasonNotProvided, placementsStartingOrEnding, registerCounts, sessionTimes } from '../repositories/registers';
import { loadCalendar, whyNotSchoolDay, type CalendarView } from './calendar';
import { buildRegister, type RegisterContext } from './registers';
import { scopeAllowsBase } from '../scope';

/** The school days up to `today`, newest first: `count` of them. */
function recentSchoolDays(today: string, count: number, calendar: CalendarView): string[] {
  const days: string[] = [];
  for (let d = new Date(`${today}T00:00:00Z`), guard = 0; days.length < count && guard < 120; guard++, d.setUTCDate(d.getUTCDate() - 1)) {
    const iso = d.toISOString().slice(0, 10);
    if (calendar.isSchoolDay(iso)) days.push(iso);
  }
  return days;
}

/**
 * Registers missing or incomplete at each base the caller works at, for today and the 10 school days
 * before it, and N marks (no reason yet) older than 5 school days.
 */
export async function completionBoard(db: Db, ctx: RegisterContext): Promise<CompletionBoard> {
  const calendar = await loadCalendar(db);
  const bases = await listBasesInScope(db, ctx.today, ctx.scope);
  const days = recentSchoolDays(ctx.today, 11, calendar);
  const registers: RegisterStatus[] = [];
  if (days.length > 0) {
    const counts = await registerCounts(db, days.at(-1)!, days[0]!);
    const taken = new Map(counts.map((c) => [`${c.base_id}|${c.date}|${c.session}`, c]));
    for (const day of days) {
      for (const base of bases) {
        for (const session of ['AM', 'PM'] as const) {
          const found = taken.get(`${base.id}|${day}|${session}`);
          if (found && Number(found.unmarked ?? 0) === 0) continue;
          if (!found) {
            // Not taken: missing only if someone was expected at the Key that session.
            const register = await buildRegister(db, { baseId: base.id, date: day, session }, ctx, calendar);
            if (register.pupils.length === 0) continue;
            if (day === ctx.today && ctx.timeNow < register.startsAt) continue;
            registers.push({ baseId: base.id, baseName: base.name, date: day, session, state: 'not-taken', expected: register.pupils.length, unmarked: register.pupils.length });
            continue;
          }
          registers.push({
            baseId: base.id,
            baseName: base.name,
            date: day,
            session,
            state: found.submitted_at ? 'submitted' : 'open',
            expected: Number(found.expected),
            unmarked: Number(found.unmarked ?? 0),
          });
        }
      }
    }
  }
  const fiveDaysAgo = recentSchoolDays(ctx.today, 6, calendar).at(-1);
  const overdue = fiveDaysAgo ? await listReasonNotProvided(db, fiveDaysAgo) : [];
  return {
    registers,
    overdueReasons: overdue
      .filter((r) => scopeAllowsBase(ctx.scope, r.base_id))
      .map((r) => ({
        pupilId: r.pupil_id,
        name: displayName({ legalFirstName: r.legal_first_name, legalLastName: r.legal_last_name, preferredName: r.preferred_name }),
        baseName: r.base_name,
        date: r.date,
        session: r.session as Session,
      })),
  };
}

/** This session: the morning until the base's afternoon register starts, then the afternoon. */
export async function currentSession(db: Db, baseId: string, timeNow: string): Promise<Session> {
  const afternoon = await sessionTimes(db, baseId, 'PM');
  return timeNow < afternoon.startsAt ? 'AM' : 'PM';
}

/**
 * The Today screen in one call: for each base the caller works at, this session's register and its
 * state, who is expected at the Key and who is at their home school (from the same register a teacher
 * opens), and the placements starting and ending this week (Monday to Sunday).
 */
export async function todaySummary(db: Db, ctx: RegisterContext): Promise<TodaySummary> {
  const calendar = await loadCalendar(db);
  const weekFrom = addDays(ctx.today, 1 - isoWeekday(ctx.today));
  const weekTo = addDays(weekFrom, 6);
  const bases = await listBasesInScope(db, ctx.today, ctx.scope);
  const summaries: TodayBase[] = [];
  for (const base of bases) {
    const changes = await placementsStartingOrEnding(db, base.id, weekFrom, weekTo);
    const change = (date: string | null) => (c: (typeof changes)[number]): TodayPlacementChange[] =>
      date && date >= weekFrom && date <= weekTo
        ? [{ placementId: c.placementId, pupilId: c.pupilId, name: displayName(c), homeSchoolName: c.homeSchoolName, date }]
        : [];
    const byDateThenName = (a: TodayPlacementChange, b: TodayPlacementChange) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name, 'en-GB');
    const startingThisWeek = changes.flatMap((c) => change(c.startDate)(c)).sort(byDateThenName);
    const endingThisWeek = changes.flatMap((c) => change(c.endDate)(c)).sort(byDateThenName);
    const summary: TodayBase = {
      baseId: base.id,
      baseName: base.name,
      noSchool: null,
      register: null,
      atKey: [],
      atHomeSchool: [],
      startingThisWeek,
      endingThisWeek,
    };
    if (!calendar.isSchoolDay(ctx.today)) {
      summaries.push({ ...summary, noSchool: whyNotSchoolDay(ctx.today, calendar) });
      continue;
    }
    const session = await currentSession(db, base.id, ctx.timeNow);
    const register = await buildRegister(db, { baseId: base.id, date: ctx.today, session }, ctx, calendar);
    const pupil = (l: RegisterLine) => ({ pupilId: l.pupilId, name: l.name, homeSchoolName: l.homeSchoolName });
    summaries.push({
      ...summary,
      register: {
        session,
        state: register.state,
        startsAt: register.startsAt,
        closesAt: register.closesAt,
        expected: register.pupils.length,
        unmarked: register.unmarked,
      },
      atKey: register.pupils.map(pupil),
      atHomeSchool: register.atHomeSchool.map(pupil),
    });
  }
  return { date: ctx.today, weekFrom, weekTo, bases: summaries };
}
