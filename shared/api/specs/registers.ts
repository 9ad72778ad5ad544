import { z } from 'zod';
import { isAttendanceCode, type AttendanceFigures, type Session } from '../../domain/attendance';
import { call, dateField, id, requiredText } from './common';

/** One pupil's line on a register. */
export interface RegisterLine {
  pupilId: string;
  placementId: string;
  name: string;
  yearGroup: number;
  homeSchoolName: string | null;
  /** Expected at the Key this session (false: at their home school, not a possible session here). */
  expected: boolean;
  code: string | null;
  minutesLate: number | null;
  markedBy: string | null;
  markedAt: string | null;
  /** Why a pupil not in the day's plan was added. */
  note: string | null;
  /** How many times this mark has been amended since the register was submitted or closed. */
  amendments: number;
}

export type RegisterState = 'not-taken' | 'open' | 'submitted';

export interface Register {
  baseId: string;
  baseName: string;
  date: string;
  session: Session;
  state: RegisterState;
  /** Local times, HH:MM. */
  startsAt: string;
  closesAt: string;
  /** The register has closed (its close time has passed): changes to marks need a reason. */
  closed: boolean;
  takenBy: string | null;
  takenAt: string | null;
  submittedBy: string | null;
  submittedAt: string | null;
  /** Expected at the Key, in name order. */
  pupils: RegisterLine[];
  /** At their home school this session: listed apart, not possible sessions at the Key. */
  atHomeSchool: RegisterLine[];
  unmarked: number;
}

export interface RegisterAmendment {
  oldCode: string | null;
  oldMinutesLate: number | null;
  newCode: string;
  newMinutesLate: number | null;
  reason: string;
  amendedBy: string | null;
  amendedAt: string;
}

/** One session of a pupil's attendance history, with the original mark and every amendment. */
export interface AttendanceHistoryEntry {
  date: string;
  session: Session;
  baseName: string;
  expected: boolean;
  code: string | null;
  minutesLate: number | null;
  originalCode: string | null;
  amendments: RegisterAmendment[];
}

export interface PupilAttendance {
  figures: AttendanceFigures;
  weeks: Array<{ weekStarting: string; figures: AttendanceFigures }>;
  history: AttendanceHistoryEntry[];
}

/** One pupil's figures at a base over a date range, and per week (only the weeks they had sessions there). */
export interface PupilWeeks {
  pupilId: string;
  name: string;
  figures: AttendanceFigures;
  weeks: Array<{ weekStarting: string; figures: AttendanceFigures }>;
}

/** A base's figures over a date range: every pupil pooled, per week and in total, and each pupil's own. */
export interface BaseAttendance {
  baseId: string;
  baseName: string;
  from: string;
  to: string;
  /** All the base's recorded sessions in the range, pooled (the base average). */
  figures: AttendanceFigures;
  weeks: Array<{ weekStarting: string; figures: AttendanceFigures }>;
  /** Pupils with a recorded session at the base in the range, in name order. */
  pupils: PupilWeeks[];
}

export interface RegisterStatus {
  baseId: string;
  baseName: string;
  date: string;
  session: Session;
  state: RegisterState;
  expected: number;
  unmarked: number;
}

export interface OverdueReason {
  pupilId: string;
  name: string;
  baseName: string;
  date: string;
  session: Session;
}

export interface CompletionBoard {
  /** Today (when a school day) and the 10 school days before it, newest first, registers missing or incomplete. */
  registers: RegisterStatus[];
  /** `N` (no reason yet) marks older than 5 school days. */
  overdueReasons: OverdueReason[];
}

/** A pupil on the Today screen. */
export interface TodayPupil {
  pupilId: string;
  name: string;
  homeSchoolName: string | null;
}

/** A placement starting or ending this week (Monday to Sunday). */
export interface TodayPlacementChange extends TodayPupil {
  placementId: string;
  date: string;
}

/** This session's register at a base: the state a teacher checks at a glance. */
export interface TodayRegister {
  session: Session;
  state: RegisterState;
  startsAt: string;
  closesAt: string;
  expected: number;
  unmarked: number;
}

export interface TodayBase {
  baseId: string;
  baseName: string;
  /** Why today is not a school day ("half term", "a Saturday"); null on a school day. */
  noSchool: string | null;
  /** This session's register; null when there is no school today. */
  register: TodayRegister | null;
  /** Expected at the Key today (this session's register). */
  atKey: TodayPupil[];
  /** At their home school today. */
  atHomeSchool: TodayPupil[];
  startingThisWeek: TodayPlacementChange[];
  endingThisWeek: TodayPlacementChange[];
}

export interface TodaySummary {
  date: string;
  /** Monday and Sunday of this week. */
  weekFrom: string;
  weekTo: string;
  bases: TodayBase[];
}

export const sessionSchema = z.enum(['AM', 'PM'], { error: 'Choose the morning (AM) or afternoon (PM) session.' });

