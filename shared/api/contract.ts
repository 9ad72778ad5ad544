import { z } from 'zod';
import { KEY_DESK_ACTOR, type AuditPage, type AuditPerson } from '../domain/audit';
import { baseNameSchema, keyStagesSchema, placesSchema, type Base } from '../domain/bases';
import { newPasswordSchema, rolesSchema, staffNameSchema, usernameSchema, type FailedSignIns, type StaffMember } from '../domain/staff';
import type { CallName } from './calls';
import { call, dateField, id, noInput, type CallSpec } from './specs/common';
import { backupCalls } from './specs/backups';
import { calendarCalls } from './specs/calendar';
import { followUpCalls, keyworkerCalls, logCalls, professionalCalls } from './specs/keywork';
import { placementCalls } from './specs/placements';
import { measureCalls, planCalls } from './specs/plans';
import { pupilCalls } from './specs/pupils';
import { registerSettingsCalls } from './specs/register-settings';
import { homeSchoolCalls, registerCalls } from './specs/registers';
import { reportCalls } from './specs/reports';
import type { AppStatus, DeviceSettings } from './status';

/**
 * Every call the UI can make, in one table: its name, the zod schema its input must pass, and
 * (as a phantom type) what it returns. The core's handler table, the preload and the browser-mode
 * client are all built from this, so a call cannot exist in one place and not another. Who may make
 * each call is in access.ts.
 */
const folder = z
  .string({ error: 'Enter a folder.' })
  .trim()
  .min(1, 'Enter a folder.')
  .max(1000, 'That folder path is too long.');

/** A password being typed to prove who you are (not a new one: no strength rules). */
const password = z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(200, 'That password is too long.');

const auditFilters = z
  .object({
    staffId: z.union([z.literal(KEY_DESK_ACTOR), id('member of staff')]).optional(),
    pupilId: id('pupil').optional(),
    from: dateField('the start date').optional(),
    to: dateField('the end date').optional(),
  })
  .strict()
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'The end date is before the start date.', path: ['to'] });

