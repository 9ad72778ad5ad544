import type { Base } from '../../../shared/domain/bases';
import { addDays } from '../../../shared/domain/dates';
import { isoWeekday } from '../../../shared/domain/bank-holidays';
import { baseTakes, firstFreeStart, firstFullDay, planStageProblem, type Occupancy, type Outcome, type PanelDecision } from '../../../shared/domain/placements';
import { dateOfBirthProblem, type Pathway, type SenStatus } from '../../../shared/domain/pupil-record';
import { academicYearOf, keyStageFor, withCheckLetter, yearGroupFor } from '../../../shared/domain/pupils';
import { DEFAULT_TIMETABLE_RULES, planTimetable, type Timetable } from '../../../shared/domain/timetable';
import { ADULT_MEN, ADULT_WOMEN, FIRST_NAMES, genderFor, LAST_NAMES, PREFERRED_NAMES, STAFF_LAST_NAMES } from './names';
import type { Random } from './random';
import { DEMO_SCHOOLS } from './schools';
import * as say from './wording';

/** Everything the demo puts on record, before it is written: the rows as the services would leave them. */
export interface DemoPlan {
  schools: Array<{ id: string; index: number }>;
  pupils: DemoPupil[];
  referrals: DemoReferral[];
}

export interface DemoContact {
  id: string;
  name: string;
  relationship: string;
  phone: string | null;
  email: string | null;
  parentalResponsibility: boolean;
}

export interface DemoPupil {
  id: string;
  legalFirstName: string;
  legalLastName: string;
  preferredName: string | null;
  dateOfBirth: string;
  gender: string | null;
  upn: string | null;
  homeSchoolId: string;
  senStatus: SenStatus;
  childInCare: boolean;
  virtualSchoolContact: string | null;
  hasPep: boolean;
  pathway: Pathway;
  notes: string | null;
  contacts: DemoContact[];
}

export interface DemoReferral {
  id: string;
  pupil: DemoPupil;
  schoolId: string;
  referredOn: string;
  reason: string;
  tried: string | null;
  decision: PanelDecision | null;
  decidedOn: string | null;
  decisionNotes: string | null;
  baseId: string | null;
  keyVisitOn: string | null;
  keyVisitSkipped: string | null;
  homeVisitOn: string | null;
  homeVisitSkipped: string | null;
  /** The day the visits were recorded: a skipped visit's step is dated then. */
  visitsRecordedOn: string | null;
  agreedOn: string | null;
  startDate: string | null;
  timetable: Timetable | null;
  reintegrationFrom: string | null;
  endDate: string | null;
  outcome: Outcome | null;
  outcomeNotes: string | null;
  followUps: Array<{ on: string; notes: string }>;
}

export interface PlanContext {
  today: string;
  bases: readonly Base[];
  isSchoolDay: (date: string) => boolean;
}

/** How full Frederick Bird is today, as a share of its places (Parkgate is full). */
const SMALL_BASE_FILL = 0.85;
const RULES = DEFAULT_TIMETABLE_RULES;
/** The first week of the phased return: the first phase with more home-school days than week 1. */
const REINTEGRATION_WEEK = RULES.phases.find((p) => p.homeDays > (RULES.phases[0]?.homeDays ?? 1))?.fromWeek ?? RULES.weeks + 1;

/** Placements that ended before today: how long ago, how, and (for an early end) in which week. */
const ENDED: ReadonlyArray<{ outcome: Outcome; weeksAgo: [number, number]; endWeek?: [number, number]; followUp?: boolean }> = [
  { outcome: 'returned-full-time', weeksAgo: [2, 6] },
  { outcome: 'returned-full-time', weeksAgo: [8, 16], followUp: true },
  { outcome: 'returned-full-time', weeksAgo: [16, 28], followUp: true },
  { outcome: 'returned-full-time', weeksAgo: [28, 40] },
  { outcome: 'moved-school', weeksAgo: [10, 24], endWeek: [6, 11] },
  { outcome: 'special-school', weeksAgo: [20, 36], endWeek: [14, 20] },
];

/** Weights for the year group of a pupil referred to the Key: mostly KS2, where exclusions peak. */
const YEAR_WEIGHTS = [1, 2, 3, 3, 3, 3, 2] as const;

