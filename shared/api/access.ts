import type { Role } from '../domain/staff';
import type { CallName } from './calls';

/**
 * Who may make each call. The core checks this on every call, whatever the transport, before the
 * handler runs; the UI uses it only to hide what would be refused.
 * - `anyone`: no sign-in needed (status, signing in, unlocking).
 * - `setup`: anyone while there is no data file to protect (first run, a refused file); at the sign-in
 *   screen anyone may open another folder that holds a data file, but not start a new one; once signed
 *   in, administrators only.
 * - `signed-in`: any member of staff who is signed in and not locked out.
 * - a list of roles: staff with at least one of them.
 */
export type Access = 'anyone' | 'setup' | 'signed-in' | readonly Role[];

const ALL: readonly Role[] = ['teacher', 'manager', 'administrator'];
/** Pupil data (records, placements, the audit trail that holds their values): managers only. */
const MANAGE: readonly Role[] = ['manager'];
/** Reading pupils: teachers (their own bases) and managers. An administrator alone holds no pupil data. */
const READ_PUPILS: readonly Role[] = ['teacher', 'manager'];
/** Staff, bases, schools and the calendar, which hold no pupil data. */
const MANAGE_OR_ADMIN: readonly Role[] = ['manager', 'administrator'];
const ADMIN: readonly Role[] = ['administrator'];
const REGISTERS: readonly Role[] = ['teacher', 'manager'];

