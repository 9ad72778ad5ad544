import { z } from 'zod';
import type { KeyStage } from './bases';
import { addDays, formatUkDate } from './dates';
import { keyStageFor, yearGroupLabel, type PrimaryKeyStage } from './pupils';
import { PLACEMENT_WEEKS, type Weekday } from './timetable';

/**
 * Where a referral has got to. Stored facts (decision, dates, outcome) decide it; "placed" and
 * "reintegrating" also depend on today, so this is worked out when read, never stored.
 */
export const PLACEMENT_STATUSES = [
  'referred',
  'deferred',
  'declined',
  'accepted',
  'start-agreed',
  'placed',
  'reintegrating',
  'ended',
] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

export const PLACEMENT_STATUS_LABELS: Record<PlacementStatus, string> = {
  referred: 'Referred: awaiting panel',
  deferred: 'Deferred by panel',
  declined: 'Declined by panel',
  accepted: 'Accepted: visits and start to arrange',
  'start-agreed': 'Start date agreed',
  placed: 'Placed',
  reintegrating: 'Reintegrating',
  ended: 'Ended',
};

export const PANEL_DECISIONS = ['accepted', 'declined', 'deferred'] as const;
export type PanelDecision = (typeof PANEL_DECISIONS)[number];

export const OUTCOMES = ['returned-full-time', 'moved-school', 'special-school', 'withdrawn', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  'returned-full-time': 'Returned full time to the home school',
  'moved-school': 'Moved to another school',
  'special-school': 'Moved to a special school',
  withdrawn: 'Withdrawn before the placement started',
  other: 'Other',
};

export const PLACEMENT_STEPS = [
  'referred',
  'accepted',
  'declined',
  'deferred',
  'key-visit',
  'key-visit-skipped',
  'home-visit',
  'home-visit-skipped',
  'start-agreed',
  'start-changed',
  'ended',
  'follow-up',
] as const;
export type PlacementStep = (typeof PLACEMENT_STEPS)[number];
export const PLACEMENT_STEP_LABELS: Record<PlacementStep, string> = {
  referred: 'Referral received',
  accepted: 'Accepted by panel',
  declined: 'Declined by panel',
  deferred: 'Deferred by panel',
  'key-visit': 'Visit to the Key',
  'key-visit-skipped': 'Visit to the Key skipped',
  'home-visit': 'Home visit',
  'home-visit-skipped': 'Home visit skipped',
  'start-agreed': 'Start date agreed',
  'start-changed': 'Start date or timetable changed',
  ended: 'Placement ended',
  'follow-up': 'Follow-up visit',
};

/** A step in a placement's history: what happened, on which day, and who recorded it. */
export interface PlacementEvent {
  id: string;
  step: PlacementStep;
  on: string;
  notes: string | null;
  recordedBy: string | null;
  recordedAt: string;
}

export interface TimetablePhase {
  fromWeek: number;
  homeDays: number;
}

/** One referral and, if it gets that far, the placement that follows it. */
export interface Placement {
  id: string;
  pupilId: string;
  pupilName: string;
  status: PlacementStatus;
  referringSchoolId: string;
  referringSchoolName: string;
  referredOn: string;
  reason: string;
  tried: string | null;
  decision: PanelDecision | null;
  decidedOn: string | null;
  decisionNotes: string | null;
  baseId: string | null;
  baseName: string | null;
  keyVisitOn: string | null;
  keyVisitSkipped: string | null;
  homeVisitOn: string | null;
  homeVisitSkipped: string | null;
  startDate: string | null;
  homeSchoolDay: Weekday;
  /** Home-school days a week from each week on; the Key's defaults unless changed for this pupil. */
  phases: TimetablePhase[];
  plannedEnd: string | null;
  /** The first day of the phased return (the first week with more than one home-school day). */
  reintegrationFrom: string | null;
  keyDays: number | null;
  endDate: string | null;
  outcome: Outcome | null;
  outcomeNotes: string | null;
  events: PlacementEvent[];
}

export function placementStatus(
  p: Pick<Placement, 'decision' | 'startDate' | 'endDate' | 'reintegrationFrom'>,
  today: string,
): PlacementStatus {
  if (p.decision === 'declined') return 'declined';
  if (p.endDate) return 'ended';
  if (p.decision === null) return 'referred';
  if (p.decision === 'deferred') return 'deferred';
  if (!p.startDate) return 'accepted';
  if (p.startDate > today) return 'start-agreed';
  if (p.reintegrationFrom && p.reintegrationFrom <= today) return 'reintegrating';
  return 'placed';
}

/** Still in progress: not declined and not ended. A pupil has at most one. */
export function isOpen(p: Pick<Placement, 'decision' | 'endDate'>): boolean {
  return p.decision !== 'declined' && !p.endDate;
}

/**
 * Which key stages a base's list lets in. Reception is taught alongside KS1 (Coventry's protocol
 * groups "Reception/KS1"), so a KS1 base takes Reception pupils too.
 */
export function baseTakes(baseStages: readonly KeyStage[], pupilStage: PrimaryKeyStage | null): boolean {
  if (pupilStage === null) return false;
  return baseStages.includes(pupilStage === 'EYFS' ? 'KS1' : pupilStage);
}

