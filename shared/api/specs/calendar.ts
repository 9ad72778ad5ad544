import { z } from 'zod';
import { academicYearSchema, CLOSURE_KINDS, termSchema, type SchoolYear } from '../../domain/calendar';
import { call, dateField, requiredText } from './common';

export const calendarCalls = {
  /** Academic years that have term dates, oldest first. */
  'calendar.years': call<number[]>()(z.object({}).strict().optional()),
  'calendar.get': call<SchoolYear>()(z.object({ academicYear: academicYearSchema }).strict()),
  'calendar.saveTerms': call<SchoolYear>()(
    z
      .object({
        academicYear: academicYearSchema,
        terms: z.array(termSchema, { error: 'Enter the six half terms.' }).length(6, 'Enter all six half terms.'),
      })
      .strict(),
  ),
  'calendar.addClosure': call<SchoolYear>()(
    z
      .object({
        date: dateField('the date'),
        kind: z.enum(CLOSURE_KINDS, { error: 'Choose bank holiday, INSET day or other closure.' }),
        name: requiredText('a name for the day', 80),
      })
      .strict(),
  ),
  'calendar.removeClosure': call<SchoolYear>()(z.object({ date: dateField('the date') }).strict()),
  /** Next year's terms and INSET days from this year's pattern (bank holidays by their own rules). */
  'calendar.copyYear': call<SchoolYear>()(z.object({ fromYear: academicYearSchema }).strict()),
};
