import type { CallName } from './calls';

/**
 * The calls a window that has the data open read-only may still make: they look at the data, or move
 * Key Desk on (sign out, another folder). Every other call, including any added later and not listed
 * here, changes something and is refused while read-only (fails closed).
 */
export const READ_ONLY_CALLS: ReadonlySet<CallName> = new Set<CallName>([
  'app.status',
  'setup.createDatabase',
  'setup.openFolder',
  'setup.chooseFolder',
  'session.signIn',
  'session.unlock',
  'session.lock',
  'session.signOut',
  'session.touch',
  'bases.list',
  'settings.get',
  'staff.list',
  'staff.failedSignIns',
  'audit.list',
  'audit.people',
  'audit.export',
  'schools.list',
  'pupils.list',
  'pupils.get',
  'pupils.findDuplicates',
  'pupils.importPreview',
  'pupils.export',
  'placements.previewStart',
  'placements.timetable',
  'placements.board',
  'placements.pipeline',
  'calendar.years',
  'calendar.get',
  'calendar.previewChange',
  'registers.get',
  'registers.completion',
  'registers.pupilAttendance',
  'registers.homeSchoolSheet',
  'registers.homeSchoolCsv',
  'registers.today',
  'registers.baseAttendance',
  'backups.list',
  'backups.create',
  'backups.chooseFolder',
  'backups.inspect',
]);
