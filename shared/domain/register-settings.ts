import { z } from 'zod';
import { ATTENDANCE_CODES, type Session } from './attendance';

/**
 * What a provision sets about its registers: when each base's morning and afternoon registers open and
 * close, and the code home schools enter for a session the pupil attended the Key. The core enforces
 * these rules and the Settings screen previews them.
 */

/** DfE (from 19 August 2024): a register closes at most 30 minutes after it opens. */
export const MAX_OPEN_MINUTES = 30;

export const SESSION_WORDS: Record<Session, string> = { AM: 'morning', PM: 'afternoon' };

export interface SessionTimes {
  /** Local time the register opens (the session starts), HH:MM. */
  startsAt: string;
  /** Local time it closes, HH:MM: at most 30 minutes after it opens. */
  closesAt: string;
}

export interface BaseRegisterTimes {
  baseId: string;
  baseName: string;
  AM: SessionTimes;
  PM: SessionTimes;
}

/** Minutes since midnight of an HH:MM time. */
export function minutesOfDay(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** HH:MM `minutes` after `time`, never past 23:59. */
export function addMinutes(time: string, minutes: number): string {
  const total = Math.min(minutesOfDay(time) + minutes, 23 * 60 + 59);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const timeField = (label: string) =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .min(1, `Enter ${label}.`)
    .regex(TIME, `Enter ${label} as a 24-hour time, such as 08:50.`);

const sessionTimesSchema = (session: Session) => {
  const words = SESSION_WORDS[session];
  return z
    .object({
      startsAt: timeField(`when the ${words} register opens`),
      closesAt: timeField(`when the ${words} register closes`),
    })
    .strict()
    .superRefine((times, ctx) => {
      const open = minutesOfDay(times.closesAt) - minutesOfDay(times.startsAt);
      if (open <= 0) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: `The ${words} register must close after it opens (${times.startsAt}).` });
      else if (open > MAX_OPEN_MINUTES) {
        ctx.addIssue({
          code: 'custom',
          path: ['closesAt'],
          message: `A register closes at most ${MAX_OPEN_MINUTES} minutes after it opens: by ${addMinutes(times.startsAt, MAX_OPEN_MINUTES)} for the ${words}.`,
        });
      }
    });
};

/** The morning and afternoon registers' times: each closes 1–30 minutes after it opens. */
export const registerTimesShape = { AM: sessionTimesSchema('AM'), PM: sessionTimesSchema('PM') };

/** The afternoon register opens after the morning one closes. */
export function afternoonAfterMorning(times: { AM: SessionTimes; PM: SessionTimes }, ctx: z.RefinementCtx): void {
  if (minutesOfDay(times.PM.startsAt) < minutesOfDay(times.AM.closesAt)) {
    ctx.addIssue({
      code: 'custom',
      path: ['PM', 'startsAt'],
      message: `The afternoon register opens after the morning one closes (${times.AM.closesAt}).`,
    });
  }
}

/** A base's two registers, as the Settings screen edits them. */
export const registerTimesSchema = z.object(registerTimesShape).strict().superRefine(afternoonAfterMorning);

/** Codes a home school may enter for a session the pupil attended the Key: the approved educational activities. */
export const HOME_SCHOOL_ATTENDED_CODES = ATTENDANCE_CODES.filter((c) => c.category === 'approved-activity');

export const homeSchoolAttendedCodeSchema = z.enum(HOME_SCHOOL_ATTENDED_CODES.map((c) => c.code) as [string, ...string[]], {
  error: `Choose one of the approved educational activity codes (${HOME_SCHOOL_ATTENDED_CODES.map((c) => c.code).join(', ')}).`,
});

export interface RegisterSettings {
  bases: BaseRegisterTimes[];
  /** What home schools enter for a session the pupil attended the Key (K unless the provision changed it). */
  homeSchoolAttendedCode: string;
}
