import { serviceContext } from '../call-context';
import { formatUkDate } from '../../../shared/domain/dates';
import { homeSchoolCsv, homeSchoolSheet } from '../services/home-school';
import { baseAttendance, pupilAttendance } from '../services/attendance';
import { completionBoard, todaySummary } from '../services/register-board';
import { registerSettings, setHomeSchoolCode, setRegisterTimes } from '../services/register-settings';
import { addPupil, getRegister, markAllPresent, markPupil, submitRegister } from '../services/registers';
import type { HandlersFor } from './types';

export const registerHandlers: HandlersFor<'registers'> = {
  'registers.get': (input, ctx) => getRegister(ctx.db, input, serviceContext(ctx)),
  'registers.mark': (input, ctx) => markPupil(ctx.db, input, serviceContext(ctx)),
  'registers.markAllPresent': (input, ctx) => markAllPresent(ctx.db, input, serviceContext(ctx)),
  'registers.addPupil': (input, ctx) => addPupil(ctx.db, input, serviceContext(ctx)),
  'registers.submit': (input, ctx) => submitRegister(ctx.db, input, serviceContext(ctx)),
  'registers.completion': (_input, ctx) => completionBoard(ctx.db, serviceContext(ctx)),
  'registers.pupilAttendance': (input, ctx) => pupilAttendance(ctx.db, input, serviceContext(ctx)),
  'registers.homeSchoolSheet': (input, ctx) => homeSchoolSheet(ctx.db, input, ctx.scope),
  'registers.homeSchoolCsv': async (input, ctx) => {
    const exported = await homeSchoolCsv(ctx.db, input, ctx.scope);
    const dates = `${formatUkDate(input.from)} to ${formatUkDate(input.to)}`;
    await ctx.core.sessions.record('exported-home-school-codes', `${exported.rows} sessions, ${dates}, ${exported.schoolName ?? 'every home school'}`);
    return { fileName: exported.fileName, csv: exported.csv, rows: exported.rows };
  },
  'registers.today': (_input, ctx) => todaySummary(ctx.db, serviceContext(ctx)),
  'registers.baseAttendance': (input, ctx) => baseAttendance(ctx.db, input, serviceContext(ctx)),
  'registers.settings': (_input, ctx) => registerSettings(ctx.db, ctx.today),
  'registers.setTimes': (input, ctx) => setRegisterTimes(ctx.db, input, ctx.today),
  'registers.setHomeSchoolCode': (input, ctx) => setHomeSchoolCode(ctx.db, input, ctx.today),
};