export const ACCESS = {
  'app.status': 'anyone',
  'setup.createDatabase': 'setup',
  'setup.openFolder': 'setup',
  'setup.chooseFolder': 'setup',
  'session.signIn': 'anyone',
  'session.recover': 'anyone',
  'session.unlock': 'anyone',
  'session.lock': 'signed-in',
  'session.signOut': 'anyone',
  'session.touch': 'signed-in',
  'session.changePassword': 'signed-in',
  'bases.list': ALL,
  'bases.update': MANAGE_OR_ADMIN,
  'settings.get': ALL,
  'settings.update': ADMIN,
  'staff.list': MANAGE_OR_ADMIN,
  'staff.create': ADMIN,
  'staff.update': ADMIN,
  'staff.setPassword': ADMIN,
  'staff.remove': ADMIN,
  'staff.failedSignIns': ADMIN,
  'staff.clearFailedSignIns': ADMIN,
  'provision.newRecoveryKey': MANAGE_OR_ADMIN,
  'audit.list': MANAGE,
  'audit.people': MANAGE,
  'audit.export': MANAGE,
  'schools.list': ALL,
  'schools.create': MANAGE_OR_ADMIN,
  'schools.update': MANAGE_OR_ADMIN,
  // Teachers see only pupils with a referral or placement at one of their bases (enforced in the pupils service).
  'pupils.list': READ_PUPILS,
  'pupils.get': READ_PUPILS,
  'pupils.findDuplicates': MANAGE,
  'pupils.create': MANAGE,
  'pupils.update': MANAGE,
  'contacts.save': MANAGE,
  'contacts.remove': MANAGE,
  'pupils.importPreview': MANAGE,
  'pupils.import': MANAGE,
  'pupils.export': MANAGE,
  'placements.refer': MANAGE,
  'placements.decide': MANAGE,
  'placements.recordVisits': MANAGE,
  'placements.previewStart': MANAGE,
  'placements.agreeStart': MANAGE,
  'placements.end': MANAGE,
  'placements.addFollowUp': MANAGE,
  // Teachers: their own bases' pupils only, as for pupils.get.
  'placements.timetable': READ_PUPILS,
  'placements.board': READ_PUPILS,
  'placements.pipeline': MANAGE,
  'calendar.years': ALL,
  'calendar.get': ALL,
  'calendar.saveTerms': MANAGE,
  'calendar.addClosure': MANAGE,
  'calendar.removeClosure': MANAGE,
  'calendar.copyYear': MANAGE,
  'calendar.previewChange': MANAGE,
  // Teachers take and amend registers at their own bases only (enforced in the registers service).
  'registers.get': REGISTERS,
  'registers.mark': REGISTERS,
  'registers.markAllPresent': REGISTERS,
  'registers.addPupil': REGISTERS,
  'registers.submit': REGISTERS,
  'registers.completion': REGISTERS,
  'registers.pupilAttendance': REGISTERS,
  // Home school sheets: teachers see their own bases' pupils only.
  'registers.homeSchoolSheet': REGISTERS,
  'registers.homeSchoolCsv': REGISTERS,
  'registers.today': REGISTERS,
  'registers.baseAttendance': REGISTERS,
  // Register times and the home schools' code hold no pupil data: set where the bases are.
  'registers.settings': ALL,
  'registers.setTimes': MANAGE_OR_ADMIN,
  'registers.setHomeSchoolCode': MANAGE_OR_ADMIN,
  // The keyworker log: teachers for pupils at their own bases, managers for every pupil (enforced in
  // the keywork services, as for pupils.get). Only a manager chooses or changes a keyworker.
  'keyworkers.forPupil': READ_PUPILS,
  'keyworkers.assign': MANAGE,
  'log.list': READ_PUPILS,
  'log.add': READ_PUPILS,
  'log.correct': READ_PUPILS,
  'log.markDone': READ_PUPILS,
  'log.previewDue': READ_PUPILS,
  'log.export': READ_PUPILS,
  'log.myActions': READ_PUPILS,
  // The directory holds no pupil data; links to pupils are scoped like the log.
  'professionals.list': READ_PUPILS,
  'professionals.save': READ_PUPILS,
  'professionals.forPupil': READ_PUPILS,
  'professionals.link': READ_PUPILS,
  'professionals.unlink': READ_PUPILS,
  'followUps.forPlacement': READ_PUPILS,
  'followUps.saveBefore': MANAGE,
  'followUps.settings': READ_PUPILS,
  'followUps.saveSettings': MANAGE,
  // Teachers write and review plans for pupils at their own bases (scoped in the services); managers for all.
  'plans.list': READ_PUPILS,
  'plans.forPupil': READ_PUPILS,
  'plans.start': READ_PUPILS,
  'plans.newDraft': READ_PUPILS,
  'plans.saveDraft': READ_PUPILS,
  'plans.setReviewWeeks': READ_PUPILS,
  'plans.review': READ_PUPILS,
  'plans.cohort': READ_PUPILS,
  'measures.add': READ_PUPILS,
  'measures.correct': READ_PUPILS,
  // Backups hold every pupil's record: managers look after them (Data and backups).
  'backups.list': MANAGE,
  'backups.create': MANAGE,
  'backups.chooseFolder': MANAGE,
  'backups.inspect': MANAGE,
  'backups.restore': MANAGE,
  // The fire list names the pupils on site: the staff who take registers.
  'reports.fireList': REGISTERS,
  // The reintegration report and its texts: whoever may read the pupil's plan (scoped to their bases).
  'reports.reintegration': READ_PUPILS,
  'reports.texts': READ_PUPILS,
  'reports.saveTexts': READ_PUPILS,
  // A pupil's passport and the impact report: teachers for their own bases (scoped in the services), managers for all.
  'reports.passport': READ_PUPILS,
  'reports.impact': READ_PUPILS,
  // Issued reports and batches: as the reports themselves (teachers their own bases, in the services; managers all).
  'reports.issue': READ_PUPILS,
  'reports.issuedList': READ_PUPILS,
  'reports.reprint': READ_PUPILS,
  'reports.batchStart': READ_PUPILS,
  'reports.batchStatus': READ_PUPILS,
  'reports.batchCancel': READ_PUPILS,
  'reports.chooseFolder': READ_PUPILS,
} as const satisfies Record<CallName, Access>;

/** Whether someone with `roles` may make a call guarded by role (the UI's view of the table). */
export function rolesAllow(access: Access, roles: readonly Role[]): boolean {
  if (access === 'anyone' || access === 'signed-in') return true;
  if (access === 'setup') return roles.includes('administrator');
  return access.some((role) => roles.includes(role));
}
