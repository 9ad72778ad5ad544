import { addClosure, copyYear, getSchoolYear, listSchoolYears, removeClosure, saveTerms } from '../services/calendar';
import type { HandlersFor } from './types';

export const calendarHandlers: HandlersFor<'calendar'> = {
  'calendar.years': (_input, core) => listSchoolYears(core.requireDb()),
  'calendar.get': (input, core) => getSchoolYear(core.requireDb(), input.academicYear),
  'calendar.saveTerms': (input, core) => saveTerms(core.requireDb(), input, core.now()),
  'calendar.addClosure': (input, core) => addClosure(core.requireDb(), input, core.now()),
  'calendar.removeClosure': (input, core) => removeClosure(core.requireDb(), input.date, core.now()),
  'calendar.copyYear': (input, core) => copyYear(core.requireDb(), input.fromYear, core.now()),
};
