import type { Base } from '../../../shared/domain/bases';
import { addDays } from '../../../shared/domain/dates';
import { isoWeekday } from '../../../shared/domain/bank-holidays';
import { baseTakes, type Outcome, type PanelDecision } from '../../../shared/domain/placements';
import type { Pathway, SenStatus } from '../../../shared/domain/pupil-record';
import { academicYearOf, keyStageFor, yearGroupFor } from '../../../shared/domain/pupils';
import type { Timetable } from '../../../shared/domain/timetable';
import { pupilChooser, type DemoPupil } from './people';
import type { Random } from './random';
import * as say from './wording';

/**
 * The demo's story: who is referred, when, to which base, and how it turns out. Only choices live
 * here; every step is then recorded by the services a user's actions call (`DemoActions`), which work
 * out the timetables, the history and the places, and refuse whatever a user could not do.
 */

/** One referral, step by step, each dated the day staff record it. */
export interface DemoReferral {
  pupil: DemoPupil;
  referredOn: string;
  reason: string;
  tried: string | null;
  decision: { decision: PanelDecision; on: string; notes: string | null; base: Base | null } | null;
  /** Each visit's date, or why it was skipped (recorded the day of the other visit). */
  visits: { keyVisitOn: string | null; keyVisitSkipped: string | null; homeVisitOn: string | null; homeVisitSkipped: string | null } | null;
  start: { on: string; agreedOn: string } | null;
  end: { on: string; outcome: Outcome; notes: string | null } | null;
  /** What changed on the pupil's record when the placement ended (a new school, an EHCP). */
  afterEnd: { homeSchool?: number; senStatus?: SenStatus; pathway?: Pathway } | null;
  followUps: Array<{ on: string; notes: string }>;
}

/** What the story asks of the app: recording a referral's steps through the services, and what a user would see before choosing. */
export interface DemoActions {
  /** Records every step of the referral, each on its own day; the placement's id. */
  play(referral: DemoReferral): Promise<string>;
  /** Whether the base has a free place from `start` to `end`, with the placements recorded so far. */
  hasRoom(base: Base, start: string, end: string): Promise<boolean>;
  /** Agrees, on `on`, the first start from `from` that the agree-start dialog accepts (it offers the first free one). */
  agreeFirstStartFrom(placementId: string, from: string, on: string): Promise<void>;
}

export interface StoryContext {
  today: string;
  bases: readonly Base[];
  isSchoolDay: (date: string) => boolean;
  /** The plan a start date would get, as the agree-start dialog previews it. */
  preview: (start: string) => Timetable;
}

/** How full Frederick Bird is today, as a share of its places (Parkgate is full). */
const SMALL_BASE_FILL = 0.85;
/** The placement's length in school weeks: pupils are placed today in each of them. */
const WEEKS = 26;

/** Placements that ended before today: how long ago, how, and (for an early end) in which week. */
const ENDED: ReadonlyArray<{ outcome: Outcome; weeksAgo: [number, number]; endWeek?: [number, number]; followUp?: boolean }> = [
  { outcome: 'returned-full-time', weeksAgo: [2, 6] },
  { outcome: 'returned-full-time', weeksAgo: [8, 16], followUp: true },
  { outcome: 'returned-full-time', weeksAgo: [16, 28], followUp: true },
  { outcome: 'returned-full-time', weeksAgo: [28, 40] },
  { outcome: 'moved-school', weeksAgo: [10, 24], endWeek: [6, 11] },
  { outcome: 'special-school', weeksAgo: [20, 36], endWeek: [14, 20] },
];


