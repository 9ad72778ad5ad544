import {
  IconCalendar,
  IconCalendarCheck,
  IconChecklist,
  IconAddressBook,
  IconInbox,
  IconLayoutBoard,
  IconSchool,
  IconClipboardList,
  IconDatabase,
  IconFileText,
  IconHome,
  IconListDetails,
  IconSettings,
  IconUserShield,
  IconUsers,
} from '@tabler/icons-react';
import { ACCESS, rolesAllow, type Access } from '../../../shared/api/access';
import type { Role } from '../../../shared/domain/staff';

/**
 * The app's areas, each shown only to roles that may use it (the core enforces it regardless). Screens
 * about pupils follow the pupil calls, so an administrator-only account sees staff and settings only.
 */
export const NAV: ReadonlyArray<{ to: string; label: string; icon: typeof IconHome; access: Access }> = [
  { to: '/', label: 'Today', icon: IconHome, access: ACCESS['bases.list'] },
  { to: '/registers', label: 'Registers', icon: IconCalendarCheck, access: ACCESS['registers.get'] },
  { to: '/actions', label: 'My actions', icon: IconChecklist, access: ACCESS['log.myActions'] },
  { to: '/pupils', label: 'Pupils', icon: IconUsers, access: ACCESS['pupils.list'] },
  { to: '/placements', label: 'Places', icon: IconLayoutBoard, access: ACCESS['placements.board'] },
  { to: '/referrals', label: 'Referrals', icon: IconInbox, access: ACCESS['placements.pipeline'] },
  { to: '/plans', label: 'Plans', icon: IconClipboardList, access: ACCESS['pupils.list'] },
  { to: '/reports', label: 'Reports', icon: IconFileText, access: ACCESS['pupils.export'] },
  { to: '/schools', label: 'Schools', icon: IconSchool, access: ACCESS['schools.create'] },
  { to: '/professionals', label: 'Professionals', icon: IconAddressBook, access: ACCESS['professionals.list'] },
  { to: '/calendar', label: 'School calendar', icon: IconCalendar, access: ACCESS['calendar.saveTerms'] },
  { to: '/staff', label: 'Staff', icon: IconUserShield, access: ACCESS['staff.create'] },
  { to: '/audit', label: 'Audit trail', icon: IconListDetails, access: ACCESS['audit.list'] },
  { to: '/settings', label: 'Settings', icon: IconSettings, access: ACCESS['bases.update'] },
  { to: '/backups', label: 'Data and backups', icon: IconDatabase, access: ACCESS['backups.list'] },
];

export const navFor = (roles: readonly Role[]) => NAV.filter((item) => rolesAllow(item.access, roles));