export const contract = {
  'app.status': call<AppStatus>()(noInput),

  'setup.createDatabase': call<{ status: AppStatus; recoveryKey: string }>()(
    z
      .object({
        demo: z.boolean({ error: 'Choose demo data or your own provision.' }),
        provisionName: z
          .string({ error: 'Enter the name of your provision.' })
          .trim()
          .min(1, 'Enter the name of your provision.')
          .max(80, 'The provision name can be at most 80 characters.')
          .optional(),
        /** The first account, a manager and administrator: needed unless this is demo data. */
        manager: z
          .object({ name: staffNameSchema, username: usernameSchema, password: newPasswordSchema })
          .strict()
          .optional(),
        folder: folder.optional(),
      })
      .strict()
      .refine((input) => input.demo || input.manager, {
        message: 'Enter your name, a username and a password for the first account.',
        path: ['manager'],
      }),
  ),
  'setup.openFolder': call<AppStatus>()(z.object({ folder }).strict()),
  'setup.chooseFolder': call<{ folder: string | null }>()(noInput),

  'session.signIn': call<AppStatus>()(
    z
      .object({
        username: usernameSchema,
        password,
        /** Open the data only to look at it, while another Key Desk holds the folder. */
        readOnly: z.boolean().optional(),
      })
      .strict(),
  ),
  'session.recover': call<AppStatus>()(
    z
      .object({
        recoveryKey: z.string({ error: 'Enter the recovery key.' }).trim().min(1, 'Enter the recovery key.').max(100, 'That is not a recovery key.'),
        username: usernameSchema,
        newPassword: newPasswordSchema,
      })
      .strict(),
  ),
  'session.unlock': call<AppStatus>()(z.object({ password }).strict()),
  'session.lock': call<AppStatus>()(noInput),
  'session.signOut': call<AppStatus>()(noInput),
  'session.touch': call<{ autoLockMinutes: number }>()(noInput),
  'session.changePassword': call<{ changed: true }>()(
    z.object({ currentPassword: password, newPassword: newPasswordSchema }).strict(),
  ),

  'bases.list': call<Base[]>()(noInput),
  'bases.update': call<Base>()(
    z
      .object({
        id: id('base'),
        name: baseNameSchema.optional(),
        hostSchool: z
          .string({ error: 'Enter the host school.' })
          .trim()
          .min(1, 'Enter the host school.')
          .max(100, 'The host school can be at most 100 characters.')
          .optional(),
        places: placesSchema.optional(),
        keyStages: keyStagesSchema.optional(),
      })
      .strict(),
  ),

  'settings.get': call<DeviceSettings>()(noInput),
  'settings.update': call<DeviceSettings>()(
    z
      .object({
        defaultBaseId: id('base').nullable().optional(),
        autoLockMinutes: z
          .number({ error: 'Auto-lock must be a number of minutes.' })
          .int('Auto-lock must be a whole number of minutes.')
          .min(1, 'Auto-lock must be at least 1 minute.')
          .max(60, 'Auto-lock can be at most 60 minutes.')
          .optional(),
      })
      .strict(),
  ),

  'staff.list': call<StaffMember[]>()(noInput),
  'staff.create': call<StaffMember>()(
    z
      .object({
        name: staffNameSchema,
        username: usernameSchema,
        roles: rolesSchema,
        baseIds: z.array(id('base'), { error: 'Choose the bases.' }).max(20),
        password: newPasswordSchema,
      })
      .strict(),
  ),
  'staff.update': call<StaffMember>()(
    z
      .object({
        id: id('member of staff'),
        name: staffNameSchema.optional(),
        username: usernameSchema.optional(),
        roles: rolesSchema.optional(),
        baseIds: z.array(id('base'), { error: 'Choose the bases.' }).max(20).optional(),
      })
      .strict(),
  ),
  'staff.setPassword': call<{ changed: true }>()(z.object({ id: id('member of staff'), password: newPasswordSchema }).strict()),
  'staff.remove': call<{ removed: true }>()(z.object({ id: id('member of staff') }).strict()),
  /** Wrong passwords counted against each member of staff now (only those with any). */
  'staff.failedSignIns': call<FailedSignIns[]>()(noInput),
  /** Ends a person's count of wrong passwords and any wait it put on them. */
  'staff.clearFailedSignIns': call<{ cleared: true }>()(z.object({ id: id('member of staff') }).strict()),

  'provision.newRecoveryKey': call<{ recoveryKey: string }>()(z.object({ password }).strict()),

  'audit.list': call<AuditPage>()(
    z
      .object({
        filters: auditFilters.optional(),
        page: z.number().int().min(0, 'Pages start at 0.').max(100_000).optional(),
      })
      .strict()
      .optional(),
  ),
  'audit.people': call<AuditPerson[]>()(noInput),
  'audit.export': call<{ fileName: string; csv: string }>()(z.object({ filters: auditFilters.optional() }).strict().optional()),

  ...pupilCalls,
  ...placementCalls,
  ...calendarCalls,
  ...registerCalls,
  ...homeSchoolCalls,
  ...registerSettingsCalls,
  ...keyworkerCalls,
  ...logCalls,
  ...professionalCalls,
  ...followUpCalls,
  ...planCalls,
  ...measureCalls,
  ...backupCalls,
  ...reportCalls,
} as const satisfies { [N in CallName]: CallSpec<z.ZodType, unknown> };

export type Contract = typeof contract;
export type { CallName };

export type CallInput<N extends CallName> = z.input<Contract[N]['input']>;
/** The input after validation: defaults applied, text trimmed. What handlers receive. */
export type ParsedInput<N extends CallName> = z.output<Contract[N]['input']>;
export type CallOutput<N extends CallName> = NonNullable<Contract[N]['output']>;

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
