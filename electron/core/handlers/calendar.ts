import { getSchoolYear, listSchoolYears, previewCalendarChange, saveCalendarChange } from '../services/calendar';
import type { HandlersFor } from './types';

export const calendarHandlers: HandlersFor<'calendar'> = {
  'calendar.years': (_input, core) => listSchoolYears(core.requireDb()),
  'calendar.get': (input, core) => getSchoolYear(core.requireDb(), input.academicYear),
  'calendar.saveTerms': (input, core) => saveCalendarChange(core.requireDb(), { change: 'saveTerms', input }, { now: core.now(), today: core.today() }),
  'calendar.addClosure': (input, core) => saveCalendarChange(core.requireDb(), { change: 'addClosure', input }, { now: core.now(), today: core.today() }),
  'calendar.removeClosure': (input, core) => saveCalendarChange(core.requireDb(), { change: 'removeClosure', input }, { now: core.now(), today: core.today() }),
  'calendar.copyYear': (input, core) => saveCalendarChange(core.requireDb(), { change: 'copyYear', input }, { now: core.now(), today: core.today() }),
  'calendar.previewChange': (input, core) => previewCalendarChange(core.requireDb(), input, { now: core.now(), today: core.today() }),
};