export function planDemo(random: Random, ctx: PlanContext): DemoPlan {
  const { today, bases, isSchoolDay } = ctx;
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
  for (let monday = addDays(lastSchoolDay, 1 - isoWeekday(lastSchoolDay)), guard = 0; schoolWeeks.length < RULES.weeks && guard < 104; monday = addDays(monday, -7), guard++) {
    const days = [0, 1, 2, 3, 4].map((i) => addDays(monday, i)).filter((d) => d <= lastSchoolDay && isSchoolDay(d));
    if (days.length > 0) schoolWeeks.push(days);
  }

  const plan = (start: string) => {
    const timetable = planTimetable(start, isSchoolDay, RULES);
    // As the services refuse a start whose whole plan the calendar cannot hold.
    if (timetable.endedBy === 'calendar') throw new Error(`The school calendar cannot hold a whole placement from ${start}`);
    const reintegrationFrom = timetable.days.find((d) => d.week >= REINTEGRATION_WEEK)?.date ?? null;
    return { timetable, reintegrationFrom };
  };

  // --- Places -------------------------------------------------------------------------------
  const occupancy = new Map<string, Occupancy[]>(bases.map((b) => [b.id, []]));
  const hasRoom = (base: Base, start: string, end: string) => firstFullDay(occupancy.get(base.id) ?? [], base.places, start, end, isSchoolDay) === null;
  const take = (base: Base, start: string, end: string) => occupancy.get(base.id)?.push({ start, end });

  // --- Schools and pupils -------------------------------------------------------------------
  const schools = DEMO_SCHOOLS.map((_, index) => ({ id: random.uuid(), index }));
  const pupils: DemoPupil[] = [];
  const referrals: DemoReferral[] = [];
  const usedNames = new Set<string>();
  const usedUpns = new Set<string>();
  /** Infant and junior schools take only some year groups. */
  const schoolsFor = (yearNow: number) =>
    schools.filter((s) => {
      const range = DEMO_SCHOOLS[s.index]?.years ?? [0, 6];
      return range[0] <= yearNow && yearNow <= range[1];
    });
  const yearNowShift = (at: string) => academicYearOf(today) - academicYearOf(at);

  /**
   * A new pupil in a year group `base` takes on `at` and on each day in `also` (the panel checks the
   * key stage on the day it accepts, the start on the start date), of primary age today.
   */
  const newPupil = (at: string, options: { base?: Base; years?: readonly number[]; also?: readonly string[] } = {}): DemoPupil => {
    const academicYear = academicYearOf(at);
    const shift = yearNowShift(at);
    const takenOn = (y: number, date: string) => !options.base || baseTakes(options.base.keyStages, keyStageFor(y + academicYearOf(date) - academicYear));
    const years = (options.years ?? [0, 1, 2, 3, 4, 5, 6]).filter(
      (y) => [at, ...(options.also ?? [])].every((date) => takenOn(y, date)) && y + shift >= 0 && y + shift <= 6,
    );
    if (years.length === 0) throw new Error(`No year group fits a demo pupil on ${at}`);
    const year = random.weighted(years.map((y) => [y, YEAR_WEIGHTS[y] ?? 1] as const));
    // Born September (academic year − year − 5) to August (academic year − year − 4).
    const bornFrom = `${academicYear - year - 5}-09-01`;
    const dateOfBirth = addDays(bornFrom, random.int(0, 364));
    if (yearGroupFor(dateOfBirth, academicYear) !== year || dateOfBirthProblem(dateOfBirth, today) !== null) {
      throw new Error(`Demo date of birth ${dateOfBirth} does not fit year ${year}`);
    }
    let first: string;
    let last: string;
    do {
      first = random.pick(FIRST_NAMES);
      last = random.pick(LAST_NAMES);
    } while (usedNames.has(`${first} ${last}`));
    usedNames.add(`${first} ${last}`);
    const nickname = PREFERRED_NAMES[first];
    const yearNow = year + shift;
    const homeSchool = random.pick(schoolsFor(yearNow));
    let upn: string | null = null;
    if (random.chance(0.85)) {
      // 999 is no local authority's number, so a demo UPN can never be a real child's.
      do {
        const establishment = String(2100 + homeSchool.index * 37);
        const allocated = String((academicYearOf(dateOfBirth) + 5) % 100).padStart(2, '0');
        upn = withCheckLetter(`999${establishment}${allocated}${String(random.int(0, 999)).padStart(3, '0')}`);
      } while (usedUpns.has(upn));
      usedUpns.add(upn);
    }
    const pupil: DemoPupil = {
      id: random.uuid(),
      legalFirstName: first,
      legalLastName: last,
      preferredName: nickname && random.chance(0.6) ? nickname : null,
      dateOfBirth,
      gender: random.chance(0.9) ? genderFor(first, random.chance(0.5)) : null,
      upn,
      homeSchoolId: homeSchool.id,
      senStatus: random.weighted<SenStatus>([['none', 5], ['sen-support', 4], ['ehcp', 1.5]]),
      childInCare: false,
      virtualSchoolContact: null,
      hasPep: false,
      pathway: random.weighted<Pathway>([['early-intervention', 6], ['specialist-semh', 3], ['permanently-excluded', 1]]),
      notes: random.chance(0.3) ? random.pick(say.PUPIL_NOTES) : null,
      contacts: [],
    };
    pupils.push(pupil);
    return pupil;
  };

  const referral = (pupil: DemoPupil, referredOn: string): DemoReferral => {
    const r: DemoReferral = {
      id: random.uuid(),
      pupil,
      schoolId: pupil.homeSchoolId,
      referredOn,
      reason: random.pick(say.REFERRAL_REASONS),
      tried: random.chance(0.9) ? random.pick(say.TRIED) : null,
      decision: null,
      decidedOn: null,
      decisionNotes: null,
      baseId: null,
      keyVisitOn: null,
      keyVisitSkipped: null,
      homeVisitOn: null,
      homeVisitSkipped: null,
      visitsRecordedOn: null,
      agreedOn: null,
      startDate: null,
      timetable: null,
      reintegrationFrom: null,
      endDate: null,
      outcome: null,
      outcomeNotes: null,
      followUps: [],
    };
    referrals.push(r);
    return r;
  };

  /**
   * A referral accepted at `base`, with both visits done by `visitsBy` (a school day), each step a
   * few school days after the one before, as a panel and the Key's staff work. The pupil is given, or
   * made once the panel's date is known.
   */
  const accepted = (who: DemoPupil | ((decidedOn: string) => DemoPupil), base: Base, visitsBy: string, skip?: 'key' | 'home'): DemoReferral => {
    const homeVisitOn = onOrBefore(visitsBy);
    const keyVisitOn = daysBack(homeVisitOn, 1, 6);
    const decidedOn = daysBack(keyVisitOn, 5, 14);
    const pupil = typeof who === 'function' ? who(decidedOn) : who;
    const r = referral(pupil, daysBack(decidedOn, 14, 35));
    r.decision = 'accepted';
    r.decidedOn = decidedOn;
    r.decisionNotes = random.pick(say.ACCEPTED_NOTES);
    r.baseId = base.id;
    r.keyVisitOn = skip === 'key' ? null : keyVisitOn;
    r.keyVisitSkipped = skip === 'key' ? say.SKIPPED_VISIT.key : null;
    r.homeVisitOn = skip === 'home' ? null : homeVisitOn;
    r.homeVisitSkipped = skip === 'home' ? say.SKIPPED_VISIT.home : null;
    r.visitsRecordedOn = homeVisitOn;
    return r;
  };

  const start = (r: DemoReferral, base: Base, startDate: string, agreedOn: string) => {
    const { timetable, reintegrationFrom } = plan(startDate);
    r.agreedOn = agreedOn;
    r.startDate = startDate;
    r.timetable = timetable;
    r.reintegrationFrom = reintegrationFrom;
    take(base, startDate, timetable.endDate);
  };

  // --- Placed today: Parkgate full, Frederick Bird nearly; together every week of the plan ----
  const smallCount = Math.min(small.places, Math.round(small.places * SMALL_BASE_FILL));
  const total = large.places + smallCount;
  const allWeeks = Array.from({ length: RULES.weeks }, (_, i) => i + 1);
  const weeks = random.shuffle([...allWeeks, ...Array.from({ length: Math.max(0, total - allWeeks.length) }, () => random.int(1, RULES.weeks))]).slice(0, total);
  const current: Array<{ r: DemoReferral; base: Base; week: number }> = [];
  weeks.forEach((wanted, i) => {
    const base = i < smallCount ? small : large;
    // On a weekend or in a holiday a placement in its last week may already have planned its end:
    // take the week before, so everyone counted here is placed today.
    for (let week = wanted; week >= 1; week--) {
      const days = schoolWeeks[week - 1];
      if (!days) continue;
      const startDate = random.pick(days);
      if (plan(startDate).timetable.endDate < today) continue;
      // The base takes the pupil on every day of the plan, as agreeing the start checks.
      const pupil = (decidedOn: string) => newPupil(startDate, { base, also: [decidedOn, plan(startDate).timetable.endDate] });
      const r = accepted(pupil, base, daysBack(startDate, 4, 12), random.chance(0.08) ? 'home' : undefined);
      start(r, base, startDate, daysBack(startDate, 1, 3));
      current.push({ r, base, week });
      return;
    }
    throw new Error('No school week to start a demo placement in');
  });

  // --- Ended: mostly back at school full time; one moved, one to a special school -------------
  const ended = (spec: (typeof ENDED)[number], latestEnd: string, returning?: { pupil: DemoPupil; base: Base }) => {
    const [minAgo, maxAgo] = spec.weeksAgo;
    const targetEnd = addDays(today, -7 * random.int(minAgo, maxAgo));
    // 26 school weeks are about 31 calendar weeks with the holidays.
    let target = addDays(targetEnd, -7 * 31);
    for (let attempt = 0; attempt < 30; attempt++, target = addDays(target, -14)) {
      const startDate = onOrAfter(target);
      const { timetable } = plan(startDate);
      let endDate = timetable.endDate;
      if (spec.endWeek) {
        const week = random.int(spec.endWeek[0], spec.endWeek[1]);
        endDate = timetable.days.filter((d) => d.week <= week).at(-1)?.date ?? endDate;
      }
      if (endDate > latestEnd) continue;
      const stageOn = (date: string) => (returning ? keyStageFor(yearGroupFor(returning.pupil.dateOfBirth, academicYearOf(date))) : null);
      const takesThroughout = (b: Base) => baseTakes(b.keyStages, stageOn(startDate)) && baseTakes(b.keyStages, stageOn(timetable.endDate));
      const choices = returning ? (takesThroughout(returning.base) ? [returning.base] : []) : random.chance(0.65) ? [large, small] : [small, large];
      const base = choices.find((b) => hasRoom(b, startDate, endDate));
      if (!base) continue;
      const years = spec.outcome === 'special-school' ? [2, 3, 4] : undefined;
      const r = accepted(returning?.pupil ?? ((decidedOn) => newPupil(startDate, { base, years, also: [decidedOn, timetable.endDate] })), base, daysBack(startDate, 4, 12));
      const pupil = r.pupil;
      start(r, base, startDate, daysBack(startDate, 1, 3));
      // The place was taken to the end date, not the planned end.
      const list = occupancy.get(base.id);
      if (list) list[list.length - 1] = { start: startDate, end: endDate };
      r.endDate = endDate;
      r.outcome = spec.outcome;
      if (spec.outcome === 'returned-full-time') r.outcomeNotes = random.pick(say.RETURN_NOTES);
      if (spec.outcome === 'moved-school') {
        r.outcomeNotes = say.MOVED_NOTE;
        const yearNow = yearGroupFor(pupil.dateOfBirth, academicYearOf(today));
        pupil.homeSchoolId = random.pick(schoolsFor(yearNow).filter((s) => s.id !== pupil.homeSchoolId)).id;
      }
      if (spec.outcome === 'special-school') {
        r.outcomeNotes = say.SPECIAL_SCHOOL_NOTE;
        pupil.senStatus = 'ehcp';
        pupil.pathway = 'specialist-semh';
      }
      if (spec.followUp) {
        // A few weeks after the return; straight after it when a holiday fills those weeks.
        const target = addDays(endDate, random.int(21, 42));
        let on = onOrBefore(target < today ? target : addDays(today, -1));
        if (on <= endDate) on = onOrAfter(addDays(endDate, 1));
        if (on < today) r.followUps.push({ on, notes: random.pick(say.FOLLOW_UP_NOTES) });
      }
      return r;
    }
    throw new Error('No room for an ended demo placement');
  };
  const lastWeek = daysBack(today, 7, 7);
  for (const spec of ENDED) ended(spec, lastWeek);

  // One pupil came back: an earlier placement at the same base ended before this one was referred.
  // Old enough to have been at primary school a year or two ago.
  const candidates = current.filter((c) => c.base === large && c.r.startDate && yearGroupFor(c.r.pupil.dateOfBirth, academicYearOf(c.r.startDate)) >= 3);
  const back = candidates.find((c) => c.week >= 3 && c.week <= 12) ?? candidates[0];
  if (back) {
    ended({ outcome: 'returned-full-time', weeksAgo: [back.week + 30, back.week + 40] }, daysBack(back.r.referredOn, 28, 42), { pupil: back.r.pupil, base: back.base });
  }

  // --- Waiting for a place at the full base: accepted, visits done or one skipped --------------
  const waiting = random.int(2, 3);
  for (let i = 0; i < waiting; i++) {
    const pupil = (decidedOn: string) => newPupil(today, { base: large, years: [3, 4, 5], also: [decidedOn] });
    accepted(pupil, large, daysBack(today, 3 + i * 10, 10 + i * 10), i === 1 ? 'key' : undefined).decisionNotes = say.WAITING_NOTE;
  }

  // --- Accepted at the base with room, visits still to do ----------------------------------
  for (let i = random.int(1, 2); i > 0; i--) {
    const decidedOn = daysBack(today, 1, 8);
    const pupil = newPupil(today, { base: small, years: [0, 1], also: [decidedOn] });
    const r = referral(pupil, daysBack(decidedOn, 14, 30));
    r.decision = 'accepted';
    r.decidedOn = decidedOn;
    r.baseId = small.id;
    r.decisionNotes = random.pick(say.ACCEPTED_NOTES);
  }

  // --- Start agreed: the first start from a few weeks on that keeps a place for the whole plan.
  // One only, so Frederick Bird keeps a free place for whoever explores the demo to agree a start.
  {
    const from = onOrAfter(addDays(today, random.int(7, 28)));
    const startDate = firstFreeStart(occupancy.get(small.id) ?? [], small.places, from, isSchoolDay, (s) => plan(s).timetable.endDate);
    if (startDate === null) throw new Error(`No place at ${small.name} for a demo start`);
    const pupil = (decidedOn: string) => newPupil(startDate, { base: small, years: [0, 1], also: [decidedOn, plan(startDate).timetable.endDate] });
    const r = accepted(pupil, small, daysBack(today, 2, 10));
    start(r, small, startDate, daysBack(today, 0, 1));
  }

  // --- Waiting for panel, deferred, declined ---------------------------------------------------
  for (let i = random.int(2, 3); i > 0; i--) referral(newPupil(today), daysBack(today, 2, 25));
  {
    const decidedOn = daysBack(today, 7, 21);
    const r = referral(newPupil(today), daysBack(decidedOn, 14, 30));
    r.decision = 'deferred';
    r.decidedOn = decidedOn;
    r.decisionNotes = say.DEFERRED_NOTE;
  }
  {
    const decidedOn = daysBack(today, 20, 60);
    const r = referral(newPupil(today), daysBack(decidedOn, 14, 30));
    r.decision = 'declined';
    r.decidedOn = decidedOn;
    r.decisionNotes = say.DECLINED_NOTE;
  }

  // --- A few children in care, and everyone's parents and carers ------------------------------
  for (const pupil of random.shuffle(pupils).slice(0, 3)) {
    pupil.childInCare = true;
    pupil.hasPep = true;
    pupil.virtualSchoolContact = `${random.pick(ADULT_WOMEN)} ${random.pick(STAFF_LAST_NAMES)} (Virtual School), 024 7696 0${random.int(400, 499)}`;
    pupil.notes = say.CIC_NOTE;
  }
  const usedPhones = new Set<string>();
  const usedEmails = new Set<string>();
  const phone = () => {
    let number: string;
    do number = `07700 900${String(random.int(0, 999)).padStart(3, '0')}`;
    while (usedPhones.has(number));
    usedPhones.add(number);
    return number;
  };
  const contact = (name: string, relationship: string, parentalResponsibility: boolean): DemoContact => {
    let email: string | null = null;
    if (random.chance(0.6)) {
      const local = name.toLowerCase().replace(/[^a-z ]/g, '').replace(/ +/g, '.');
      email = `${local}@example.org`;
      for (let n = 2; usedEmails.has(email); n++) email = `${local}${n}@example.org`;
      usedEmails.add(email);
    }
    return { id: random.uuid(), name, relationship, phone: phone(), email, parentalResponsibility };
  };
  for (const pupil of pupils) {
    const surname = pupil.legalLastName;
    if (pupil.childInCare) {
      pupil.contacts.push(contact(`${random.pick(ADULT_WOMEN)} ${random.pick(STAFF_LAST_NAMES)}`, 'Foster carer', false));
      if (random.chance(0.5)) pupil.contacts.push(contact(`${random.pick(ADULT_WOMEN)} ${surname}`, 'Mother', true));
      continue;
    }
    const main = random.weighted([['Mother', 7], ['Father', 2], ['Grandmother', 1]] as const);
    pupil.contacts.push(contact(`${random.pick(main === 'Father' ? ADULT_MEN : ADULT_WOMEN)} ${surname}`, main, main !== 'Grandmother'));
    if (random.chance(0.5)) {
      const second = random.weighted([['Father', 4], ['Stepfather', 2], ['Mother', main === 'Mother' ? 0 : 3], ['Aunt', 1]] as const);
      const man = second === 'Father' || second === 'Stepfather';
      const name = `${random.pick(man ? ADULT_MEN : ADULT_WOMEN)} ${second === 'Stepfather' ? random.pick(LAST_NAMES) : surname}`;
      pupil.contacts.push(contact(name, second, second === 'Father' || second === 'Mother'));
    }
  }

  const result = { schools, pupils, referrals };
  checkPlan(result, ctx);
  return result;
}

