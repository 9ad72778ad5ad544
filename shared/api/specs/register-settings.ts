import { z } from 'zod';
import { afternoonAfterMorning, homeSchoolAttendedCodeSchema, registerTimesShape, type BaseRegisterTimes, type RegisterSettings } from '../../domain/register-settings';
import { call, id, noInput } from './common';

export const registerSettingsCalls = {
  /** Each base's register times and the code home schools enter for a session at the Key. */
  'registers.settings': call<RegisterSettings>()(noInput),
  /** When a base's morning and afternoon registers open and close (each at most 30 minutes open). Audited. */
  'registers.setTimes': call<BaseRegisterTimes>()(z.object({ baseId: id('base'), ...registerTimesShape }).strict().superRefine(afternoonAfterMorning)),
  /** The code home schools enter when the pupil attended the Key (K, or another approved educational activity code). Audited. */
  'registers.setHomeSchoolCode': call<RegisterSettings>()(z.object({ attendedCode: homeSchoolAttendedCodeSchema }).strict()),
};
