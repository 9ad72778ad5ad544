import { z } from 'zod';
import type { FollowUpSlot } from '../../domain/follow-ups';
import {
  followUpWeeksSchema,
  LOG_KINDS,
  PROFESSIONAL_ROLES,
  WITH_WHOM,
  type BeforeFigures,
  type FollowUpVisit,
  type KeyworkSettings,
  type LogEntry,
  type MyActions,
  type PlacementKeyworker,
  type Professional,
} from '../../domain/keywork';
import { percentSchema, suspensionsSchema } from '../../domain/keywork';
import { call, dateField, id, requiredText } from './common';

const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, `${label} can be at most ${max} characters.`)
    .transform((t) => (t === '' ? null : t))
    .nullable()
    .optional();

export const timeField = z
  .string({ error: 'Enter the time as hh:mm.' })
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the time as hh:mm, for example 09:30.');

/** What an entry says: the same fields for a new entry and for a correction. */
const logContent = {
  onDate: dateField('the date'),
  atTime: timeField,
  kind: z.enum(LOG_KINDS, { error: 'Choose the type of contact.' }),
  withWhom: z.enum(WITH_WHOM, { error: 'Choose who it was with.' }),
  withName: optionalText('The name', 200),
  professionalId: id('professional').nullable().optional(),
  schoolId: id('school').nullable().optional(),
  summary: requiredText('a summary', 4000),
};

const logFilters = z
  .object({
    kinds: z.array(z.enum(LOG_KINDS, { error: 'Choose a type of contact.' })).max(LOG_KINDS.length).optional(),
    from: dateField('the start date').optional(),
    to: dateField('the end date').optional(),
  })
  .strict()
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'The end date is before the start date.', path: ['to'] });

export type LogFilters = z.input<typeof logFilters>;

/** A follow-up visit, the schedule it belongs to, and the figures from before the placement. */
export interface PlacementFollowUp {
  placementId: string;
  endDate: string | null;
  weeks: number[];
  slots: FollowUpSlot[];
  visits: FollowUpVisit[];
  before: BeforeFigures | null;
  /** The schedule in a line: "Followed up at 2 and 6 weeks; the 12-week visit is due 12/03/2027." */
  summary: string | null;
}

export const professionalFields = {
  name: requiredText('the name', 120),
  role: z.enum(PROFESSIONAL_ROLES, { error: 'Choose the role.' }),
  organisation: optionalText('The organisation', 200),
  phone: optionalText('The phone number', 40),
  email: z
    .union([z.literal(''), z.email({ error: 'Enter an email address like name@example.org.' })], { error: 'Enter an email address like name@example.org.' })
    .transform((t) => (t === '' ? null : t))
    .nullable()
    .optional(),
};

export const keyworkerCalls = {
  /** The keyworker of each of a pupil's placements at a base, with the history and who could be chosen. */
  'keyworkers.forPupil': call<PlacementKeyworker[]>()(z.object({ pupilId: id('pupil') }).strict()),
  'keyworkers.assign': call<PlacementKeyworker>()(
    z
      .object({
        placementId: id('placement'),
        staffId: id('member of staff'),
        fromDate: dateField('the date they start as keyworker'),
        reason: optionalText('The reason', 500),
      })
      .strict(),
  ),
};

export const logCalls = {
  'log.list': call<LogEntry[]>()(z.object({ pupilId: id('pupil'), filters: logFilters.optional() }).strict()),
  'log.add': call<LogEntry>()(
    z
      .object({
        pupilId: id('pupil'),
        ...logContent,
        needsReply: z.boolean({ error: 'Say whether it needs a reply.' }).optional(),
        ownerId: id('member of staff').nullable().optional(),
      })
      .strict(),
  ),
  'log.correct': call<LogEntry>()(z.object({ id: id('log entry'), ...logContent, reason: requiredText('the reason for the correction', 500) }).strict()),
  'log.markDone': call<LogEntry>()(z.object({ id: id('log entry'), doneOn: dateField('the date it was done').optional() }).strict()),
  /** The date a reply would be due, for the form to show before saving. */
  'log.previewDue': call<{ dueOn: string | null; days: number | null }>()(
    z.object({ kind: z.enum(LOG_KINDS, { error: 'Choose the type of contact.' }), onDate: dateField('the date') }).strict(),
  ),
  'log.export': call<{ fileName: string; csv: string; rows: number }>()(z.object({ pupilId: id('pupil'), filters: logFilters.optional() }).strict()),
  /** What the signed-in person owes: replies overdue, due today, to come, and done lately. */
  'log.myActions': call<MyActions>()(z.object({}).strict().optional()),
};

export const professionalCalls = {
  'professionals.list': call<Professional[]>()(z.object({}).strict().optional()),
  'professionals.save': call<Professional>()(z.object({ id: id('professional').optional(), ...professionalFields }).strict()),
  'professionals.forPupil': call<Professional[]>()(z.object({ pupilId: id('pupil') }).strict()),
  'professionals.link': call<Professional[]>()(z.object({ pupilId: id('pupil'), professionalId: id('professional') }).strict()),
  'professionals.unlink': call<Professional[]>()(z.object({ pupilId: id('pupil'), professionalId: id('professional') }).strict()),
};

export const followUpCalls = {
  'followUps.forPlacement': call<PlacementFollowUp>()(z.object({ placementId: id('placement') }).strict()),
  'followUps.saveBefore': call<PlacementFollowUp>()(
    z
      .object({
        placementId: id('placement'),
        attendancePercent: percentSchema('attendance in the term before'),
        suspensions: suspensionsSchema('the number of suspensions in the term before'),
      })
      .strict(),
  ),
  'followUps.settings': call<KeyworkSettings>()(z.object({}).strict().optional()),
  'followUps.saveSettings': call<KeyworkSettings>()(
    z
      .object({
        replyDaysCall: z.number({ error: 'Enter the working days for a phone call.' }).int('Enter a whole number of working days.').min(0, 'At least 0 working days.').max(60, 'At most 60 working days.'),
        replyDaysEmail: z.number({ error: 'Enter the working days for an email.' }).int('Enter a whole number of working days.').min(0, 'At least 0 working days.').max(60, 'At most 60 working days.'),
        schoolHolidaysCount: z.boolean({ error: 'Say whether school holidays count.' }),
        followUpWeeks: followUpWeeksSchema,
      })
      .strict(),
  ),
};