/**
 * The rules the services enforce, checked over the finished plan, so a change to the demo that breaks
 * one fails loudly here rather than leaving a demo the app itself could never have produced.
 */
export function checkPlan(plan: DemoPlan, ctx: PlanContext): void {
  const { today, bases, isSchoolDay } = ctx;
  const fail = (r: DemoReferral, why: string) => {
    throw new Error(`Demo referral for ${r.pupil.legalFirstName} ${r.pupil.legalLastName}: ${why}`);
  };
  const open = new Set<string>();
  for (const r of plan.referrals) {
    const base = bases.find((b) => b.id === r.baseId);
    const dates = [r.referredOn, r.decidedOn, r.keyVisitOn, r.homeVisitOn, r.visitsRecordedOn, r.agreedOn, r.endDate, ...r.followUps.map((f) => f.on)];
    if (dates.some((d) => d !== null && d > today)) fail(r, 'a step is dated after today');
    if (r.decidedOn && r.decidedOn < r.referredOn) fail(r, 'decided before it was referred');
    for (const visit of [r.keyVisitOn, r.homeVisitOn]) if (visit && (!r.decidedOn || visit < r.decidedOn)) fail(r, 'a visit before the panel');
    if (r.decision === 'accepted' && !base) fail(r, 'accepted with no base');
    const stageOn = (date: string) => keyStageFor(yearGroupFor(r.pupil.dateOfBirth, academicYearOf(date)));
    if (base && r.decidedOn && !baseTakes(base.keyStages, stageOn(r.decidedOn))) fail(r, `${base.name} does not take the pupil's key stage`);
    if (r.startDate) {
      if (!base || r.decision !== 'accepted' || !r.timetable || !r.agreedOn) fail(r, 'a start with no acceptance or plan');
      if (!isSchoolDay(r.startDate)) fail(r, `starts on ${r.startDate}, not a school day`);
      const days = r.timetable?.days.map((d) => d.date) ?? [];
      const stage = base ? planStageProblem(base, (date) => yearGroupFor(r.pupil.dateOfBirth, academicYearOf(date)), days) : null;
      if (stage) fail(r, `the plan is refused by the key stage rule: ${stage.message}`);
      if (!(r.keyVisitOn || r.keyVisitSkipped) || !(r.homeVisitOn || r.homeVisitSkipped)) fail(r, 'a start agreed before the visits');
      if (r.agreedOn && (r.agreedOn > r.startDate || [r.keyVisitOn, r.homeVisitOn].some((v) => v && v > (r.agreedOn as string)))) fail(r, 'a start agreed out of order');
      if (r.endDate && (r.endDate < r.startDate || r.endDate > (r.timetable?.endDate ?? ''))) fail(r, 'ends outside its plan');
    }
    if ((r.endDate === null) !== (r.outcome === null)) fail(r, 'an end with no outcome, or an outcome with no end');
    for (const f of r.followUps) if (!r.endDate || f.on < r.endDate) fail(r, 'a follow-up before the end');
    if (r.decision !== 'declined' && r.endDate === null) {
      if (open.has(r.pupil.id)) fail(r, 'a second open referral');
      open.add(r.pupil.id);
    }
  }
  for (const base of bases) {
    const occupancies = plan.referrals
      .filter((r) => r.baseId === base.id && r.startDate && r.timetable)
      .map((r) => ({ start: r.startDate as string, end: r.endDate ?? (r.timetable as Timetable).endDate }));
    const from = occupancies.reduce((min, o) => (o.start < min ? o.start : min), today);
    const to = occupancies.reduce((max, o) => (o.end > max ? o.end : max), today);
    const over = firstFullDay(occupancies, base.places + 1, from, to, isSchoolDay);
    if (over) throw new Error(`The demo puts more pupils at ${base.name} than its ${base.places} places on ${over}`);
  }
}