export function keyStageProblem(baseName: string, baseStages: readonly KeyStage[], pupilStage: PrimaryKeyStage | null, yearLabel: string): string | null {
  if (baseTakes(baseStages, pupilStage)) return null;
  const takes = baseStages.join(' and ');
  if (pupilStage === null) return `${baseName} takes ${takes} pupils only; this pupil would be in ${yearLabel}, which is not primary.`;
  return `${baseName} takes ${takes} pupils only; this pupil would be in ${yearLabel} (${pupilStage}).`;
}

/** Where a placement's plan first has the pupil in a year group its base does not take. */
export interface PlanStageProblem {
  /** The first such school day. */
  from: string;
  /** It is the start date itself: the placement could not begin there at all. */
  onStart: boolean;
  /** For staff: the day, the base's rule and the year group, and how much of the plan it covers. */
  message: string;
}

/**
 * The key-stage and primary-age rule over a whole plan: every school day of it (`days`, in order),
 * not only the start. Year groups move up on 1 September, so a Year 2 pupil starting at a KS1 base in
 * July is KS2 for most of the plan, and a Year 6 pupil's plan can run into Year 7 (not primary).
 * `yearGroupOn` gives the pupil's year group on a day. Null when the base takes the pupil throughout.
 */
export function planStageProblem(
  base: { name: string; keyStages: readonly KeyStage[] },
  yearGroupOn: (date: string) => number,
  days: readonly string[],
): PlanStageProblem | null {
  for (let i = 0; i < days.length; i++) {
    const date = days[i]!;
    const yearGroup = yearGroupOn(date);
    const problem = keyStageProblem(base.name, base.keyStages, keyStageFor(yearGroup), yearGroupLabel(yearGroup));
    if (!problem) continue;
    if (i === 0) return { from: date, onStart: true, message: `On ${formatUkDate(date)}: ${problem}` };
    const left = days.length - i;
    return {
      from: date,
      onStart: false,
      message: `From ${formatUkDate(date)}: ${problem} That is ${left} of the plan's ${days.length} school days, to ${formatUkDate(days.at(-1)!)}.`,
    };
  }
  return null;
}

/** A stretch of days (inclusive) during which a placement takes up one of its base's places. */
export interface Occupancy {
  start: string;
  end: string;
}

function countOn(occupancies: readonly Occupancy[], date: string): number {
  let n = 0;
  for (const o of occupancies) if (o.start <= date && o.end >= date) n++;
  return n;
}

/** The first school day in [from, to] on which every place is already taken, or null if there is room throughout. */
export function firstFullDay(
  occupancies: readonly Occupancy[],
  places: number,
  from: string,
  to: string,
  isSchoolDay: (date: string) => boolean,
): string | null {
  for (let date = from; date <= to; date = addDays(date, 1)) {
    if (isSchoolDay(date) && countOn(occupancies, date) >= places) return date;
  }
  return null;
}

/**
 * The first school day on or after `from` on which a placement could start and keep a place for its
 * whole plan (`endFor` gives the planned end for a start, or null if no plan can be made from there).
 * Null if nothing frees up within `horizonDays`.
 */
export function firstFreeStart(
  occupancies: readonly Occupancy[],
  places: number,
  from: string,
  isSchoolDay: (date: string) => boolean,
  endFor: (start: string) => string | null,
  horizonDays = 730,
): string | null {
  const last = addDays(from, horizonDays);
  for (let date = from; date <= last; date = addDays(date, 1)) {
    if (!isSchoolDay(date)) continue;
    const end = endFor(date);
    if (end === null) return null;
    const full = firstFullDay(occupancies, places, date, end, isSchoolDay);
    if (full === null) return date;
    // Nothing starting before the full day can fit either: jump past it.
    date = full;
  }
  return null;
}

export const WEEKDAY_LABELS: Record<Weekday, string> = { 1: 'Monday', 2: 'Tuesday', 3: 'Wednesday', 4: 'Thursday', 5: 'Friday' };

export const weekdaySchema = z
  .number({ error: 'Choose the home-school day.' })
  .int()
  .min(1, 'Choose a weekday (Monday to Friday).')
  .max(5, 'Choose a weekday (Monday to Friday).') as unknown as z.ZodType<Weekday, number>;

export const phasesSchema = z
  .array(
    z
      .object({
        fromWeek: z.number({ error: 'Enter the week the phase starts.' }).int('Weeks are whole numbers.').min(1, 'Weeks start at 1.').max(PLACEMENT_WEEKS, `A placement has ${PLACEMENT_WEEKS} weeks.`),
        homeDays: z.number({ error: 'Enter the home-school days.' }).int('Days are whole numbers.').min(1, 'At least 1 home-school day a week.').max(5, 'At most 5 home-school days a week.'),
      })
      .strict(),
    { error: 'Enter the phases of the return.' },
  )
  .min(1, 'Enter at least one phase.')
  .max(6, 'At most 6 phases.')
  .superRefine((phases, ctx) => {
    if (phases[0]?.fromWeek !== 1) ctx.addIssue({ code: 'custom', message: 'The first phase starts in week 1.' });
    for (let i = 1; i < phases.length; i++) {
      const prev = phases[i - 1]!;
      const cur = phases[i]!;
      if (cur.fromWeek <= prev.fromWeek) ctx.addIssue({ code: 'custom', message: 'Each phase starts in a later week than the one before.' });
      if (cur.homeDays < prev.homeDays) ctx.addIssue({ code: 'custom', message: 'Home-school days build up: a phase cannot have fewer than the one before.' });
    }
  });
