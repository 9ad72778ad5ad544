import { getSchoolYear, listSchoolYears, previewCalendarChange, saveCalendarChange } from '../services/calendar';
import type { HandlersFor } from './types';

export const calendarHandlers: HandlersFor<'calendar'> = {
  'calendar.years': (_input, ctx) => listSchoolYears(ctx.db),
  'calendar.get': (input, ctx) => getSchoolYear(ctx.db, input.academicYear),
  'calendar.saveTerms': (input, ctx) => saveCalendarChange(ctx.db, { change: 'saveTerms', input }, { now: ctx.now, today: ctx.today }),
  'calendar.addClosure': (input, ctx) => saveCalendarChange(ctx.db, { change: 'addClosure', input }, { now: ctx.now, today: ctx.today }),
  'calendar.removeClosure': (input, ctx) => saveCalendarChange(ctx.db, { change: 'removeClosure', input }, { now: ctx.now, today: ctx.today }),
  'calendar.copyYear': (input, ctx) => saveCalendarChange(ctx.db, { change: 'copyYear', input }, { now: ctx.now, today: ctx.today }),
  'calendar.previewChange': (input, ctx) => previewCalendarChange(ctx.db, input, { now: ctx.now, today: ctx.today }),
};
