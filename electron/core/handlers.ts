import type { CallName } from '../../shared/api/contract';
import { requireUser, type CallContext } from './call-context';
import { calendarHandlers } from './handlers/calendar';
import { followUpHandlers, keyworkerHandlers, logHandlers, professionalHandlers } from './handlers/keywork';
import { measureHandlers, planHandlers } from './handlers/plans';
import { placementHandlers } from './handlers/placements';
import { contactHandlers, pupilHandlers, schoolHandlers } from './handlers/pupils';
import { backupHandlers } from './handlers/backups';
import { registerHandlers } from './handlers/registers';
import { reportHandlers } from './handlers/reports';
import type { Handler } from './handlers/types';
import { UserError } from './errors';
import { setAutoLockMinutes, getProvision } from './repositories/provision';
import { listAuditPeople } from './repositories/audit';
import { findStaff, listStaff } from './repositories/staff';
import { exportAudit, listAuditPage } from './services/audit';
import { findBase, listBases } from './repositories/bases';
import { changeBase } from './services/bases';
import { addStaffMember, changeStaffMember, removeStaffMember, setStaffPassword } from './services/staff';

/** One handler per call in the contract: a missing or misspelt one fails to compile. */
export type Handlers = { [N in CallName]: Handler<N> };

async function deviceSettings(ctx: CallContext) {
  const provision = await getProvision(ctx.db);
  return { defaultBaseId: ctx.core.settings.get().defaultBaseId, autoLockMinutes: provision?.autoLockMinutes ?? 5 };
}

export const handlers: Handlers = {
  'app.status': (_input, ctx) => ctx.core.status(),

  'setup.createDatabase': (input, ctx) => ctx.core.createDatabase(input),
  'setup.openFolder': (input, ctx) => ctx.core.openFolder(input.folder),
  'setup.chooseFolder': async (_input, ctx) => {
    if (!ctx.core.platform.canChooseFolder) {
      throw new UserError('NOT_AVAILABLE', 'Choosing a folder needs the desktop app. Type the folder path instead.');
    }
    return { folder: await ctx.core.platform.chooseFolder() };
  },

  'session.signIn': (input, ctx) => ctx.core.sessions.signIn(input.username, input.password, input.readOnly ?? false),
  'session.recover': (input, ctx) => ctx.core.sessions.recover(input.recoveryKey, input.username, input.newPassword),
  'session.unlock': (input, ctx) => ctx.core.sessions.unlock(input.password),
  'session.lock': (_input, ctx) => ctx.core.sessions.lock(),
  'session.signOut': (_input, ctx) => ctx.core.sessions.signOut(),
  'session.touch': async (_input, ctx) => ({ autoLockMinutes: (await deviceSettings(ctx)).autoLockMinutes }),
  'session.changePassword': (input, ctx) => ctx.core.sessions.changePassword(input.currentPassword, input.newPassword),

  'bases.list': (_input, ctx) => listBases(ctx.db, ctx.today),
  'bases.update': (input, ctx) => changeBase(ctx.db, input, ctx.today, ctx.now),

  'settings.get': (_input, ctx) => deviceSettings(ctx),
  'settings.update': async (input, ctx) => {
    if (input.defaultBaseId) {
      if (!(await findBase(ctx.db, input.defaultBaseId, ctx.today))) {
        throw new UserError('NOT_FOUND', 'That base is not one Key Desk knows.', 'defaultBaseId');
      }
    }
    if (input.defaultBaseId !== undefined) {
      ctx.core.settings.update({ defaultBaseId: input.defaultBaseId });
      await ctx.core.sessions.record('changed-setting', `this PC's base: ${input.defaultBaseId ?? 'none'}`);
    }
    if (input.autoLockMinutes !== undefined) await setAutoLockMinutes(ctx.db, input.autoLockMinutes);
    return deviceSettings(ctx);
  },

  'staff.list': (_input, ctx) => listStaff(ctx.db),
  'staff.create': (input, ctx) => addStaffMember(ctx.core.requireFile(), input, ctx.today, ctx.now),
  'staff.update': async (input, ctx) => {
    const member = await changeStaffMember(ctx.core.requireFile(), input, ctx.today, ctx.now);
    await ctx.core.sessions.refreshUser();
    return member;
  },
  'staff.setPassword': async (input, ctx) => {
    const member = await setStaffPassword(ctx.core.requireFile(), input.id, input.password);
    await ctx.core.sessions.record('password-set', `for ${member.name}`, { entity: 'staff', entityId: member.id });
    await ctx.core.sessions.clearFailedSignIns(member, 'a new password was set');
    return { changed: true };
  },
  'staff.remove': async (input, ctx) => {
    await removeStaffMember(ctx.core.requireFile(), input.id, requireUser(ctx).id, ctx.now);
    return { removed: true };
  },

  'staff.failedSignIns': async (_input, ctx) => ctx.core.sessions.failedSignIns(await listStaff(ctx.db)),
  'staff.clearFailedSignIns': async (input, ctx) => {
    const member = await findStaff(ctx.db, input.id);
    if (!member) throw new UserError('NOT_FOUND', 'That member of staff is not one Key Desk knows.', 'id');
    await ctx.core.sessions.clearFailedSignIns(member, 'an administrator let them try again');
    return { cleared: true };
  },

  'provision.newRecoveryKey': (input, ctx) => ctx.core.sessions.newRecoveryKey(input.password),

  'audit.list': (input, ctx) => listAuditPage(ctx.db, input?.filters ?? {}, input?.page ?? 0),
  'audit.people': (_input, ctx) => listAuditPeople(ctx.db),
  'audit.export': async (input, ctx) => {
    const exported = await exportAudit(ctx.db, input?.filters ?? {}, ctx.today);
    await ctx.core.sessions.record('exported-audit-log', `${exported.rows} entries`);
    return { fileName: exported.fileName, csv: exported.csv };
  },

  ...schoolHandlers,
  ...pupilHandlers,
  ...contactHandlers,
  ...placementHandlers,
  ...calendarHandlers,
  ...registerHandlers,
  ...keyworkerHandlers,
  ...logHandlers,
  ...professionalHandlers,
  ...followUpHandlers,
  ...planHandlers,
  ...measureHandlers,
  ...backupHandlers,
  ...reportHandlers,
};
