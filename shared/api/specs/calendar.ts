import { z } from 'zod';
import { academicYearSchema, CLOSURE_KINDS, termSchema, type SchoolYear } from '../../domain/calendar';
import { call, dateField, requiredText } from './common';

/** A placement whose planned end a calendar change moves. */
export interface MovedPlacement {
  placementId: string;
  pupilId: string;
  name: string;
  baseName: string;
  plannedEndBefore: string;
  plannedEndAfter: string;
}

/** The school days on which a calendar change leaves a base with more pupils than places. */
export interface BaseOverPlaces {
  baseId: string;
  baseName: string;
  places: number;
  /** Each day the change puts over, with the pupils placed that day. */
  days: Array<{ date: string; pupils: number }>;
}

/** What a calendar change does to placements, worked out by the very code that saves it. */
export interface CalendarChangeEffect {
  moved: MovedPlacement[];
  /** Only days that were not over before the change: the change's own effect. */
  overPlaces: BaseOverPlaces[];
}

/**
 * Set after the manager has seen the effect (calendar.previewChange) and chosen to go on: without it a
 * change that puts a base over its places is refused, and nothing is saved.
 */
const confirmOverPlaces = z.boolean({ error: 'Confirm with true or false.' }).optional();

const saveTermsInput = z
  .object({
    academicYear: academicYearSchema,
    terms: z.array(termSchema, { error: 'Enter the six half terms.' }).length(6, 'Enter all six half terms.'),
    confirmOverPlaces,
  })
  .strict();
const addClosureInput = z
  .object({
    date: dateField('the date'),
    kind: z.enum(CLOSURE_KINDS, { error: 'Choose bank holiday, INSET day or other closure.' }),
    name: requiredText('a name for the day', 80),
    confirmOverPlaces,
  })
  .strict();
const removeClosureInput = z.object({ date: dateField('the date'), confirmOverPlaces }).strict();
const copyYearInput = z.object({ fromYear: academicYearSchema, confirmOverPlaces }).strict();

export const calendarCalls = {
  /** Academic years that have term dates, oldest first. */
  'calendar.years': call<number[]>()(z.object({}).strict().optional()),
  'calendar.get': call<SchoolYear>()(z.object({ academicYear: academicYearSchema }).strict()),
  'calendar.saveTerms': call<SchoolYear>()(saveTermsInput),
  'calendar.addClosure': call<SchoolYear>()(addClosureInput),
  'calendar.removeClosure': call<SchoolYear>()(removeClosureInput),
  /** Next year's terms and INSET days from this year's pattern (bank holidays by their own rules). */
  'calendar.copyYear': call<SchoolYear>()(copyYearInput),
  /** What one of the four changes above would do, without saving it: the same input under `change`'s name. */
  'calendar.previewChange': call<CalendarChangeEffect>()(
    z.discriminatedUnion(
      'change',
      [
        z.object({ change: z.literal('saveTerms'), input: saveTermsInput }).strict(),
        z.object({ change: z.literal('addClosure'), input: addClosureInput }).strict(),
        z.object({ change: z.literal('removeClosure'), input: removeClosureInput }).strict(),
        z.object({ change: z.literal('copyYear'), input: copyYearInput }).strict(),
      ],
      { error: 'Say which change to preview: saveTerms, addClosure, removeClosure or copyYear.' },
    ),
  ),
};
