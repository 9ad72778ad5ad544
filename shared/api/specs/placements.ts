import { z } from 'zod';
import type { Base } from '../../domain/bases';
import { GOING_SCALE, percentSchema, suspensionsSchema } from '../../domain/keywork';
import { OUTCOMES, PANEL_DECISIONS, phasesSchema, weekdaySchema, type Placement } from '../../domain/placements';
import type { Timetable } from '../../domain/timetable';
import { call, dateField, id, requiredText } from './common';

const notes = (label: string) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(4000, `${label} can be at most 4000 characters.`)
    .transform((t) => (t === '' ? null : t))
    .nullable()
    .optional();

const skipReason = z
  .string({ error: 'Enter why the visit was skipped.' })
  .trim()
  .max(500, 'The reason can be at most 500 characters.')
  .transform((t) => (t === '' ? null : t))
  .nullable()
  .optional();

/** A base's places over the coming weeks, for the placement board. */
export interface BoardPupil {
  placementId: string;
  pupilId: string;
  name: string;
  yearGroup: number;
  date: string | null;
}

export interface WaitingPupil extends BoardPupil {
  /** When the panel accepted them. */
  since: string;
  /** The first school day a place is free for them, counting those ahead in the queue; null if none within two years. */
  placeFreeOn: string | null;
}

export interface BaseBoard {
  base: Base;
  /** Placed today, with their planned end. */
  placed: BoardPupil[];
  startingSoon: BoardPupil[];
  endingSoon: BoardPupil[];
  /** Accepted without a start date, oldest acceptance first. */
  waiting: WaitingPupil[];
  /** The first school day from today with a free place for a full placement, or null. */
  nextFreePlace: string | null;
  /** The first school day from today with more pupils placed than places (after a calendar or places change), or null. */
  overPlacesOn: string | null;
}

export interface StartPreview {
  timetable: Timetable | null;
  reintegrationFrom: string | null;
  /** Why this start cannot be agreed, naming the field; null when it can. */
  problem: { field: string; message: string } | null;
  /** When the base is full: the first start date that would fit (for a waiting pupil, their turn in the queue). */
  firstFreeStart: string | null;
  /** Allowed, but worth a second look: e.g. this start takes a place before pupils accepted earlier. */
  warning: string | null;
  /**
   * The plan runs into a year group the base does not take (a later key stage, or past Year 6): the
   * start can be agreed only by a manager giving a reason, which is kept in the placement's history.
   */
  needsReason: string | null;
}

const startFields = {
  id: id('placement'),
  startDate: dateField('the start date'),
  homeSchoolDay: weekdaySchema.optional(),
  phases: phasesSchema.nullable().optional(),
  /** Why a manager agrees a plan that runs into a year group the base does not take. */
  overrideReason: z
    .string({ error: 'The reason must be text.' })
    .trim()
    .max(1000, 'The reason can be at most 1000 characters.')
    .transform((t) => (t === '' ? null : t))
    .nullable()
    .optional(),
};

export const placementCalls = {
  'placements.refer': call<Placement>()(
    z
      .object({
        pupilId: id('pupil'),
        referringSchoolId: id('referring school'),
        referredOn: dateField('the date the referral was received'),
        reason: requiredText('the reason for the referral', 4000),
        tried: notes('What has been tried'),
        /** From the referral: the term before the placement, for before / during / after. */
        attendanceBefore: percentSchema('attendance in the term before'),
        suspensionsBefore: suspensionsSchema('the number of suspensions in the term before'),
      })
      .strict(),
  ),
  'placements.decide': call<Placement>()(
    z
      .object({
        id: id('placement'),
        decision: z.enum(PANEL_DECISIONS, { error: 'Choose the panel decision.' }),
        decidedOn: dateField('the panel date'),
        notes: notes('Notes'),
        baseId: id('base').optional(),
      })
      .strict()
      .refine((d) => d.decision !== 'accepted' || d.baseId, { message: 'Choose the base the pupil is accepted at.', path: ['baseId'] }),
  ),
  'placements.recordVisits': call<Placement>()(
    z
      .object({
        id: id('placement'),
        keyVisitOn: dateField('the date of the visit to the Key').nullable().optional(),
        keyVisitSkipped: skipReason,
        homeVisitOn: dateField('the date of the home visit').nullable().optional(),
        homeVisitSkipped: skipReason,
      })
      .strict(),
  ),
  'placements.previewStart': call<StartPreview>()(z.object(startFields).strict()),
  'placements.agreeStart': call<Placement>()(z.object(startFields).strict()),
  'placements.end': call<Placement>()(
    z
      .object({
        id: id('placement'),
        endDate: dateField('the end date'),
        outcome: z.enum(OUTCOMES, { error: 'Choose the outcome.' }),
        notes: notes('Notes'),
      })
      .strict(),
  ),
  'placements.addFollowUp': call<Placement>()(
    z
      .object({
        id: id('placement'),
        on: dateField('the date of the visit'),
        notes: notes('Notes'),
        // What the visit found, as the home school reported it.
        attendancePercent: percentSchema('attendance since the return'),
        suspensions: suspensionsSchema('the number of suspensions since the return'),
        going: z.enum(GOING_SCALE, { error: 'Choose how it is going.' }).nullable().optional(),
        actionsAgreed: notes('Actions agreed'),
      })
      .strict(),
  ),
  'placements.timetable': call<Timetable>()(z.object({ id: id('placement') }).strict()),
  'placements.board': call<BaseBoard[]>()(z.object({}).strict().optional()),
  /** Every referral still in progress, for the pipeline: referred, deferred, accepted, start agreed. */
  'placements.pipeline': call<Placement[]>()(z.object({}).strict().optional()),
};
