import type { CallName } from '../../shared/api/contract';
import type { KeyDeskCore } from './core';
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

async function deviceSettings(core: KeyDeskCore) {
  const provision = await getProvision(core.requireDb());
  return { defaultBaseId: core.settings.get().defaultBaseId, autoLockMinutes: provision?.autoLockMinutes ?? 5 };
}

export const handlers: Handlers = {
  'app.status': (_input, core) => core.status(),

  'setup.createDatabase': (input, core) => core.createDatabase(input),
  'setup.openFolder': (input, core) => core.openFolder(input.folder),
  'setup.chooseFolder': async (_input, core) => {
    if (!core.platform.canChooseFolder) {
      throw new UserError('NOT_AVAILABLE', 'Choosing a folder needs the desktop app. Type the folder path instead.');
    }
    return { folder: await core.platform.chooseFolder() };
  },

  'session.signIn': (input, core) => core.sessions.signIn(input.username, input.password, input.readOnly ?? false),
  'session.recover': (input, core) => core.sessions.recover(input.recoveryKey, input.username, input.newPassword),
  'session.unlock': (input, core) => core.sessions.unlock(input.password),
  'session.lock': (_input, core) => core.sessions.lock(),
  'session.signOut': (_input, core) => core.sessions.signOut(),
  'session.touch': async (_input, core) => ({ autoLockMinutes: (await deviceSettings(core)).autoLockMinutes }),
  'session.changePassword': (input, core) => core.sessions.changePassword(input.currentPassword, input.newPassword),

  'bases.list': (_input, core) => listBases(core.requireDb(), core.today()),
  'bases.update': (input, core) => changeBase(core.requireDb(), input, core.today(), core.now()),

  'settings.get': (_input, core) => deviceSettings(core),
  'settings.update': async (input, core) => {
    if (input.defaultBaseId) {
      if (!(await findBase(core.requireDb(), input.defaultBaseId, core.today()))) {
        throw new UserError('NOT_FOUND', 'That base is not one Key Desk knows.', 'defaultBaseId');
      }
    }
    if (input.defaultBaseId !== undefined) {
      core.settings.update({ defaultBaseId: input.defaultBaseId });
      await core.sessions.record('changed-setting', `this PC's base: ${input.defaultBaseId ?? 'none'}`);
    }
    if (input.autoLockMinutes !== undefined) await setAutoLockMinutes(core.requireDb(), input.autoLockMinutes);
    return deviceSettings(core);
  },

  'staff.list': (_input, core) => listStaff(core.requireDb()),
  'staff.create': (input, core) => addStaffMember(core.requireFile(), input, core.today(), core.now()),
  'staff.update': async (input, core) => {
    const member = await changeStaffMember(core.requireFile(), input, core.today(), core.now());
    await core.sessions.refreshUser();
    return member;
  },
  'staff.setPassword': async (input, core) => {
    const member = await setStaffPassword(core.requireFile(), input.id, input.password);
    await core.sessions.record('password-set', `for ${member.name}`, { entity: 'staff', entityId: member.id });
    await core.sessions.clearFailedSignIns(member, 'a new password was set');
    return { changed: true };
  },
  'staff.remove': async (input, core) => {
    await removeStaffMember(core.requireFile(), input.id, core.sessions.requireUser().id, core.now());
    return { removed: true };
  },

  'staff.failedSignIns': async (_input, core) => core.sessions.failedSignIns(await listStaff(core.requireDb())),
  'staff.clearFailedSignIns': async (input, core) => {
    const member = await findStaff(core.requireDb(), input.id);
    if (!member) throw new UserError('NOT_FOUND', 'That member of staff is not one Key Desk knows.', 'id');
    await core.sessions.clearFailedSignIns(member, 'an administrator let them try again');
    return { cleared: true };
  },

  'provision.newRecoveryKey': (input, core) => core.sessions.newRecoveryKey(input.password),

  'audit.list': (input, core) => listAuditPage(core.requireDb(), input?.filters ?? {}, input?.page ?? 0),
  'audit.people': (_input, core) => listAuditPeople(core.requireDb()),
  'audit.export': async (input, core) => {
    const exported = await exportAudit(core.requireDb(), input?.filters ?? {}, core.today());
    await core.sessions.record('exported-audit-log', `${exported.rows} entries`);
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