export async function tellStory(random: Random, ctx: StoryContext, act: DemoActions): Promise<void> {
  const { today, bases, isSchoolDay, preview } = ctx;
  const large = [...bases].sort((a, b) => b.places - a.places)[0];
  const small = bases.find((b) => b !== large && b.keyStages.length === 1) ?? bases.find((b) => b !== large);
  if (!large || !small) throw new Error('The demo needs two bases');

  // --- School days -------------------------------------------------------------------------
  const onOrAfter = (date: string): string => {
    for (let d = date, i = 0; i < 400; d = addDays(d, 1), i++) if (isSchoolDay(d)) return d;
    throw new Error(`No school day on record within a year after ${date}`);
  };
  const onOrBefore = (date: string): string => {
    for (let d = date, i = 0; i < 400; d = addDays(d, -1), i++) if (isSchoolDay(d)) return d;
    throw new Error(`No school day on record within a year before ${date}`);
  };
  const daysBack = (from: string, min: number, max: number) => onOrBefore(addDays(from, -random.int(min, max)));
  /** The last school day so far: "this week" of a placement is the week it falls in. */
  const lastSchoolDay = onOrBefore(today);
  /** The school days of the weeks before (and including) this one, newest first, counting only weeks with any. */
  const schoolWeeks: string[][] = [];
  for (let monday = addDays(lastSchoolDay, 1 - isoWeekday(lastSchoolDay)), guard = 0; schoolWeeks.length < WEEKS && guard < 104; monday = addDays(monday, -7), guard++) {
    const days = [0, 1, 2, 3, 4].map((i) => addDays(monday, i)).filter((d) => d <= lastSchoolDay && isSchoolDay(d));
    if (days.length > 0) schoolWeeks.push(days);
  }
  const plannedEnd = (start: string) => preview(start).endDate;

  const { newPupil, yearsFor, schoolsFor } = pupilChooser(random, today);

  const referral = (pupil: DemoPupil, referredOn: string): DemoReferral => ({
    pupil,
    referredOn,
    reason: random.pick(say.REFERRAL_REASONS),
    tried: random.chance(0.9) ? random.pick(say.TRIED) : null,
    decision: null,
    visits: null,
    start: null,
    end: null,
    afterEnd: null,
    followUps: [],
  });

  /**
   * A referral accepted at `base`, with both visits done by `visitsBy` (a school day), each step a
   * few school days after the one before, as a panel and the Key's staff work. The pupil is given, or
   * chosen once the panel's date is known.
   */
  const accepted = (who: DemoPupil | ((dates: string[]) => DemoPupil), base: Base, visitsBy: string, skip?: 'key' | 'home'): DemoReferral => {
    const homeVisitOn = onOrBefore(visitsBy);
    const keyVisitOn = daysBack(homeVisitOn, 1, 6);
    const decidedOn = daysBack(keyVisitOn, 5, 14);
    const referredOn = daysBack(decidedOn, 14, 35);
    const pupil = typeof who === 'function' ? who([referredOn, decidedOn]) : who;
    const r = referral(pupil, referredOn);
    r.decision = { decision: 'accepted', on: decidedOn, notes: random.pick(say.ACCEPTED_NOTES), base };
    r.visits = {
      keyVisitOn: skip === 'key' ? null : keyVisitOn,
      keyVisitSkipped: skip === 'key' ? say.SKIPPED_VISIT.key : null,
      homeVisitOn: skip === 'home' ? null : homeVisitOn,
      homeVisitSkipped: skip === 'home' ? say.SKIPPED_VISIT.home : null,
    };
    return r;
  };

  // --- Placed today: Parkgate full, Frederick Bird nearly; together every week of the plan ----
  const smallCount = Math.min(small.places, Math.round(small.places * SMALL_BASE_FILL));
  const total = large.places + smallCount;
  const allWeeks = Array.from({ length: WEEKS }, (_, i) => i + 1);
  const weeks = random.shuffle([...allWeeks, ...Array.from({ length: Math.max(0, total - allWeeks.length) }, () => random.int(1, WEEKS))]).slice(0, total);
  const current: Array<{ r: DemoReferral; base: Base; week: number }> = [];
  weeks.forEach((wanted, i) => {
    const base = i < smallCount ? small : large;
    // On a weekend or in a holiday a placement in its last week may already have planned its end:
    // take the week before, so everyone counted here is placed today.
    for (let week = wanted; week >= 1; week--) {
      const days = schoolWeeks[week - 1];
      if (!days) continue;
      const startDate = random.pick(days);
      const end = plannedEnd(startDate);
      if (end < today) continue;
      // The base takes the pupil on every day of the plan, as agreeing the start checks.
      const pupil = (dates: string[]) => newPupil(startDate, { base, also: [...dates, end] });
      const r = accepted(pupil, base, daysBack(startDate, 4, 12), random.chance(0.08) ? 'home' : undefined);
      r.start = { on: startDate, agreedOn: daysBack(startDate, 1, 3) };
      current.push({ r, base, week });
      return;
    }
    throw new Error('No school week to start a demo placement in');
  });

  // One pupil came back: an earlier placement at the same base ended before this one was referred.
  // Old enough to have been at primary school a year or two ago.
  const candidates = current.filter((c) => c.base === large && c.r.start && yearGroupFor(c.r.pupil.dateOfBirth, academicYearOf(c.r.start.on)) >= 3);
  const back = candidates.find((c) => c.week >= 3 && c.week <= 12) ?? candidates[0];
  for (const c of current) if (c !== back) await act.play(c.r);

  // --- Ended: mostly back at school full time; one moved, one to a special school -------------
  const ended = async (spec: (typeof ENDED)[number], latestEnd: string, returning?: { pupil: DemoPupil; base: Base }) => {
    const [minAgo, maxAgo] = spec.weeksAgo;
    const targetEnd = addDays(today, -7 * random.int(minAgo, maxAgo));
    // 26 school weeks are about 31 calendar weeks with the holidays.
    let target = addDays(targetEnd, -7 * 31);
    for (let attempt = 0; attempt < 30; attempt++, target = addDays(target, -14)) {
      const startDate = onOrAfter(target);
      const timetable = preview(startDate);
      let endDate = timetable.endDate;
      if (spec.endWeek) {
        const week = random.int(spec.endWeek[0], spec.endWeek[1]);
        endDate = timetable.days.filter((d) => d.week <= week).at(-1)?.date ?? endDate;
      }
      if (endDate > latestEnd) continue;
      const stageOn = (date: string) => (returning ? keyStageFor(yearGroupFor(returning.pupil.dateOfBirth, academicYearOf(date))) : null);
      const takesThroughout = (b: Base) => baseTakes(b.keyStages, stageOn(startDate)) && baseTakes(b.keyStages, stageOn(timetable.endDate));
      const years = spec.outcome === 'special-school' ? [2, 3, 4] : undefined;
      const someoneFits = (b: Base) => yearsFor(startDate, { base: b, years, also: [timetable.endDate] }).length > 0;
      const choices = returning ? (takesThroughout(returning.base) ? [returning.base] : []) : (random.chance(0.65) ? [large, small] : [small, large]).filter(someoneFits);
      // Agreeing the start checks a place to the planned end, whenever the placement ends.
      let base: Base | undefined;
      for (const b of choices) if (!base && (await act.hasRoom(b, startDate, timetable.endDate))) base = b;
      if (!base) continue;
      const atBase = base;
      const r = accepted(returning?.pupil ?? ((dates) => newPupil(startDate, { base: atBase, years, also: [...dates, timetable.endDate] })), base, daysBack(startDate, 4, 12));
      const pupil = r.pupil;
      r.start = { on: startDate, agreedOn: daysBack(startDate, 1, 3) };
      const notes = spec.outcome === 'returned-full-time' ? random.pick(say.RETURN_NOTES) : spec.outcome === 'moved-school' ? say.MOVED_NOTE : say.SPECIAL_SCHOOL_NOTE;
      r.end = { on: endDate, outcome: spec.outcome, notes };
      if (spec.outcome === 'moved-school') {
        const yearNow = yearGroupFor(pupil.dateOfBirth, academicYearOf(today));
        r.afterEnd = { homeSchool: random.pick(schoolsFor(yearNow).filter((s) => s !== pupil.homeSchool)) };
      }
      if (spec.outcome === 'special-school') r.afterEnd = { senStatus: 'ehcp', pathway: 'specialist-semh' };
      if (spec.followUp) {
        // A few weeks after the return; straight after it when a holiday fills those weeks.
        const target = addDays(endDate, random.int(21, 42));
        let on = onOrBefore(target < today ? target : addDays(today, -1));
        if (on <= endDate) on = onOrAfter(addDays(endDate, 1));
        if (on < today) r.followUps.push({ on, notes: random.pick(say.FOLLOW_UP_NOTES) });
      }
      await act.play(r);
      return;
    }
    throw new Error('No room for an ended demo placement');
  };
  if (back) {
    // The first placement before the second is referred: a pupil has one open referral at a time.
    const latestEnd = daysBack(back.r.referredOn, 28, 42);
    await ended({ outcome: 'returned-full-time', weeksAgo: [back.week + 30, back.week + 40] }, latestEnd, { pupil: back.r.pupil, base: back.base });
    await act.play(back.r);
  }
  const lastWeek = daysBack(today, 7, 7);
  for (const spec of ENDED) await ended(spec, lastWeek);

  // --- Waiting for a place at the full base: accepted, visits done or one skipped --------------
  const waiting = random.int(2, 3);
  for (let i = 0; i < waiting; i++) {
    const pupil = (dates: string[]) => newPupil(today, { base: large, years: [3, 4, 5], also: dates });
    const r = accepted(pupil, large, daysBack(today, 3 + i * 10, 10 + i * 10), i === 1 ? 'key' : undefined);
    if (r.decision) r.decision.notes = say.WAITING_NOTE;
    await act.play(r);
  }

  // --- Accepted at the base with room, visits still to do ----------------------------------
  for (let i = random.int(1, 2); i > 0; i--) {
    const decidedOn = daysBack(today, 1, 8);
    const referredOn = daysBack(decidedOn, 14, 30);
    const r = referral(newPupil(today, { base: small, years: [0, 1], also: [referredOn, decidedOn] }), referredOn);
    r.decision = { decision: 'accepted', on: decidedOn, notes: random.pick(say.ACCEPTED_NOTES), base: small };
    await act.play(r);
  }

  // --- Start agreed: the first start from a few weeks on that keeps a place for the whole plan.
  // One only, so Frederick Bird keeps a free place for whoever explores the demo to agree a start.
  // Reception or Year 1, so the base takes the pupil whichever start is free.
  {
    const from = onOrAfter(addDays(today, random.int(7, 28)));
    const agreedOn = daysBack(today, 0, 1);
    const pupil = (dates: string[]) => newPupil(from, { base: small, years: [0, 1], also: [...dates, plannedEnd(from)] });
    const id = await act.play(accepted(pupil, small, daysBack(today, 2, 10)));
    await act.agreeFirstStartFrom(id, from, agreedOn);
  }

  // --- Waiting for panel, deferred, declined ---------------------------------------------------
  const referredBy = (referredOn: string) => referral(newPupil(today, { also: [referredOn] }), referredOn);
  for (let i = random.int(2, 3); i > 0; i--) await act.play(referredBy(daysBack(today, 2, 25)));
  {
    const decidedOn = daysBack(today, 7, 21);
    const r = referredBy(daysBack(decidedOn, 14, 30));
    r.decision = { decision: 'deferred', on: decidedOn, notes: say.DEFERRED_NOTE, base: null };
    await act.play(r);
  }
  {
    const decidedOn = daysBack(today, 20, 60);
    const r = referredBy(daysBack(decidedOn, 14, 30));
    r.decision = { decision: 'declined', on: decidedOn, notes: say.DECLINED_NOTE, base: null };
    await act.play(r);
  }
}
