import type { KeyDeskCore } from '../core';
import { formatUkDate } from '../../../shared/domain/dates';
import { homeSchoolCsv, homeSchoolSheet } from '../services/home-school';
import { scopeFor } from '../services/scope';
import { baseAttendance, pupilAttendance } from '../services/attendance';
import { completionBoard, todaySummary } from '../services/register-board';
import { registerSettings, setHomeSchoolCode, setRegisterTimes } from '../services/register-settings';
import { addPupil, getRegister, markAllPresent, markPupil, submitRegister, type RegisterContext } from '../services/registers';
import type { HandlersFor } from './types';

/** Who is at the register and what the classroom clock says. */
export function registerContext(core: KeyDeskCore): RegisterContext {
  const user = core.sessions.requireUser();
  const clock = core.clockNow();
  const timeNow = `${String(clock.getHours()).padStart(2, '0')}:${String(clock.getMinutes()).padStart(2, '0')}`;
  return { userId: user.id, scope: scopeFor(user), today: core.today(), timeNow, now: core.now() };
}

export const registerHandlers: HandlersFor<'registers'> = {
  'registers.get': (input, core) => getRegister(core.requireDb(), input, registerContext(core)),
  'registers.mark': (input, core) => markPupil(core.requireDb(), input, registerContext(core)),
  'registers.markAllPresent': (input, core) => markAllPresent(core.requireDb(), input, registerContext(core)),
  'registers.addPupil': (input, core) => addPupil(core.requireDb(), input, registerContext(core)),
  'registers.submit': (input, core) => submitRegister(core.requireDb(), input, registerContext(core)),
  'registers.completion': (_input, core) => completionBoard(core.requireDb(), registerContext(core)),
  'registers.pupilAttendance': (input, core) => pupilAttendance(core.requireDb(), input, registerContext(core)),
  'registers.homeSchoolSheet': (input, core) => homeSchoolSheet(core.requireDb(), input, registerContext(core).scope),
  'registers.homeSchoolCsv': async (input, core) => {
    const exported = await homeSchoolCsv(core.requireDb(), input, registerContext(core).scope);
    const dates = `${formatUkDate(input.from)} to ${formatUkDate(input.to)}`;
    await core.sessions.record('exported-home-school-codes', `${exported.rows} sessions, ${dates}, ${exported.schoolName ?? 'every home school'}`);
    return { fileName: exported.fileName, csv: exported.csv, rows: exported.rows };
  },
  'registers.today': (_input, core) => todaySummary(core.requireDb(), registerContext(core)),
  'registers.baseAttendance': (input, core) => baseAttendance(core.requireDb(), input, registerContext(core)),
  'registers.settings': (_input, core) => registerSettings(core.requireDb(), core.today()),
  'registers.setTimes': (input, core) => setRegisterTimes(core.requireDb(), input, core.today()),
  'registers.setHomeSchoolCode': (input, core) => setHomeSchoolCode(core.requireDb(), input, core.today()),
};