const registerKey = {
  baseId: id('base'),
  date: dateField('the date of the register'),
  session: sessionSchema,
};

const codeSchema = z
  .string({ error: 'Choose an attendance code.' })
  .trim()
  .toUpperCase()
  .refine(isAttendanceCode, { message: 'That is not a DfE attendance code. Press ? for the list.' });

const reason = z
  .string({ error: 'Enter the reason for the change.' })
  .trim()
  .max(500, 'The reason can be at most 500 characters.')
  .optional();

export const registerCalls = {
  'registers.get': call<Register>()(z.object(registerKey).strict()),
  /** Sets (or, before the register closes, clears) one pupil's mark; after it is submitted or closed, a change needs a reason. */
  'registers.mark': call<Register>()(
    z
      .object({
        ...registerKey,
        pupilId: id('pupil'),
        code: codeSchema.nullable(),
        minutesLate: z
          .number({ error: 'Enter the minutes late as a number.' })
          .int('Enter whole minutes late.')
          .min(1, 'A late mark needs the minutes late (at least 1).')
          .max(600, 'Minutes late can be at most 600.')
          .nullable()
          .optional(),
        reason,
      })
      .strict(),
  ),
  /** Marks every unmarked pupil expected at the Key present (/ in the morning, \ in the afternoon). */
  'registers.markAllPresent': call<Register>()(z.object(registerKey).strict()),
  /** Adds a pupil placed at the base but not in today's plan (a change agreed on the day). */
  'registers.addPupil': call<Register>()(
    z.object({ ...registerKey, pupilId: id('pupil'), note: requiredText('why the pupil is at the Key today', 500) }).strict(),
  ),
  'registers.submit': call<Register>()(z.object(registerKey).strict()),
  'registers.completion': call<CompletionBoard>()(z.object({}).strict().optional()),
  'registers.pupilAttendance': call<PupilAttendance>()(
    z.object({ pupilId: id('pupil'), from: dateField('the first date').optional(), to: dateField('the last date').optional() }).strict(),
  ),
  /** Today at each base the caller works at: this session's register, who is where, placements starting and ending this week. */
  'registers.today': call<TodaySummary>()(z.object({}).strict().optional()),
  /** A base's figures per week and over the range, for the base and each pupil, from what registers recorded. */
  'registers.baseAttendance': call<BaseAttendance>()(
    z.object({ baseId: id('base'), from: dateField('the first date'), to: dateField('the last date') }).strict(),
  ),
};

/**
 * One session on a home school's sheet. `enter`: the code the home school enters in its own register
 * (K when the pupil attended the Key, the Key's absence code otherwise). The rest have nothing to enter:
 * `at-home-school` (the pupil was at their home school), `not-marked` (expected at the Key, no mark yet),
 * `not-placed` (before the placement started or after it ended), `no-school` (not a school day).
 */
export type HomeSchoolSessionState = 'enter' | 'at-home-school' | 'not-marked' | 'not-placed' | 'no-school';

export interface HomeSchoolSession {
  state: HomeSchoolSessionState;
  /** The code to enter, when `state` is `enter`. */
  code: string | null;
  /** The Key's own code as recorded (after any amendments). */
  keyCode: string | null;
  minutesLate: number | null;
}

export interface HomeSchoolSheetPupil {
  pupilId: string;
  name: string;
  upn: string | null;
  baseName: string;
  /** One per day of `HomeSchoolSheet.days`, same order. */
  days: Array<{ date: string; AM: HomeSchoolSession; PM: HomeSchoolSession }>;
}

export interface HomeSchoolSheet {
  schoolId: string;
  schoolName: string;
  weekStarting: string;
  /** Monday to Friday of the week. */
  days: string[];
  /** The code entered for a session the pupil attended the Key. */
  attendedCode: string;
  /** The school's pupils placed at the Key that week (at the caller's bases), in name order. */
  pupils: HomeSchoolSheetPupil[];
}

const mondayField = dateField('the week starting (a Monday)').refine(
  (iso) => new Date(`${iso}T00:00:00Z`).getUTCDay() === 1,
  'Choose the Monday the week starts on.',
);

export const homeSchoolCalls = {
  /** A home school's week: per pupil placed at the Key, day and session, the code to enter in its register. */
  'registers.homeSchoolSheet': call<HomeSchoolSheet>()(z.object({ schoolId: id('home school'), weekStarting: mondayField }).strict()),
  /** The codes to enter over any dates (one home school, or all), as CSV; recorded in the audit trail. */
  'registers.homeSchoolCsv': call<{ fileName: string; csv: string; rows: number }>()(
    z
      .object({ from: dateField('the first date'), to: dateField('the last date'), schoolId: id('home school').optional() })
      .strict()
      .refine((input) => input.from <= input.to, { message: 'The last date is before the first date.', path: ['to'] }),
  ),
};
